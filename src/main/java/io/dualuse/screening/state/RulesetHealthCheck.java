package io.dualuse.screening.state;

import io.dualuse.screening.core.rules.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a ruleset loaded; Kafka readiness comes from the messaging extension's own check. */
@Readiness
@ApplicationScoped
public class RulesetHealthCheck implements HealthCheck {

    private final ActiveRuleset rules;

    public RulesetHealthCheck(ActiveRuleset rules) {
        this.rules = rules;
    }

    @Override
    public HealthCheckResponse call() {
        if (rules.screener() == null) {
            return HealthCheckResponse.down("ruleset");
        }
        Ruleset r = rules.screener().ruleset();
        return HealthCheckResponse.named("ruleset").up()
                .withData("version", r.version())
                .withData("sha256", r.contentHash())
                .withData("publishedAt", r.publishedAt().toString())
                .build();
    }
}
