package io.dualuse.screening.pipeline;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.order.event.ElementContent;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.ScreeningMetrics;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.RecordMutations;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.WireFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fuzz of the intake (issue #18): valid orders' bytes mutated (bits flipped, bytes
 * replaced, slices cut, copied or inserted, lengths and counts inflated to the billions, truncated)
 * and each result checked as the pipeline checks a record. Whatever comes in, the intake answers:
 * an order, which the screener then decides without failing, or a dead letter whose code says the
 * record's fault (never INTERNAL_ERROR, which would be ours) and names a field. A failure prints
 * the seed and case to replay.
 */
class IntakeFuzzTest {

    private static final long SEED = 18;
    private static final int CASES = 20_000;
    private static final Set<String> RECORD_FAULTS = Set.of("UNDECODABLE", "SCHEMA_MISMATCH", "CONTRACT_VIOLATION");

    private final OrderIntake intake = new OrderIntake("routed", "dlq", new ScreeningMetrics(new SimpleMeterRegistry()),
            WireFormat.of(java.util.Map.of()), 1_000_000);
    private final Screener screener = Fixtures.screener();

    private static List<byte[]> validOrders() {
        OrderEvent military = TestOrders.japaneseMilitary("FUZZ-JP");
        OrderEvent magnets = TestOrders.civil("FUZZ-DE", "DE", TestOrders.dyMagnet(1), TestOrders.apt(2, "120"), TestOrders.tShirts(3)).build();
        magnets.setIntermediaries(new ArrayList<>(List.of(Party.newBuilder().setName("Busan Trading").setCountry("KR").setRole("distributor").build())));
        magnets.getLines().get(0).getComposition().add(new ElementContent("Tb", "0.2"));
        magnets.setLicenseNumbers(new ArrayList<>(List.of("LIC-2026-001")));
        return List.of(AvroCodec.instance().encode(military), AvroCodec.instance().encode(magnets));
    }

    @Test
    void everyMutatedOrderIsDecidedOrDeadLetteredForItsOwnFault() {
        Random random = new Random(SEED);
        List<byte[]> originals = validOrders();
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] original = originals.get(i % originals.size());
            byte[] mutated = RecordMutations.mutate(original, random);
            String replay = "seed " + SEED + ", case " + i + ": " + Arrays.toString(mutated);
            OrderIntake.Checked checked;
            try {
                checked = intake.check(new ConsumerRecord<>("orders.v1", 0, i, "key", mutated));
            } catch (RuntimeException e) {
                throw new AssertionError("intake threw on " + replay, e);
            }
            if (checked.accepted()) {
                accepted++;
                try {
                    Decision d = screener.screen(checked.order(), new InMemoryLicenseRegistry());
                    assertThat(d.reasons()).as(replay).isNotEmpty();
                } catch (RuntimeException e) {
                    throw new AssertionError("screener threw on an accepted order, " + replay, e);
                }
            } else {
                var dead = checked.deadLetter();
                assertThat(header(dead.headers().lastHeader(OrderIntake.HEADER_CODE))).as(replay).isIn(RECORD_FAULTS);
                assertThat(header(dead.headers().lastHeader(OrderIntake.HEADER_FIELD))).as(replay).isNotBlank();
                assertThat(header(dead.headers().lastHeader(OrderIntake.HEADER_REASON))).as(replay).isNotBlank();
                assertThat((byte[]) dead.value()).as("the dead letter carries the record as it came").isEqualTo(mutated);
            }
        }
        // the mutations reach the checks behind decoding, not only the decoder
        assertThat(accepted).isBetween(CASES / 50, CASES - CASES / 10);
    }

    @Test
    void aRecordClaimingAGigabyteStringIsRefusedBeforeTheAllocation() {
        byte[] order = validOrders().get(0);
        // the body starts with orderId: a zig-zag varint length, then its bytes. Claim 1 GB instead.
        ByteArrayOutputStream poisoned = new ByteArrayOutputStream();
        poisoned.write(order, 0, AvroCodec.HEADER_LENGTH);
        RecordMutations.writeVarint(poisoned, 1_000_000_000L);
        poisoned.write(order, AvroCodec.HEADER_LENGTH + 1, order.length - AvroCodec.HEADER_LENGTH - 1);

        OrderIntake.Checked checked = intake.check(new ConsumerRecord<>("orders.v1", 0, 0, "key", poisoned.toByteArray()));

        assertThat(checked.accepted()).isFalse();
        assertThat(header(checked.deadLetter().headers().lastHeader(OrderIntake.HEADER_CODE))).isEqualTo("UNDECODABLE");
        assertThat(header(checked.deadLetter().headers().lastHeader(OrderIntake.HEADER_REASON)))
                .contains("String length 1000000000 exceeds maximum allowed");
    }

    private static String header(Header h) {
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
