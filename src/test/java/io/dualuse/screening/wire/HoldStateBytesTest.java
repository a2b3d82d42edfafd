package io.dualuse.screening.wire;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.TestOrders;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hold-state bytes put together from parts are exactly what encoding the whole record gives. */
class HoldStateBytesTest {

    private static final AvroCodec CODEC = AvroCodec.instance();
    private static final Instant OPENED = Instant.parse("2026-11-22T10:00:00Z");

    private final OrderEvent event = TestOrders.japaneseMilitary("HOLD-BYTES-1");
    private final Decision decision = Fixtures.screener().screen(OrderEvents.toOrder(event), new InMemoryLicenseRegistry());
    private final List<HoldEvent> history = List.of(
            new HoldEvent(OPENED, "SCREENED", io.dualuse.screening.decision.event.DecisionStatus.REJECT, null, null),
            new HoldEvent(OPENED.plusSeconds(60), "REVIEWED", io.dualuse.screening.decision.event.DecisionStatus.HOLD, "officer", "asked for papers"));

    @Test
    void composedBytesEqualTheEncodedRecordAndDecodeBack() {
        assertThat(decision.status()).isEqualTo(DecisionStatus.REJECT);
        ScreeningDecision decisionEvent = DecisionEvents.toEvent(decision);
        HoldRecord whole = new HoldRecord("HOLD-BYTES-1", event, decisionEvent, OPENED, history);

        byte[] composed = HoldStateBytes.compose("HOLD-BYTES-1", CODEC.encode(event), CODEC.encode(decisionEvent), OPENED, history);

        assertThat(composed).isEqualTo(CODEC.encode(whole));
        assertThat(CODEC.decode(composed, HoldRecord.class)).isEqualTo(whole);
    }

    @Test
    void anOrderWrittenWithAnotherSchemaIsNotEmbeddedAsIs() throws Exception {
        // the same order under a writer schema with one more field: its body cannot be copied in
        Schema older = SchemaBuilder.record("OrderEvent").namespace("io.dualuse.screening.order.event").fields()
                .requiredString("orderId").endRecord();
        GenericData.Record r = new GenericData.Record(older);
        r.put("orderId", "HOLD-BYTES-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0xC3, 0x01});
        out.write(new byte[8]); // some other fingerprint
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(older, SpecificData.get()).write(r, encoder);
        encoder.flush();

        assertThat(HoldStateBytes.compose("HOLD-BYTES-1", out.toByteArray(),
                CODEC.encode(DecisionEvents.toEvent(decision)), OPENED, history)).isNull();
    }
}
