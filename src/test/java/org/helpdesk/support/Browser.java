package org.helpdesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser talking real HTTP to a running service: it keeps its own cookies, follows no redirects and
 * reads the CSRF token from the last form page it loaded.
 */
public final class Browser {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public Browser(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** GETs a page, remembering its cookies and the CSRF token of its form, if any. */
    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(request(path).GET().build());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** POSTs a form with the CSRF token of the last form page loaded. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return send(postRequest(path, fields));
    }

    /** The request {@link #post} would send, to be sent later, e.g. by many browsers at once. */
    public HttpRequest postRequest(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** POSTs a JSON body, as a page's script does, with the CSRF token of the last form page in a header. */
    public HttpResponse<String> postJson(String path, String json) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (csrf != null) {
            builder.header("X-CSRF-TOKEN", csrf);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    /** Sends a DELETE with the CSRF token of the last form page in a header. */
    public HttpResponse<String> delete(String path) {
        HttpRequest.Builder builder = request(path);
        if (csrf != null) {
            builder.header("X-CSRF-TOKEN", csrf);
        }
        return send(builder.DELETE().build());
    }

    /** Sends a request built by {@link #postRequest}, keeping the cookies of its response. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            keepCookies(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public String csrfToken() {
        return csrf;
    }

    /** Where a redirect points, as path and query, whether the server wrote it absolute or relative. */
    public String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
            return null;
        }
        URI target = base.resolve(location);
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private synchronized void keepCookies(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            boolean expired = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
            if (value.isEmpty() || expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
