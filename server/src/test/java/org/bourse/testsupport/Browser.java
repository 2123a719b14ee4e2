package org.bourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver, as a person at the terminal: it opens
 * pages of the server under test, types, clicks and waits for what the page shows. Both programs are named
 * explicitly, so Selenium Manager never looks for (or downloads) a browser or a driver. Each instance has a
 * fresh profile directory, deleted by {@link #close}. Screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A new browser window of 1440 × 1000 pixels on the server at {@code localhost:port}. */
    public static Browser open(int port) {
        Path profile;
        try {
            profile = Files.createTempDirectory("bourse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags this machine needs: no sandbox as root, and no background traffic to hosts it cannot reach
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile, "http://localhost:" + port);
    }

    /** Opens a page of the terminal, e.g. {@code "/#/trade/BTC-USD"}, as a new page load. */
    public Browser go(String path) {
        driver.get("about:blank");
        driver.get(base + path);
        return this;
    }

    /** Follows an in-page route (the hash) without reloading, as clicking a link does. */
    public Browser route(String hash) {
        script("location.hash = arguments[0]", hash);
        return this;
    }

    public void reload() {
        driver.navigate().refresh();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public WebElement element(String css) {
        return await("an element " + css, d -> visible(d.findElement(By.cssSelector(css))));
    }

    public void type(String css, String text) {
        WebElement field = element(css);
        field.clear();
        field.sendKeys(text);
    }

    public void click(String css) {
        await("a clickable " + css, d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            if (!e.isDisplayed() || !e.isEnabled()) {
                return null;
            }
            e.click();
            return e;
        });
    }

    public void choose(String css, String value) {
        new Select(element(css)).selectByValue(value);
    }

    /** Waits until the element's visible text contains {@code expected}; answers the whole text. */
    public String awaitText(String css, String expected) {
        return await("text '" + expected + "' in " + css, d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.contains(expected) ? text : null;
        });
    }

    /** Waits until an element matching the selector is shown. */
    public WebElement awaitShown(String css) {
        return element(css);
    }

    /** Waits until no element matching the selector is shown. */
    public void awaitGone(String css) {
        await("no " + css, d -> d.findElements(By.cssSelector(css)).stream().noneMatch(WebElement::isDisplayed) ? true : null);
    }

    public boolean isShown(String css) {
        return driver.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed);
    }

    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to 20 s for {@code condition} to answer something other than null or false. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.withMessage(() -> "the page did not show " + what + " (" + driver.getCurrentUrl() + "); its console: " + console());
        wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Writes a PNG of the window to {@code target/screenshots/NAME.png} and answers its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's messages so far (each read returns only the new ones). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).toList();
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.out.println("bourse: could not delete the browser profile " + profile + ": " + e);
            }
        }
    }

    private static WebElement visible(WebElement element) {
        return element.isDisplayed() ? element : null;
    }
}
