package io.dualuse.screening.ops;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * The embedded user store of the one-command run: users, passwords and roles from configuration
 * ({@code screening.security.users.NAME.password / .roles}), checked on HTTP basic authentication.
 * Written here because the Quarkus extensions that would provide it (elytron properties-file, OIDC,
 * JWT) are not on the Maven mirror these machines reach; turn it off in production
 * ({@code screening.security.demo-users.enabled=false}) and add one of those extensions.
 */
@ApplicationScoped
public class DemoUsers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @ConfigMapping(prefix = "screening.security")
    public interface Config {
        DemoUsersSwitch demoUsers();

        Map<String, User> users();

        interface DemoUsersSwitch {
            boolean enabled();
        }

        interface User {
            String password();

            List<String> roles();
        }
    }

    private final Config config;

    public DemoUsers(Config config) {
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        Config.User user = config.demoUsers().enabled() ? config.users().get(request.getUsername()) : null;
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
