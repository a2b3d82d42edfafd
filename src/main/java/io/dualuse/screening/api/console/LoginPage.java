package io.dualuse.screening.api.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The form login of the demo users (dev, test and the one-command run). In production the console
 * logs in through the identity provider (OIDC code flow), which also handles {@code /console/logout}.
 */
@Path("/login")
public class LoginPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@QueryParam("error") boolean error) {
        return Pages.login(error);
    }
}
