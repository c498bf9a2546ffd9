package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.helpdesk.support.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as production runs it (README "Performance"): ahead-of-time processed, started with
 * {@code -Dspring.aot.enabled=true}, configured only at start. The first admin signs in with the setup pass printed
 * on the console, sets a password, and the mail telling them so reaches the SMTP server named at start — on H2 and
 * on PostgreSQL. Runs after the jar is built ({@code mvn verify}).
 */
class AheadOfTimeJarIT {

    private static final String ADMIN = "admin@helpdesk.local";
    private static final int SMTP_PORT = freePort();
    private static final Pattern SETUP_PASS = Pattern.compile("Setup pass:\\s+(\\S+)");
    private static final String REISSUE = "--helpdesk.bootstrap.reissue-setup-pass-for=";
    private static final String PASSWORD_CHANGED = "Your password has been saved.";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path dir;

    private Process service;
    private Path console;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void onH2TheFirstAdminSignsInSetsAPasswordAndIsToldByMailThenTheReissueCommandRuns() throws Exception {
        start(List.of());
        firstAdminSignsInAndSetsAPassword();
        reissueCommandPrintsAFreshSetupPass(List.of());
    }

    @Test
    void onPostgresTheFirstAdminSignsInSetsAPasswordAndIsToldByMailThenTheReissueCommandRuns() throws Exception {
        String url = EmbeddedPostgresInitializer.newDatabase("helpdesk_aot_jar");
        List<String> database = List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + EmbeddedPostgresInitializer.user(),
                "--spring.datasource.password=" + EmbeddedPostgresInitializer.password());
        start(database);
        firstAdminSignsInAndSetsAPassword();
        reissueCommandPrintsAFreshSetupPass(database);
    }

    /**
     * The reissue command (README "The first admin") started with the service's own settings, the AOT flag included,
     * and without {@code --spring.main.web-application-type=none}: it prints a fresh setup pass and ends.
     */
    private void reissueCommandPrintsAFreshSetupPass(List<String> databaseArguments) throws Exception {
        String first = awaitConsole(SETUP_PASS);
        stop();
        service = null;
        Path output = dir.resolve("reissue.log");
        List<String> command = new ArrayList<>(javaCommand());
        command.add(REISSUE + ADMIN);
        command.addAll(databaseArguments);
        Process reissue = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(reissue.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        String printed = Files.readString(output);
        assertThat(reissue.exitValue()).as(printed).isZero();
        Matcher fresh = SETUP_PASS.matcher(printed);
        assertThat(fresh.find()).as(printed).isTrue();
        assertThat(fresh.group(1)).isNotEqualTo(first);
        assertThat(printed).doesNotContain("AOT-processed", "Tomcat started", "ERROR", "Exception");
    }

    private void firstAdminSignsInAndSetsAPassword() throws Exception {
        assertThat(Files.readString(console)).contains("Starting AOT-processed HelpdeskApplication");
        // what the ahead-of-time processed context must still publish: health, the API description, the API's refusal
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(get("/api/v1/openapi.json").body()).startsWith("{\"openapi\":\"3.");
        HttpResponse<String> withoutToken = get("/api/v1/people");
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withoutToken.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        String setupPass = awaitConsole(SETUP_PASS);

        HttpResponse<String> signIn = post("/login/tap", csrfOf("/login/tap"),
                Map.of("username", ADMIN, "pass", setupPass));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        HttpResponse<String> changed = post("/profile/password", csrfOf("/profile"), Map.of(
                "newPassword", "staple-lantern-orbit-7Q", "confirmPassword", "staple-lantern-orbit-7Q"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(get(changed.headers().firstValue("Location").orElseThrow()).body()).contains(PASSWORD_CHANGED);

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("a mail over SMTP").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(ADMIN);
        assertThat(Files.readString(console)).doesNotContain("ERROR", "Exception");
    }

    private void start(List<String> databaseArguments) throws IOException, InterruptedException {
        port = freePort();
        console = dir.resolve("console.log");
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(databaseArguments);
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service is running; its console:%n%s", consoleText()).isTrue();
            try {
                if (get("/login").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no sign-in page within 180 s; console:\n" + consoleText());
    }

    /** The service's command line as production's, with the settings of this test. */
    private List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true", "-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-Xmn16m",
                "-jar", System.getProperty("helpdesk.packagedJar"),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--helpdesk.data-dir=" + dir.resolve("data"),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
                "--helpdesk.notifications.send-interval=1s",
                "--logging.level.root=WARN", "--logging.level.org.helpdesk.HelpdeskApplication=INFO");
    }

    private String awaitConsole(Pattern pattern) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            Matcher m = pattern.matcher(Files.readString(console));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not on the console: " + pattern + "\n" + consoleText());
    }

    private String csrfOf(String page) throws IOException, InterruptedException {
        HttpResponse<String> response = get(page);
        for (int redirects = 0; response.statusCode() == 302 && redirects < 3; redirects++) {
            response = get(response.headers().firstValue("Location").orElseThrow());
        }
        assertThat(response.statusCode()).as(page).isEqualTo(200);
        Matcher m = CSRF.matcher(response.body());
        assertThat(m.find()).as("a CSRF token on " + page).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create("http://127.0.0.1:" + port + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String csrf, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String consoleText() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
