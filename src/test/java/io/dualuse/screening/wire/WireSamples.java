package io.dualuse.screening.wire;

import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.license.event.LicenseStatus;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.parties.event.PartyFinding;
import io.dualuse.screening.parties.event.PartyListVersion;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.review.event.ReviewAction;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.rules.event.RulesetActivation;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.TestOrders;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;

/** One record of each type the service writes, with nested records, unions, enums and timestamps filled. */
final class WireSamples {

    private WireSamples() {
    }

    static List<SpecificRecord> oneOfEach() {
        OrderEvent order = TestOrders.japaneseMilitary("WIRE-1");
        // a real decision (HOLD with reasons and evidence), not a hand-made one
        ScreeningDecision decision = DecisionEvents.toEvent(
                Fixtures.screener().screen(OrderEvents.toOrder(order), new InMemoryLicenseRegistry()));
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        return List.of(order, decision,
                LicenseRecord.newBuilder().setLicenseNumber("LIC-1").setExporterId("EXP-T-1")
                        .setControlNumbers(List.of("1C904.b")).setCommodityCodes(List.of("8505111000"))
                        .setDestinationCountry("JP").setEndUserName("JGSDF Procurement").setQuantity("100")
                        .setUnit("KG").setValidFrom("2026-01-01").setValidTo("2026-12-31")
                        .setStatus(LicenseStatus.ACTIVE).setRegisteredBy("officer").build(),
                LedgerEntry.newBuilder().setLicenseNumber("LIC-1").setOrderId("WIRE-1").setOrderVersion(1)
                        .setQuantity("50").setUnit("KG").build(),
                HoldRecord.newBuilder().setOrderId("WIRE-1").setOrder(order).setDecision(decision).setOpenedAt(at)
                        .setHistory(List.of(HoldEvent.newBuilder().setAt(at).setKind("SCREENED")
                                .setStatus(DecisionStatus.HOLD).setActor(null).setNote("screened").build()))
                        .build(),
                ReviewRecord.newBuilder().setOrderId("WIRE-1").setOrderVersion(1).setAction(ReviewAction.RELEASE)
                        .setReason("end use verified").setReviewer("officer").setRecordedBy("officer")
                        .setOverride(false).setPreviousStatus(DecisionStatus.HOLD).setReviewedAt(at).build(),
                RulesetActivation.newBuilder().setVersion("CN-DU-2026.12.05").setSha256("f0c4")
                        .setPublishedAt("2026-11-22").setYaml("version: CN-DU-2026.12.05\n").setActivatedBy("officer")
                        .setActivatedAt(at).build(),
                PartyListVersion.newBuilder().setVersion("PL-0123456789ab").setCsv("id,list\n").setEntries(0).setSource("import")
                        .setPublishedBy("officer").setPublishedAt(at).build(),
                PartyFinding.newBuilder().setEntryId("UEL-20240520-03").setPartyName("Boeing Defense").setPartyKey("boeing defense|")
                        .setReason("a different company").setRecordedBy("officer").setRecordedAt(at).build());
    }
}
