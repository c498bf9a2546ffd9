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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives Temporary Access Pass sign-ins against one service on loopback, the way a browser does: each sign-in
 * fetches /login/tap (session cookie and CSRF token), then posts the email and pass. Only the post is timed.
 * Arguments: base URL (http://127.0.0.1:PORT only), seed file (email,pass lines), clients, seconds.
 * Prints one line of JSON: sign-ins per second, p50/p90/p99/max latency in ms, errors.
 */
public class LoadGenerator {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("The load generator only targets loopback");
        }
        List<String[]> people = Files.readAllLines(Path.of(args[1])).stream().map(l -> l.split(",", 2)).toList();
        int clients = Integer.parseInt(args[2]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[3]));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    String[] person = people.get(random.nextInt(people.size()));
                    try {
                        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/login/tap"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        String cookie = page.headers().allValues("Set-Cookie").stream()
                                .filter(v -> v.startsWith("SESSION=")).map(v -> v.split(";", 2)[0]).findFirst().orElse("");
                        Matcher m = CSRF.matcher(page.body());
                        if (!m.find()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        String form = "username=" + enc(person[0]) + "&pass=" + enc(person[1]) + "&_csrf=" + enc(m.group(1));
                        long start = System.nanoTime();
                        HttpResponse<Void> result = http.send(HttpRequest.newBuilder(base.resolve("/login/tap"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - start;
                        String location = result.headers().firstValue("Location").orElse("");
                        if (result.statusCode() == 302 && location.endsWith("/") && !location.contains("error")) {
                            latencies.add(took);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double seconds = length.toNanos() / 1e9;
        System.out.printf("{\"clients\":%d,\"seconds\":%.0f,\"signIns\":%d,\"signInsPerSecond\":%.1f,"
                        + "\"p50Ms\":%.1f,\"p90Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,\"errors\":%d}%n",
                clients, seconds, sorted.size(), sorted.size() / seconds, ms(sorted, 0.50), ms(sorted, 0.90),
                ms(sorted, 0.99), ms(sorted, 1.0), errors.get());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
