package io.dualuse.screening.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Hold payloads on disk: what goes in comes out, a fresh start forgets, and collected holds free their keys. */
class DiskHoldPayloadsTest {

    @Test
    void eachPayloadReadsBackItsOwnBytes(@TempDir Path dir) {
        try (DiskHoldPayloads store = DiskHoldPayloads.open(Optional.of(dir.resolve("holds")))) {
            Random random = new Random(11);
            List<byte[]> written = new ArrayList<>();
            List<HoldPayloads.Payload> handles = new ArrayList<>();
            // more than the 8 MB write buffer, so that some are read back from table files
            for (int i = 0; i < 6_000; i++) {
                byte[] b = new byte[1 + random.nextInt(3_000)];
                random.nextBytes(b);
                written.add(b);
                handles.add(store.store(b));
            }
            for (int i = 0; i < written.size(); i++) {
                assertThat(handles.get(i).bytes()).as("payload %d", i).isEqualTo(written.get(i));
            }
            assertThat(store.stored()).isEqualTo(6_000);
        }
    }

    @Test
    void aNewStoreInTheSameDirectoryStartsEmpty(@TempDir Path dir) throws Exception {
        Path holds = dir.resolve("holds");
        try (DiskHoldPayloads first = DiskHoldPayloads.open(Optional.of(holds))) {
            first.store(new byte[]{1, 2, 3});
        }
        try (DiskHoldPayloads second = DiskHoldPayloads.open(Optional.of(holds))) {
            assertThat(second.stored()).isZero();
            assertThat(second.store(new byte[]{4}).bytes()).containsExactly(4);
        }
        assertThat(Files.exists(holds)).as("a configured directory is kept").isTrue();
    }

    @Test
    void aTemporaryDirectoryIsRemovedOnClose() {
        DiskHoldPayloads store = DiskHoldPayloads.open(Optional.empty());
        HoldPayloads.Payload p = store.store(new byte[]{9});
        assertThat(p.bytes()).containsExactly(9);
        Path dir = store.dir();
        assertThat(Files.isDirectory(dir)).isTrue();

        store.close();

        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(p::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // the pipeline's last batch may still store while the service stops: kept in the heap then
        assertThat(store.store(new byte[]{7}).bytes()).containsExactly(7);
    }

    @Test
    void aCollectedHandleFreesItsKey(@TempDir Path dir) {
        try (DiskHoldPayloads store = DiskHoldPayloads.open(Optional.of(dir.resolve("holds")))) {
            HoldPayloads.Payload kept = store.store(new byte[]{1});
            for (int i = 0; i < 100; i++) {
                store.store(new byte[]{2}); // dropped at once, as a hold replaced in the book
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                System.gc();
                assertThat(store.stored()).isEqualTo(1);
            });
            assertThat(kept.bytes()).containsExactly(1);
        }
    }
}
