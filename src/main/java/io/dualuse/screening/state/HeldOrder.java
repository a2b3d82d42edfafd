package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.review.HoldStep;
import io.dualuse.screening.core.rules.ControlNumber;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.OrderEvents;
import io.dualuse.screening.wire.PackedBytes;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An order waiting for compliance: the order (as received, to screen it again), the decision in
 * force, when it was first held, and what happened since.
 *
 * <p>Open holds pile up until someone reviews them, so each keeps in the heap only the few fields
 * that lists and licence changes filter on; the order and the decision are Avro bytes (about a
 * quarter of their object graphs), lz4-packed (a quarter of that again), in {@link HoldPayloads}
 * (on disk by default), unpacked when a hold is shown or screened again.
 */
public final class HeldOrder {

    private final String orderId;
    private final long orderVersion;
    private final String exporterId;
    private final String finalDestination;
    private final DecisionStatus status;
    private final Set<ReasonCode> reasonCodes;
    /** customs codes of the lines and control numbers of the reasons: what a licence can cover */
    private final Set<String> licensable;
    /** the order's and then the decision's Avro bytes, lz4-packed (wire.PackedBytes) */
    private final HoldPayloads.Payload payload;
    private final int eventLength;
    private final Instant openedAt;
    private final List<HoldStep> history;

    /**
     * The order and the decision as Avro single-object bytes when the caller has them already (the
     * pipeline has the order's bytes as read, and encodes each decision once for all its uses).
     */
    public record Encoded(byte[] event, byte[] decision) {

        /** {@code known}, or the order and the decision encoded now. */
        public static Encoded of(Encoded known, OrderEvent event, Decision decision) {
            return known != null ? known : new Encoded(AvroCodec.instance().encode(event),
                    AvroCodec.instance().encode(DecisionEvents.toEvent(decision)));
        }

        /** Both, one after the other, lz4-packed (wire.PackedBytes). */
        byte[] pack() {
            return PackedBytes.pack(event, decision);
        }

        /** What {@link #pack} made, split again at the order's length. */
        static Encoded unpack(byte[] packed, int eventLength) {
            byte[] both = PackedBytes.unpack(packed);
            return new Encoded(Arrays.copyOf(both, eventLength), Arrays.copyOfRange(both, eventLength, both.length));
        }
    }

    /**
     * @param encoded  null, or the order's and the decision's bytes, so as not to encode them again
     * @param payloads where the packed bytes go
     */
    public HeldOrder(Order order, OrderEvent event, Decision decision, Encoded encoded, Instant openedAt, List<HoldStep> history,
                     HoldPayloads payloads) {
        this.orderId = order.orderId();
        this.orderVersion = order.orderVersion();
        // interned: a few hundred exporters, destinations and codes repeat over tens of thousands of holds
        this.exporterId = order.exporter() == null ? "" : order.exporter().id().intern();
        this.finalDestination = order.finalDestination() == null ? null : order.finalDestination().intern();
        this.status = decision.status();
        Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
        Set<String> keys = new LinkedHashSet<>();
        for (OrderLine line : order.lines()) {
            if (line.commodityCode() != null) {
                keys.add(line.commodityCode().intern());
            }
        }
        for (Reason r : decision.reasons()) {
            codes.add(r.code());
            if (r.controlNumber() != null) {
                keys.add(r.controlNumber().intern());
            }
        }
        this.reasonCodes = codes;
        this.licensable = Set.copyOf(keys);
        Encoded bytes = Encoded.of(encoded, event, decision);
        this.payload = payloads.store(bytes.pack());
        this.eventLength = bytes.event().length;
        this.openedAt = openedAt;
        this.history = List.copyOf(history);
    }

    public String orderId() {
        return orderId;
    }

    public long orderVersion() {
        return orderVersion;
    }

    /** Empty when the order names no exporter. */
    public String exporterId() {
        return exporterId;
    }

    public String finalDestination() {
        return finalDestination;
    }

    public DecisionStatus status() {
        return status;
    }

    public boolean hasReason(ReasonCode code) {
        return reasonCodes.contains(code);
    }

    /**
     * True when a licence listing any of these customs codes or control numbers may bear on this hold;
     * a licence for a heading ({@code 1C117.d}) bears on its items ({@code 1C117.d.1}).
     */
    public boolean mentionsAny(Set<String> codesOrControlNumbers) {
        for (String k : licensable) {
            if (codesOrControlNumbers.contains(k)) {
                return true;
            }
            for (String c : codesOrControlNumbers) {
                if (ControlNumber.encloses(c, k)) {
                    return true;
                }
            }
        }
        return false;
    }

    public OrderEvent event() {
        return AvroCodec.instance().decode(Encoded.unpack(payload.bytes(), eventLength).event(), OrderEvent.class);
    }

    public Order order() {
        return OrderEvents.toOrder(event());
    }

    public Decision decision() {
        return DecisionEvents.fromEvent(AvroCodec.instance().decode(
                Encoded.unpack(payload.bytes(), eventLength).decision(), ScreeningDecision.class));
    }

    public Instant openedAt() {
        return openedAt;
    }

    public List<HoldStep> history() {
        return history;
    }
}
