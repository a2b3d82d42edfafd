package io.dualuse.screening.api.console;

import io.quarkus.qute.TemplateExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How the console writes times: UTC to the minute, and ages a person reads at a glance. */
@TemplateExtension
final class ConsoleFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    static String utc(Instant at) {
        return at == null ? "" : UTC.format(at);
    }

    /** "2 d 3 h", "5 h 12 min", "4 min": how long a hold has waited. */
    static String age(Instant since) {
        if (since == null) {
            return "";
        }
        Duration d = Duration.between(since, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (d.isNegative() || d.toMinutes() < 1) {
            return "under 1 min";
        }
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toMinutes() + " min";
    }
}
