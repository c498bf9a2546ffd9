package org.helpdesk.support;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests, from the machine's own Chromium and chromedriver: nothing is
 * downloaded. The driver executable and the browser binary are both given explicitly, so Selenium Manager never
 * runs. Paths default to Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; the environment
 * variables {@code HELPDESK_CHROMIUM} and {@code HELPDESK_CHROMEDRIVER} override them. When either is missing,
 * the browser tests are skipped with a notice instead of failing: a class marked {@link RequireChromium} is
 * reported as skipped before its application context starts, and {@link #open()} itself makes the same
 * assumption ({@link #assumeAvailable()}) for any other caller.
 */
public final class Browsers {

    public static final Dimension DEFAULT_SIZE = new Dimension(1280, 800);
    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static final String CHROMIUM_VARIABLE = "HELPDESK_CHROMIUM";
    private static final String CHROMEDRIVER_VARIABLE = "HELPDESK_CHROMEDRIVER";

    /**
     * Selenium's driver finder says, at FINE, whether it skips Selenium Manager; its messages go to the test
     * output so a run shows that nothing was looked up or downloaded. Held here so the setting is not collected.
     */
    private static final Logger DRIVER_FINDER = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");

    static {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    System.err.println("[browser tests] selenium: " + getFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
                System.err.flush();
            }

            @Override
            public void close() {
            }
        };
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.FINE);
        DRIVER_FINDER.setLevel(Level.FINE);
        DRIVER_FINDER.addHandler(handler);
    }

    private Browsers() {
    }

    public static Path chromium() {
        return pathFrom(CHROMIUM_VARIABLE, "/usr/bin/chromium");
    }

    public static Path chromedriver() {
        return pathFrom(CHROMEDRIVER_VARIABLE, "/usr/bin/chromedriver");
    }

    private static Path pathFrom(String variable, String fallback) {
        String value = System.getenv(variable);
        return Paths.get(value == null || value.isBlank() ? fallback : value.strip());
    }

    /** Skips the calling tests, with a notice on the console, unless Chromium and chromedriver are both there. */
    public static void assumeAvailable() {
        String missing = missing();
        if (missing != null) {
            notice(missing + ": browser tests skipped");
        }
        Assumptions.assumeTrue(missing == null, missing + ": browser tests skipped");
    }

    /** What is missing for the browser tests, or null when Chromium and chromedriver are both there. */
    public static String missing() {
        if (!Files.isExecutable(chromium())) {
            return "Chromium not found at " + chromium() + " (set " + CHROMIUM_VARIABLE + ")";
        }
        if (!Files.isExecutable(chromedriver())) {
            return "chromedriver not found at " + chromedriver() + " (set " + CHROMEDRIVER_VARIABLE + ")";
        }
        return null;
    }

    /**
     * Surefire sends System.out and System.err of tests to report files; this line also goes to the process's
     * own standard error so it shows in the build output.
     */
    private static void notice(String message) {
        String line = "[browser tests] " + message;
        System.err.println(line);
        @SuppressWarnings("resource") // the process's standard error stays open
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        console.println(line);
    }

    /**
     * Put on a test class that opens browsers: when Chromium or chromedriver is missing, its tests are reported
     * as skipped, with the reason, before anything else of the class runs (no application context is started).
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Browsers.Required.class)
    public @interface RequireChromium {
    }

    static final class Required implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = missing();
            if (missing == null) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
            }
            notice(missing + ": browser tests skipped");
            return ConditionEvaluationResult.disabled(missing + ": browser tests skipped");
        }
    }

    /** A new headless Chromium of the default size, with a profile of its own. */
    public static WebDriver open() {
        return open(DEFAULT_SIZE);
    }

    /** A new headless Chromium of the given window size, with a fresh profile that {@code quit()} removes. */
    public static WebDriver open(Dimension size) {
        assumeAvailable();
        Path profile;
        try {
            profile = Files.createTempDirectory("helpdesk-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile folder", e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver().toString()))
                .usingAnyFreePort()
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .withLogOutput(System.err)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        // no password manager prompts or leak checks in the middle of a journey
        options.setExperimentalOption("prefs", Map.of(
                "credentials_enable_service", false,
                "profile.password_manager_enabled", false,
                "profile.password_manager_leak_detection", false));
        System.err.println("[browser tests] starting " + chromium() + " through " + chromedriver() + ", "
                + size.getWidth() + "x" + size.getHeight() + ", profile " + profile);
        try {
            WebDriver driver = new ChromeDriver(service, options) {
                @Override
                public void quit() {
                    try {
                        super.quit();
                    } finally {
                        deleteQuietly(profile);
                    }
                }
            };
            driver.manage().window().setSize(size);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return driver;
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
    }

    /** Quits each driver that was opened, whatever happens to the others. */
    public static void quit(WebDriver... drivers) {
        for (WebDriver driver : drivers) {
            if (driver != null) {
                try {
                    driver.quit();
                } catch (RuntimeException e) {
                    System.err.println("[browser tests] could not quit a browser: " + e);
                }
            }
        }
    }

    public static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    /** Submits the form with its own submit button, as a person would, and waits until the next page has loaded. */
    public static void submit(WebDriver driver, WebElement form) {
        WebElement before = driver.findElement(By.tagName("html"));
        form.findElement(By.cssSelector("button[type='submit']")).click();
        waitFor(driver).until(ExpectedConditions.stalenessOf(before));
        waitFor(driver).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Saves what the browser shows to {@code target/screenshots/<name>.png}, for people to look at after a run;
     * the name may start with a folder, as in {@code "tap-journey/01-sign-in"}.
     */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot.toPath());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save screenshot " + name, e);
        }
    }

    /** Empties {@code target/screenshots/<folder>}, so that it shows one run only. */
    public static void clearScreenshots(String folder) {
        Path path = SCREENSHOTS.resolve(folder);
        if (Files.isDirectory(path)) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a profile left in the temp folder does no harm
        }
    }
}
