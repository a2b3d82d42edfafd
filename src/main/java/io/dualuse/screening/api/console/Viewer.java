package io.dualuse.screening.api.console;

import io.dualuse.screening.platform.Roles;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.List;

/** Who is looking at a console page, and so which actions it offers. */
public record Viewer(String name, List<String> roles, boolean officer) {

    static Viewer of(SecurityIdentity identity) {
        List<String> ours = identity.getRoles().stream().filter(r -> r.equals(Roles.OFFICER) || r.equals(Roles.OPS)).sorted().toList();
        return new Viewer(identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName(), ours,
                identity.hasRole(Roles.OFFICER));
    }
}
