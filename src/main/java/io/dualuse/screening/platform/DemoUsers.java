package io.dualuse.screening.platform;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Keeps the demo users out of production. They are the embedded users of the elytron
 * properties-file realm ({@code quarkus.security.users.embedded.users.*}), set in the dev, test and
 * {@code demo} profiles; their passwords are in the README. A production run that has any does not
 * start unless {@code screening.security.demo-users.allow-in-prod} says so, which only the
 * {@code demo} profile of the one-command run does.
 */
@ApplicationScoped
public class DemoUsers {

    static final String USERS = "quarkus.security.users.embedded.users.";

    private final ScreeningConfig.Security security;
    private final Config config;

    public DemoUsers(ScreeningConfig config, Config all) {
        this.security = config.security();
        this.config = all;
    }

    /** The demo users configured in this run, by name. */
    public List<String> names() {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(n -> n.startsWith(USERS))
                .filter(n -> config.getOptionalValue(n, String.class).filter(v -> !v.isBlank()).isPresent())
                .map(n -> n.substring(USERS.length()))
                .sorted()
                .toList();
    }

    void refuseInProduction(@Observes StartupEvent ignored) {
        List<String> users = names();
        if (LaunchMode.current() == LaunchMode.NORMAL && !users.isEmpty() && !security.demoUsers().allowInProd()) {
            throw new IllegalStateException("demo users " + users + " are configured in production (" + USERS
                    + "*): their passwords are public. Remove them and log in through OIDC "
                    + "(QUARKUS_OIDC_AUTH_SERVER_URL, docs/deploy.md, Login), or run the demo profile on purpose");
        }
    }
}
