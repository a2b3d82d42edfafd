package io.dualuse.screening.platform;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The embedded user store of the one-command run: users, passwords and roles from configuration
 * ({@code screening.security.users.NAME.password / .roles}), checked on HTTP basic authentication.
 * Written here because the Quarkus extensions that would provide it (elytron properties-file, OIDC,
 * JWT) are not on the Maven mirror these machines reach. Off by default in the {@code prod}
 * profile; a production run that turns it on does not start unless it also says
 * {@code allow-in-prod} (the one-command run does).
 */
@ApplicationScoped
public class DemoUsers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final ScreeningConfig.Security config;

    public DemoUsers(ScreeningConfig config) {
        this.config = config.security();
    }

    /**
     * Their passwords are in this repository's README: a production run (the packaged jar) with them
     * enabled does not start. The one-command run ({@code demo.DemoRun}) and the tests that drive the
     * packaged jar say {@code allow-in-prod} in so many words.
     */
    void refuseInProduction(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        if (io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.NORMAL
                && config.demoUsers().enabled() && !config.demoUsers().allowInProd()) {
            throw new IllegalStateException("demo users are enabled in production (screening.security.demo-users.enabled=true "
                    + "): their passwords are public. Set SCREENING_SECURITY_DEMO_USERS_ENABLED=false "
                    + "and put an identity provider in front (docs/architecture.md, Security)");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        ScreeningConfig.Security.User user = config.demoUsers().enabled() ? config.users().get(request.getUsername()) : null;
        byte[] given = new String(request.getPassword().getPassword()).getBytes(StandardCharsets.UTF_8);
        if (user == null || !MessageDigest.isEqual(given, user.password().getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRoles(java.util.Set.copyOf(user.roles()))
                .build());
    }
}
