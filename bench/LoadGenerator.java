import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives one service on loopback and prints one line of JSON: operations per second, p50/p90/p99/max latency in
 * ms, errors, and the CPU the load generator itself used. Arguments: operation, base URL (http://127.0.0.1:PORT
 * only), seed file ("email,pass,id" lines; FILE.token holds an admin's API token), clients, seconds, and optionally
 * a file whose appearance ends the run early. Operations:
 * <ul>
 * <li>{@code signin}: a pass sign-in the way a browser does it: fetch /login/tap (its cookies and CSRF token), then
 * post the email and pass with them; only the post is timed and counted.</li>
 * <li>{@code issue}: one pass for one person through the API.</li>
 * <li>{@code batch}: passes for 100 people in one API call; counted per pass.</li>
 * </ul>
 * Each client is one thread with one kept-alive HTTP/1.1 connection, written and read with blocking sockets: the
 * load generator shares the machine with the service, so it spends as little CPU as it can.
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
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", base.getPort());
        List<String[]> people = Files.readAllLines(Path.of(args[2])).stream().map(l -> l.split(",", 3)).toList();
        String token = operation.equals("signin") ? null : Files.readString(Path.of(args[2] + ".token")).trim();
        int clients = Integer.parseInt(args[3]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[4]));
        Path stopFile = args.length > 5 ? Path.of(args[5]) : null;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicLong operations = new AtomicLong();
        long cpuBefore = cpuNanos();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                Connection http = new Connection(address);
                while (System.nanoTime() < deadline && (stopFile == null || !Files.exists(stopFile))) {
                    try {
                        long took = switch (operation) {
                            case "signin" -> signIn(http, people.get(random.nextInt(people.size())));
                            case "issue" -> issue(http, token, people.get(random.nextInt(people.size())));
                            case "batch" -> batch(http, token, people, random);
                            default -> throw new IllegalArgumentException(operation);
                        };
                        if (took < 0) {
                            errors.incrementAndGet();
                        } else {
                            latencies.add(took);
                            operations.addAndGet(operation.equals("batch") ? BATCH : 1);
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        http.close();
                    }
                }
                http.close();
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuPercent = (cpuNanos() - cpuBefore) / 1e9 / seconds * 100;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "{\"operation\":\"%s\",\"clients\":%d,\"seconds\":%.1f,\"operations\":%d,"
                        + "\"perSecond\":%.1f,\"p50Ms\":%.1f,\"p90Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f,\"errors\":%d,"
                        + "\"loadGeneratorCpuPercent\":%.0f}%n",
                operation, clients, seconds, operations.get(), operations.get() / seconds, ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0), errors.get(), cpuPercent);
    }

    /** Returns the time the post took in nanoseconds, or -1 when the sign-in failed. */
    private static long signIn(Connection http, String[] person) throws IOException {
        Response page = http.exchange("GET", "/login/tap", Map.of(), null);
        String cookies = page.cookies();
        Matcher m = CSRF.matcher(page.body());
        if (page.status() != 200 || cookies.isEmpty() || !m.find()) {
            return -1;
        }
        String form = "username=" + enc(person[0]) + "&pass=" + enc(person[1]) + "&_csrf=" + enc(m.group(1));
        long start = System.nanoTime();
        Response result = http.exchange("POST", "/login/tap", Map.of("Cookie", cookies,
                "Content-Type", "application/x-www-form-urlencoded"), form);
        long took = System.nanoTime() - start;
        String location = result.header("location");
        return result.status() == 302 && location != null && location.endsWith("/") && !location.contains("error")
                ? took : -1;
    }

    private static long issue(Connection http, String token, String[] person) throws IOException {
        return post(http, "/api/v1/users/" + person[2] + "/temporary-access-passes", token, "{}", 201);
    }

    private static long batch(Connection http, String token, List<String[]> people, ThreadLocalRandom random)
            throws IOException {
        StringJoiner users = new StringJoiner(",", "{\"users\":[", "]}");
        int first = random.nextInt(Math.max(1, people.size() - BATCH));
        for (int i = first; i < Math.min(people.size(), first + BATCH); i++) {
            users.add("{\"id\":" + people.get(i)[2] + "}");
        }
        return post(http, "/api/v1/temporary-access-passes/batch", token, users.toString(), 200);
    }

    private static long post(Connection http, String path, String token, String json, int expected)
            throws IOException {
        long start = System.nanoTime();
        Response result = http.exchange("POST", path,
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), json);
        long took = System.nanoTime() - start;
        return result.status() == expected ? took : -1;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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

    /** A response: status, headers (names in lower case; Set-Cookie values joined by newlines) and body. */
    record Response(int status, Map<String, String> headers, byte[] content) {

        String header(String name) {
            return headers.get(name);
        }

        String body() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** The cookies the response sets, as a Cookie header's value ("a=1; b=2"); empty when it sets none. */
        String cookies() {
            String all = headers.get("set-cookie");
            StringJoiner pairs = new StringJoiner("; ");
            if (all != null) {
                for (String line : all.split("\n")) {
                    String pair = line.split(";", 2)[0].strip();
                    if (pair.indexOf('=') > 0 && pair.indexOf('=') < pair.length() - 1) {
                        pairs.add(pair);
                    }
                }
            }
            return pairs.toString();
        }
    }

    /** One kept-alive HTTP/1.1 connection, opened again when the server closes it or a read fails. */
    static final class Connection {

        private final InetSocketAddress address;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(InetSocketAddress address) {
            this.address = address;
        }

        Response exchange(String method, String path, Map<String, String> headers, String body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(address, 5_000);
                in = new BufferedInputStream(socket.getInputStream(), 16_384);
                out = new BufferedOutputStream(socket.getOutputStream(), 8_192);
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(address.getPort()).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            Response response = read();
            if ("close".equalsIgnoreCase(response.header("connection"))) {
                close();
            }
            return response;
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a connection that cannot be closed is gone anyway
                }
                socket = null;
            }
        }

        private Response read() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.merge(name, line.substring(colon + 1).trim(), (a, b) -> a + "\n" + b);
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    content.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (headers.containsKey("content-length")) {
                content.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            }
            return new Response(status, headers, content.toByteArray());
        }

        private int chunkSize() throws IOException {
            return Integer.parseInt(line().split(";", 2)[0].trim(), 16);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
