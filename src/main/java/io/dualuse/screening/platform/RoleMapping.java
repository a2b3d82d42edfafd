package io.dualuse.screening.platform;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps the identity provider's roles (the token claim named by {@code quarkus.oidc.roles.role-claim-path})
 * onto ours: {@code screening.security.officer-roles} grant {@link Roles#OFFICER}, {@code ops-roles}
 * grant {@link Roles#OPS}. One list per role, so an environment variable sets it
 * ({@code SCREENING_SECURITY_OFFICER_ROLES=export-compliance}).
 */
@ApplicationScoped
public class RoleMapping implements SecurityIdentityAugmentor {

    private final List<String> officerRoles;
    private final List<String> opsRoles;

    public RoleMapping(ScreeningConfig config) {
        this.officerRoles = config.security().officerRoles();
        this.opsRoles = config.security().opsRoles();
    }

    /** Our roles for a user holding {@code idpRoles}. */
    public Set<String> rolesFor(Set<String> idpRoles) {
        Set<String> ours = new HashSet<>();
        if (officerRoles.stream().anyMatch(idpRoles::contains)) {
            ours.add(Roles.OFFICER);
        }
        if (opsRoles.stream().anyMatch(idpRoles::contains)) {
            ours.add(Roles.OPS);
        }
        return ours;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> ours = rolesFor(identity.getRoles());
        if (identity.getRoles().containsAll(ours)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(ours).build());
    }
}
