package io.dualuse.screening.platform;

import io.dualuse.screening.testing.Browser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.net.URL;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production login, against an OIDC provider (WireMock, from quarkus-test-oidc-server) that
 * signs real tokens: bearer tokens for the API, the authorization-code flow for the console, and the
 * provider's roles mapped onto ours. Not a mock of the security layer: the service verifies each
 * token's signature against the provider's published keys.
 */
@QuarkusTest
@TestProfile(OidcLoginServiceTest.Production.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OidcLoginServiceTest {

    /** The prod profile's login settings, pointed at the test provider; its roles are named as an IdP names them. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.oidc.tenant-enabled", "true"),
                    Map.entry("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/"),
                    Map.entry("quarkus.oidc.client-id", "quarkus-web-app"),
                    Map.entry("quarkus.oidc.credentials.secret", "secret"),
                    Map.entry("quarkus.http.auth.permission.console.auth-mechanism", "code"),
                    Map.entry("quarkus.http.auth.permission.api.auth-mechanism", "bearer"),
                    // the provider's code flow gives alice "user" and "admin"
                    Map.entry("screening.security.officer-roles", "export-compliance,admin"),
                    Map.entry("screening.security.ops-roles", "warehouse-ops,user"));
        }
    }

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    private static String token(String user, String... idpRoles) {
        return OidcWiremockTestResource.getAccessToken(user, Set.of(idpRoles));
    }

    @Test
    void anOfficerTokenReadsAndWrites() {
        String officer = token("li.wei", "export-compliance");
        given().auth().oauth2(officer).when().get("/api/v1/holds").then().statusCode(200);
        // a write an officer may make: an empty review body is refused for its content, not for who sent it
        given().auth().oauth2(officer).contentType("application/json").body("{}")
                .when().post("/api/v1/holds/NO-SUCH-ORDER/review").then().statusCode(400);
    }

    @Test
    void anOpsTokenReadsButMayNotWrite() {
        String ops = token("wang.fang", "warehouse-ops");
        given().auth().oauth2(ops).when().get("/api/v1/holds").then().statusCode(200);
        given().auth().oauth2(ops).contentType("application/json").body("{}")
                .when().post("/api/v1/holds/NO-SUCH-ORDER/review").then().statusCode(403);
    }

    @Test
    void aTokenWithoutOneOfOurRolesIsForbidden() {
        given().auth().oauth2(token("guest", "unrelated-group")).when().get("/api/v1/holds").then().statusCode(403);
    }

    @Test
    void tokensTheProviderDidNotSignAndDemoPasswordsAreRefused() throws NoSuchAlgorithmException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String forged = Jwt.preferredUserName("mallory").groups(Set.of("export-compliance"))
                .issuer("https://server.example.com").audience("https://server.example.com")
                .expiresIn(300).jws().keyId("1").sign(rsa.generateKeyPair().getPrivate());
        given().auth().oauth2(forged).when().get("/api/v1/holds").then().statusCode(401);
        given().redirects().follow(false).when().get("/api/v1/holds").then().statusCode(401);
        // the API takes bearer tokens only: a demo password is not a login here
        given().redirects().follow(false).auth().preemptive().basic("officer", "officer").when().get("/api/v1/holds").then().statusCode(401);
    }

    @Test
    void theConsoleLogsInThroughTheProvidersCodeFlow() {
        browser.open(base);
        browser.go("/");
        // the provider's login page, not ours
        browser.waitFor(By.id("username")).sendKeys("alice");
        browser.driver().findElement(By.id("password")).sendKeys("alice");
        browser.driver().findElement(By.id("login")).click();
        String who = browser.waitFor(By.id("who")).getText();
        assertThat(who).contains("alice").contains("compliance-officer");
        assertThat(browser.driver().findElement(By.id("hold-count")).getText()).contains("open hold");
    }
}
