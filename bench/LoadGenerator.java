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
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives one service on loopback and prints one line of JSON: operations per second, p50/p90/p99/max latency in
 * ms, errors. Arguments: operation, base URL (http://127.0.0.1:PORT only), seed file ("email,pass,id" lines;
 * FILE.token holds an admin's API token), clients, seconds, and optionally a file whose appearance ends the run
 * early. Operations:
 * <ul>
 * <li>{@code signin}: a pass sign-in the way a browser does it: fetch /login/tap (session cookie and CSRF token),
 * then post the email and pass; only the post is timed and counted.</li>
 * <li>{@code issue}: one pass for one person through the API.</li>
 * <li>{@code batch}: passes for 100 people in one API call; counted per pass.</li>
 * </ul>
 */
public class LoadGenerator {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        String operation = args[0];
        URI base = URI.create(args[1]);
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("The load generator only targets loopback");
        }
        List<String[]> people = Files.readAllLines(Path.of(args[2])).stream().map(l -> l.split(",", 3)).toList();
        String token = operation.equals("signin") ? null : Files.readString(Path.of(args[2] + ".token")).trim();
        int clients = Integer.parseInt(args[3]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[4]));
        Path stopFile = args.length > 5 ? Path.of(args[5]) : null;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicLong operations = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline && (stopFile == null || !Files.exists(stopFile))) {
                    try {
                        long took = switch (operation) {
                            case "signin" -> signIn(http, base, people.get(random.nextInt(people.size())));
                            case "issue" -> issue(http, base, token, people.get(random.nextInt(people.size())));
                            case "batch" -> batch(http, base, token, people, random);
                            default -> throw new IllegalArgumentException(operation);
                        };
                        if (took < 0) {
                            errors.incrementAndGet();
                        } else {
                            latencies.add(took);
                            operations.addAndGet(operation.equals("batch") ? BATCH : 1);
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
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("{\"operation\":\"%s\",\"clients\":%d,\"seconds\":%.1f,\"operations\":%d,"
                        + "\"perSecond\":%.1f,\"p50Ms\":%.1f,\"p90Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,\"errors\":%d}%n",
                operation, clients, seconds, operations.get(), operations.get() / seconds, ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0), errors.get());
    }

    /** Returns the time the post took in nanoseconds, or -1 when the sign-in failed. */
    private static long signIn(HttpClient http, URI base, String[] person) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/login/tap"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("SESSION=")).map(v -> v.split(";", 2)[0]).findFirst().orElse("");
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            return -1;
        }
        String form = "username=" + enc(person[0]) + "&pass=" + enc(person[1]) + "&_csrf=" + enc(m.group(1));
        long start = System.nanoTime();
        HttpResponse<Void> result = http.send(HttpRequest.newBuilder(base.resolve("/login/tap"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - start;
        String location = result.headers().firstValue("Location").orElse("");
        return result.statusCode() == 302 && location.endsWith("/") && !location.contains("error") ? took : -1;
    }

    private static long issue(HttpClient http, URI base, String token, String[] person) throws Exception {
        return post(http, base.resolve("/api/v1/users/" + person[2] + "/temporary-access-passes"), token, "{}", 201);
    }

    private static long batch(HttpClient http, URI base, String token, List<String[]> people,
                              ThreadLocalRandom random) throws Exception {
        StringJoiner users = new StringJoiner(",", "{\"users\":[", "]}");
        int first = random.nextInt(Math.max(1, people.size() - BATCH));
        for (int i = first; i < Math.min(people.size(), first + BATCH); i++) {
            users.add("{\"id\":" + people.get(i)[2] + "}");
        }
        return post(http, base.resolve("/api/v1/temporary-access-passes/batch"), token, users.toString(), 200);
    }

    private static long post(HttpClient http, URI uri, String token, String json, int expected) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> result = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - start;
        return result.statusCode() == expected ? took : -1;
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
