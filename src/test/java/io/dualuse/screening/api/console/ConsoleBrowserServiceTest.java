package io.dualuse.screening.api.console;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.Browser;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The console in a real browser (headless Chromium) against the running service and the real test
 * broker: what an officer and an ops user see and can do.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ConsoleBrowserServiceTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    /** Where the pictures of the README come from (copied to docs/images by hand when the console changes). */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TestHTTPResource("/")
    URL base;

    /** An order held for a licence (tungsten carbide powder to Germany), from an exporter of its own. */
    private static String heldOrder(String exporter) {
        String id = freshId("CONSOLE");
        OrderEvent order = TestOrders.civil(id, "DE", TestOrders.apt(1, "300"))
                .setExporter(Party.newBuilder().setId(exporter).setName("Exporter").setCountry("CN").build())
                .setEndUser(Party.newBuilder().setName("Stuttgart Hartmetall GmbH").setCountry("DE").setType("COMMERCIAL").build())
                .build();
        send(Topics.ORDERS, id, order);
        assertThat(awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0).getStatus()).isEqualTo(DecisionStatus.HOLD);
        return id;
    }

    @Test
    void officerFindsAHoldInTheQueueAndReleasesItWithAReason() {
        String exporter = freshId("EXP-CONSOLE");
        browser.open(base);
        browser.logIn("officer", "officer");
        assertThat(browser.driver().findElement(By.id("who")).getText()).contains("officer").contains("compliance-officer");

        // the queue is open before the order arrives: the hold appears without a reload
        browser.go("/?exporter=" + exporter);
        assertThat(browser.waitFor(By.id("hold-count")).getText()).startsWith("0 open holds");
        String id = heldOrder(exporter);
        WebElement row = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-order='" + id + "']")));
        assertThat(row.getText()).contains("LICENSE_REQUIRED").contains("DE").contains(exporter);
        browser.go("/"); // the whole queue, for the README's picture
        browser.waitFor(By.cssSelector("tr[data-order='" + id + "']"));
        browser.screenshot(SCREENSHOTS.resolve("console-queue.png"));
        row = browser.waitFor(By.cssSelector("tr[data-order='" + id + "']"));

        row.findElement(By.linkText(id)).click();
        assertThat(browser.waitFor(By.id("hold-status")).getText()).isEqualTo("HOLD");
        assertThat(browser.driver().findElements(By.cssSelector("tr.reason")))
                .extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("LICENSE_REQUIRED").contains("1C117.d.1"));
        assertThat(browser.driver().findElement(By.id("main")).getText()).contains("a licence covering 1C117.d.1 for line 1");
        browser.screenshot(SCREENSHOTS.resolve("console-hold.png"));

        browser.driver().findElement(By.id("action-release")).click();
        browser.driver().findElement(By.id("reason")).sendKeys("licence LIC-2026-0042 checked by phone with MOFCOM");
        browser.driver().findElement(By.id("review-submit")).click();

        assertThat(browser.waitFor(By.id("decision-status")).getText()).isEqualTo("RELEASE");
        List<ScreeningDecision> onHolds = awaitValues(Topics.HOLDS, id, 2, ScreeningDecision.class);
        assertThat(onHolds).extracting(ScreeningDecision::getStatus).containsExactly(DecisionStatus.HOLD, DecisionStatus.RELEASE);
        assertThat(onHolds.get(1).getReasons()).extracting(Reason::getCode, Reason::getMessage)
                .contains(tuple("REVIEW_RELEASE", "officer: licence LIC-2026-0042 checked by phone with MOFCOM"));

        // and it has left the queue
        browser.go("/?exporter=" + exporter);
        assertThat(browser.waitFor(By.id("hold-count")).getText()).startsWith("0 open holds");
    }

    @Test
    void aReviewWithoutAReasonIsRefusedAndTheHoldStays() {
        String exporter = freshId("EXP-CONSOLE");
        String id = heldOrder(exporter);
        browser.open(base);
        browser.logIn("officer", "officer");
        browser.go("/console/holds/" + id);
        browser.waitFor(By.id("action-reject")).click();
        // the browser's own check would stop an empty reason; a blank one reaches the service
        browser.driver().findElement(By.id("reason")).sendKeys("   ");
        browser.driver().findElement(By.id("review-submit")).click();
        assertThat(browser.waitFor(By.id("message")).getText()).contains("reason");
        assertThat(browser.driver().findElement(By.id("hold-status")).getText()).isEqualTo("HOLD");
    }

    @Test
    void releasingARejectAsksForAnExplicitOverride() {
        String id = freshId("CONSOLE-JP-MIL");
        send(Topics.ORDERS, id, TestOrders.japaneseMilitary(id));
        assertThat(awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0).getStatus()).isEqualTo(DecisionStatus.REJECT);
        browser.open(base);
        browser.logIn("officer", "officer");
        browser.go("/console/holds/" + id);
        browser.waitFor(By.id("action-release")).click();
        browser.driver().findElement(By.id("reason")).sendKeys("MOFCOM confirmed a civil research reactor in writing");

        // without the override box the page says what is missing and sends nothing
        browser.driver().findElement(By.id("review-submit")).click();
        Alert missing = browser.waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(missing.getText()).contains("override");
        missing.accept();
        assertThat(browser.driver().findElement(By.id("hold-status")).getText()).isEqualTo("REJECT");

        browser.driver().findElement(By.id("override")).click();
        browser.driver().findElement(By.id("review-submit")).click();
        Alert confirm = browser.waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Override the REJECT");
        confirm.accept();

        assertThat(browser.waitFor(By.id("decision-status")).getText()).isEqualTo("RELEASE");
        ScreeningDecision released = awaitValues(Topics.HOLDS, id, 2, ScreeningDecision.class).get(1);
        assertThat(released.getReasons()).extracting(Reason::getCode).contains("OVERRIDE_RELEASE");
    }

    @Test
    void opsSeesTheHoldButNoReviewOrWriteAction() {
        String id = heldOrder(freshId("EXP-CONSOLE"));
        browser.open(base);
        browser.logIn("ops", "ops");
        browser.go("/console/holds/" + id);
        assertThat(browser.waitFor(By.id("hold-status")).getText()).isEqualTo("HOLD");
        assertThat(browser.driver().findElements(By.id("review-form"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("review-submit"))).isEmpty();
        browser.go("/console/licences");
        browser.waitFor(By.id("licences"));
        assertThat(browser.driver().findElements(By.id("register-form"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("import-form"))).isEmpty();
        browser.go("/console/rulesets");
        browser.waitFor(By.id("rulesets"));
        assertThat(browser.driver().findElements(By.id("activate-form"))).isEmpty();
    }

    @Test
    void licenceCsvImportReportsEachRowAndRegistersTheGoodOnes() throws Exception {
        String good = freshId("LIC-CSV");
        String bad = freshId("LIC-CSV-BAD");
        Path csv = Files.createTempFile("licences", ".csv");
        Files.writeString(csv, """
                licenseNumber,exporterId,controlNumbers,commodityCodes,destinationCountry,endUserName,quantity,unit,validFrom,validTo,status
                %s,EXP-CSV,1C117.d,,DE,Stuttgart Hartmetall,2,T,2026-01-01,2026-12-31,ACTIVE
                %s,EXP-CSV,1C117.d,,DE,Stuttgart Hartmetall,2,T,2026-12-31,2026-01-01,ACTIVE
                """.formatted(good, bad), StandardCharsets.UTF_8);
        browser.open(base);
        browser.logIn("officer", "officer");
        browser.go("/console/licences");
        browser.waitFor(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.driver().findElement(By.id("import-submit")).click();

        WebElement results = browser.waitFor(By.id("import-results"));
        assertThat(results.findElements(By.cssSelector("tbody tr")))
                .extracting(r -> r.getAttribute("data-row"), r -> r.getAttribute("data-outcome"))
                .containsExactly(tuple("1", "CREATED"), tuple("2", "INVALID"));
        assertThat(results.findElement(By.cssSelector("tr[data-row='2']")).getText()).contains("validTo");
        assertThat(browser.driver().findElement(By.id("message")).getText()).isEqualTo("1 created, 0 updated, 1 invalid");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-licence='" + good + "']")).getText())
                .contains("EXP-CSV").contains("2 T");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-licence='" + bad + "']"))).isEmpty();
    }

    @Test
    void wrongPasswordStaysOnTheLoginPage() {
        browser.open(base);
        browser.go("/");
        browser.waitFor(By.id("j_username")).sendKeys("officer");
        browser.driver().findElement(By.id("j_password")).sendKeys("not-the-password");
        browser.driver().findElement(By.id("login")).click();
        assertThat(browser.waitFor(By.id("login-error")).getText()).contains("wrong password");
        browser.go("/console/licences");
        assertThat(browser.waitFor(By.id("j_username")).isDisplayed()).isTrue();
    }
}
