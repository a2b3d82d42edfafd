package io.dualuse.screening.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Headless Debian Chromium driven by its chromedriver, never a browser a test tool downloads (there is
 * no internet here). Missing browser: the tests are skipped on a developer's machine with only a JDK,
 * and fail where {@code SCREENING_BROWSER_TESTS=required} (CI, whose .ci/run installs the packages).
 * On a failed test the page is saved as a screenshot under {@code target/screenshots/}.
 */
public final class Browser implements AfterEachCallback, AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(20);

    private WebDriver driver;
    private URL base;

    /** A fresh browser (no cookies) for one test. */
    public WebDriver open(URL base) {
        close();
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("SCREENING_BROWSER_TESTS"))) {
            throw new IllegalStateException("browser tests required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " / " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
        return driver;
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /** Logs in through the console's form, as a person would. */
    public void logIn(String user, String password) {
        go("/");
        waitFor(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
        waitFor(By.id("who"));
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Saves the page as it is now. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null && context.getExecutionException().isPresent()) {
            Path saved = screenshot(Path.of("target", "screenshots",
                    context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + ".png"));
            System.err.println("browser test failed at " + driver.getCurrentUrl() + "; screenshot: " + saved.toAbsolutePath());
        }
        close();
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
