package io.dualuse.screening.demo;

import io.dualuse.screening.testing.Browser;
import org.openqa.selenium.By;

import java.net.URI;
import java.nio.file.Path;

/**
 * The README's pictures of the console, taken from the one-command run: start {@code ./mvnw -Prun},
 * then {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.dualuse.screening.demo.ConsoleScreenshots}. Needs Debian's chromium and
 * chromium-driver.
 */
public final class ConsoleScreenshots {

    private ConsoleScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080/";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/images");
        try (Browser browser = new Browser()) {
            browser.open(URI.create(base).toURL());
            browser.logIn("officer", "officer");
            browser.go("/");
            browser.waitFor(By.cssSelector("tr[data-order]"));
            System.out.println(browser.screenshot(out.resolve("console-queue.png")));
            browser.go("/console/holds/DEMO-JP-MILITARY");
            browser.waitFor(By.id("hold-status"));
            System.out.println(browser.screenshot(out.resolve("console-hold.png")));
        }
    }
}
