package io.dualuse.screening.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a killed process leaves in the temporary folder (issue #18: 346 MB after nine kill -9) is
 * removed by the next start, and nothing a running process uses is.
 */
class LocalStoreDirectoryTest {

    private static final Instant STARTED = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void storesNoProcessHoldsAndLibrariesFromBeforeTheStartAreRemoved(@TempDir Path temp) throws Exception {
        Path killed = Files.createDirectories(temp.resolve(LocalStoreDirectory.PREFIX + "killed"));
        Files.writeString(killed.resolve(LocalStoreDirectory.LOCK_FILE), "");
        Files.write(Files.createDirectories(killed.resolve("db")).resolve("000001.sst"), new byte[1024]);
        Path olderBuild = Files.createDirectories(temp.resolve(LocalStoreDirectory.PREFIX + "older-build"));
        Files.setLastModifiedTime(olderBuild, FileTime.from(STARTED.minus(Duration.ofHours(1))));
        Path oldLibrary = Files.write(temp.resolve("librocksdbjni4242.so"), new byte[16]);
        Files.setLastModifiedTime(oldLibrary, FileTime.from(STARTED.minus(Duration.ofMinutes(5))));

        Path starting = Files.createDirectories(temp.resolve(LocalStoreDirectory.PREFIX + "starting"));
        Files.setLastModifiedTime(starting, FileTime.from(STARTED.plusSeconds(1)));
        Path newLibrary = Files.write(temp.resolve("librocksdbjni4343.so"), new byte[16]);
        Files.setLastModifiedTime(newLibrary, FileTime.from(STARTED.plusSeconds(1)));
        Path other = Files.write(temp.resolve("unrelated.txt"), new byte[1]);
        Files.setLastModifiedTime(other, FileTime.from(STARTED.minus(Duration.ofDays(1))));

        Path mine = Files.createDirectories(temp.resolve(LocalStoreDirectory.PREFIX + "mine"));
        try (LocalStoreDirectory.Ownership owned = LocalStoreDirectory.own(mine)) {
            assertThat(LocalStoreDirectory.sweep(temp, STARTED)).isEqualTo(3);
            assertThat(owned.lock().isValid()).as("probing others leaves this process's lock alone").isTrue();
        }

        assertThat(killed).doesNotExist();
        assertThat(olderBuild).doesNotExist();
        assertThat(oldLibrary).doesNotExist();
        assertThat(starting).exists();
        assertThat(newLibrary).exists();
        assertThat(other).exists();
        assertThat(mine).exists();
    }

    @Test
    void aStoreLockedByAnotherRunningProcessIsKept(@TempDir Path temp) throws Exception {
        Path theirs = Files.createDirectories(temp.resolve(LocalStoreDirectory.PREFIX + "theirs"));
        Path holder = Files.writeString(temp.resolve("HoldLock.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                             var lock = c.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read(); // until the test closes our stdin
                        }
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), holder.toString(),
                theirs.resolve(LocalStoreDirectory.LOCK_FILE).toString()).redirectErrorStream(true).start();
        try {
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThat(LocalStoreDirectory.sweep(temp, STARTED.plus(Duration.ofDays(36500)))).isZero();
            assertThat(theirs).exists();
        } finally {
            process.getOutputStream().close();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        // the same directory once its process is gone
        assertThat(LocalStoreDirectory.sweep(temp, STARTED)).isEqualTo(1);
        assertThat(theirs).doesNotExist();
    }
}
