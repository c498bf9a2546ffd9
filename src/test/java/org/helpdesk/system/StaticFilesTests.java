package org.helpdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/** Style sheets and scripts: linked under names that carry their content's hash, and kept by browsers for a year. */
@H2Test
class StaticFilesTests extends IntegrationTestSupport {

    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/(?:css|js)/[^\"]+)\"");
    private static final Pattern HASHED = Pattern.compile("/(css|js)/([a-z-]+)-([0-9a-f]{32})\\.(css|js)");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signInPagesLinkTheirFilesByContentHashAndBrowsersMayKeepThemAYear() throws Exception {
        Set<String> linked = new LinkedHashSet<>();
        for (String page : new String[] {"/login", "/login/tap"}) {
            HttpResponse<String> response = fetch(page);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
            Matcher m = LINKED.matcher(response.body());
            while (m.find()) {
                linked.add(m.group(1));
            }
        }
        assertThat(linked).anyMatch(path -> path.startsWith("/css/app-")).anyMatch(path -> path.startsWith("/js/"));
        for (String path : linked) {
            Matcher name = HASHED.matcher(path);
            assertThat(name.matches()).as(path).isTrue();
            HttpResponse<String> file = fetch(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Cache-Control").orElseThrow())
                    .as(path).contains("max-age=31536000").doesNotContain("no-store").doesNotContain("no-cache");
            assertThat(file.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(name.group(1).equals("css") ? "text/css" : "text/javascript");
            assertThat(file.body()).isEqualTo(classpathFile("static/" + name.group(1) + "/" + name.group(2) + "."
                    + name.group(4)));
        }
    }

    @Test
    void onlyStyleSheetsAndScriptsAreServedAsFilesAndOtherLinksAreLeftAsTheyAre() throws Exception {
        assertThat(fetch("/login/tap").body()).contains("action=\"/login/tap\"");
        assertThat(fetch("/static/css/app.css").statusCode()).isIn(302, 404);
        assertThat(fetch("/css/app.css").statusCode()).isEqualTo(200);
    }

    @Test
    void aFileAskedForUnderAHashItDoesNotHaveIsNotFound() throws Exception {
        HttpResponse<String> response = fetch("/css/app-0123456789abcdef0123456789abcdef.css");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    private static String classpathFile(String path) throws IOException {
        try (InputStream in = StaticFilesTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
