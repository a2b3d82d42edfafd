package io.dualuse.screening.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README's run command does: {@code demo.DemoRun} starts a broker, feeds the seed scenarios
 * and runs the packaged jar against it, which prints one line per decision. Checks each scenario's
 * outcome and the dead-lettered malformed record.
 */
class OneCommandRunIT {

    private static final Pattern DECISION = Pattern.compile("(RELEASE|HOLD|REJECT)\\s+order (DEMO-[A-Z0-9-]+) v1");
    private final PackagedService services = new PackagedService();

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void theDemoRunDecidesEverySampleOrderAndDeadLettersTheMalformedOne() throws Exception {
        Path log = Path.of("target/one-command-run.log");
        int port = PackagedService.freePort();
        Process service = services.startDemo(log.getFileName().toString(), List.of(
                // the seed is dated: keep the demo's decisions stable after it turns stale
                "-Dscreening.ruleset.max-age-days=36500", "-Dquarkus.http.port=" + port));

        Map<String, String> decided = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String text = "";
        while (decided.size() < 7 && System.nanoTime() < deadline && service.isAlive()) {
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = DECISION.matcher(text);
            while (m.find()) {
                decided.put(m.group(2), m.group(1));
            }
            service.waitFor(250, TimeUnit.MILLISECONDS); // returns early only if the service died
        }

        assertThat(decided).as("decisions printed by the demo run; log: " + log).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DEMO-JP-MILITARY", "REJECT",
                "DEMO-KR-TO-JP-TRANSSHIPMENT", "REJECT",
                "DEMO-DE-CIVIL-MAGNET", "RELEASE",
                "DEMO-DE-LICENSED-APT", "RELEASE",
                "DEMO-DE-T-SHIRTS", "RELEASE",
                "DEMO-FR-UNLICENSED-WC", "HOLD",
                // clause 2 of No. 46 of 2024 applies again since its suspension ended on 2026-11-27
                "DEMO-US-GALLIUM", "REJECT"));
        assertThat(text).contains("dead-lettered: not Avro single-object encoding");
        assertThat(List.of(text.split("\n"))).anyMatch(l -> l.contains("started an embedded KRaft broker"));
        // the demo's logins work here, and only here, in the prod profile (ProductionProfileIT)
        assertThat(PackagedService.status(port, "/api/v1/holds", "officer:officer")).isEqualTo(200);
    }
}
