package io.dualuse.screening.api.console;

import io.dualuse.screening.api.HoldResource.HoldSummary;
import io.dualuse.screening.api.LicenseCsv;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.rules.RulesetDiff;
import io.dualuse.screening.state.HeldOrder;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;
import java.util.Map;

/** The console's templates ({@code templates/console/*.html}), checked against these parameters at build time. */
@CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
final class Pages {

    private Pages() {
    }

    /**
     * The holds queue: filters as given, the matching page, counts by reason, and the other
     * instances, which keep the holds of the other exporters (null: not known right now).
     */
    public record Queue(Filter filter, List<HoldSummary> holds, int total, Map<ReasonCode, Long> countsByReason, List<ReasonCode> reasonCodes,
                        List<String> elsewhere) {
    }

    public record Filter(String reasonCode, String destination, String exporter, String olderThanMinutes) {

        public String query() {
            StringBuilder q = new StringBuilder();
            append(q, "reasonCode", reasonCode);
            append(q, "destination", destination);
            append(q, "exporter", exporter);
            append(q, "olderThanMinutes", olderThanMinutes);
            return q.toString();
        }

        private static void append(StringBuilder q, String name, String value) {
            if (value != null && !value.isBlank()) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(value.trim(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** One licence row: its terms and balance. */
    /** A licence with its balance; {@code keptBy} names the instance that keeps its draws when not this one (balance unknown here). */
    public record LicenceRow(io.dualuse.screening.core.license.License license, java.math.BigDecimal drawn, java.math.BigDecimal remaining,
                             String keptBy) {
    }

    /** One activation in the rulesets history. */
    public record RulesetRow(String version, String sha256, String publishedAt, String activatedBy, java.time.Instant activatedAt, boolean inForce) {
    }

    static native TemplateInstance login(boolean failed);

    static native TemplateInstance holds(Viewer viewer, Queue queue, String error);

    static native TemplateInstance holds$rows(Queue queue);

    static native TemplateInstance hold(Viewer viewer, HeldOrder hold, HoldSummary summary, String message, boolean askOverride);

    static native TemplateInstance licences(Viewer viewer, List<LicenceRow> licences, Map<String, String> form,
                                            List<LicenseCsv.RowResult> results, String message);

    static native TemplateInstance rulesets(Viewer viewer, List<RulesetRow> history, RulesetDiff diff, String from, String to,
                                            String message);

    static native TemplateInstance decisions(Viewer viewer, String orderId, Decision decision, String message, String from, String to);
}
