package org.helpdesk.apitokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.ApiClient;
import org.helpdesk.support.Browser;
import org.helpdesk.support.FailingApi;
import org.helpdesk.support.FailingPage;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests to every part of the API, sent as a client would: malformed JSON, wrong types, unknown fields,
 * huge bodies, unknown addresses, methods and ids. Each gets a 4xx problem document with a detail that says what
 * is wrong, and leaves every table as it was. Never a 500, never an HTML page.
 */
abstract class ApiBadInputTests extends IntegrationTestSupport {

    private static final String HUGE = "{\"users\":[" + "{\"mail\":\"someone@example.com\"},".repeat(50_000) + "{}]}";

    private Account admin;
    private Account person;
    private ApiClient api;

    @BeforeEach
    void adminWithToken() {
        enableTap();
        admin = newAdmin();
        person = newContact(false);
        api = api(admin);
        assertThat(api.get("/api/v1/users/" + person.id()).status()).as("the token works").isEqualTo(200);
    }

    /** Method, path ({@code {p}} is a person's id), content type and body of each bad request. */
    static Stream<Arguments> badRequests() {
        String passes = "/api/v1/users/{p}/temporary-access-passes";
        String policy = "/api/v1/policies/temporary-access-pass";
        String batch = "/api/v1/temporary-access-passes/batch";
        List<Arguments> rows = new ArrayList<>();
        for (String[] target : new String[][] {{"POST", passes}, {"PUT", policy}, {"POST", batch},
                {"POST", "/api/v1/users"}, {"PATCH", "/api/v1/users/{p}"}}) {
            for (String body : List.of("{", "{\"a\":}", "not json", "[]", "\"text\"", "42", "null", "{} {}",
                    "{\"a\":1,}", "{'single':'quotes'}", "{\"unknownField\":1}", "\u0000", "{\"x\":\"\\u0000\"}")) {
                rows.add(Arguments.of(target[0], target[1], "application/json", body));
            }
            rows.add(Arguments.of(target[0], target[1], "application/json", ""));
            rows.add(Arguments.of(target[0], target[1], "text/plain", "{}"));
            rows.add(Arguments.of(target[0], target[1], "application/xml", "<a/>"));
            rows.add(Arguments.of(target[0], target[1], "application/x-www-form-urlencoded", "a=b"));
        }
        for (String body : List.of("{\"lifetimeInMinutes\":\"sixty\"}", "{\"lifetimeInMinutes\":60.5}",
                "{\"lifetimeInMinutes\":\"60\"}", "{\"lifetimeInMinutes\":true}", "{\"lifetimeInMinutes\":99999999999}",
                "{\"lifetimeInMinutes\":-5}", "{\"isUsableOnce\":\"yes\"}", "{\"isUsableOnce\":1}",
                "{\"startDateTime\":\"tomorrow\"}", "{\"startDateTime\":\"2026-13-40T00:00:00Z\"}",
                "{\"startDateTime\":12345}", "{\"startDateTime\":\"2001-01-01T00:00:00Z\"}",
                "{\"startDateTime\":\"2999-01-01T00:00:00Z\"}", "{\"temporaryAccessPass\":\"ABCD-EFGH-JKMN\"}",
                "{\"id\":5}", "{\"lifetimeInMinutes\":{}}", "{\"lifetimeInMinutes\":[60]}",
                "{\"lifetimeInMinutes\":60,\"lifetimeInMinutes\":70}")) {
            rows.add(Arguments.of("POST", passes, "application/json", body));
        }
        for (String body : List.of("{\"enabled\":\"true\",\"minimumLifetimeInMinutes\":10,\"maximumLifetimeInMinutes\":480,"
                        + "\"defaultLifetimeInMinutes\":60,\"isUsableOnce\":false,\"defaultLength\":12,\"characterSet\":\"base32\"}",
                "{\"enabled\":true,\"minimumLifetimeInMinutes\":\"ten\",\"maximumLifetimeInMinutes\":480,"
                        + "\"defaultLifetimeInMinutes\":60,\"isUsableOnce\":false,\"defaultLength\":12,\"characterSet\":\"base32\"}",
                "{\"enabled\":true,\"minimumLifetimeInMinutes\":10,\"maximumLifetimeInMinutes\":480,"
                        + "\"defaultLifetimeInMinutes\":60,\"isUsableOnce\":false,\"defaultLength\":12,\"characterSet\":5}",
                "{\"enabled\":true,\"minimumLifetimeInMinutes\":10,\"maximumLifetimeInMinutes\":480,"
                        + "\"defaultLifetimeInMinutes\":60,\"isUsableOnce\":false,\"defaultLength\":12,\"characterSet\":\"base32\","
                        + "\"entropy\":200}",
                "{\"enabled\":null}")) {
            rows.add(Arguments.of("PUT", policy, "application/json", body));
        }
        for (String body : List.of("{\"users\":\"everyone\"}", "{\"users\":[1,2]}", "{\"users\":[{\"id\":\"x\"}]}",
                "{\"users\":[{\"email\":\"a@example.com\"}]}", "{\"users\":[{\"id\":1.5}]}", "{\"users\":{}}",
                "{\"users\":[[]]}", "{\"users\":[{\"mail\":[\"a@example.com\"]}]}")) {
            rows.add(Arguments.of("POST", batch, "application/json", body));
        }
        for (String body : List.of("{\"displayName\":5}", "{\"accountEnabled\":\"no\"}", "{\"displayName\":\"\"}",
                "{\"displayName\":\"" + "x".repeat(201) + "\"}", "{\"displayName\":\"a\\u202Eb\"}",
                "{\"kind\":\"agent\"}", "{\"accountEnabled\":0}")) {
            rows.add(Arguments.of("PATCH", "/api/v1/users/{p}", "application/json", body));
        }
        for (String body : List.of("{\"mail\":5,\"displayName\":\"X\",\"kind\":\"contact\"}",
                "{\"mail\":\"a@example.com\",\"displayName\":\"X\",\"kind\":\"contact\",\"guest\":true}",
                "{\"mail\":\"a@example.com\",\"displayName\":\"X\",\"kind\":[\"contact\"]}")) {
            rows.add(Arguments.of("POST", "/api/v1/users", "application/json", body));
        }
        for (String path : List.of("/api/v1/users/abc", "/api/v1/users/1.5", "/api/v1/users/99999999999999999999",
                "/api/v1/users/987654321", "/api/v1/users/{p}/temporary-access-passes/987654321",
                "/api/v1/users/987654321/temporary-access-passes", "/api/v1/users/{p}/temporary-access-passes/x",
                "/api/v1/nothing-here", "/api/v2/users", "/api/v1/users?size=0", "/api/v1/users?page=-1",
                "/api/v1/users?page=x", "/api/v1/users?kind=robot", "/api/v1/users?q=" + "x".repeat(101),
                "/api/v1/audit-events?cursor=zz", "/api/v1/temporary-access-passes/batch", "/api/v1/users;x=1",
                "/api/v1/%2e%2e/users")) {
            rows.add(Arguments.of("GET", path, null, null));
        }
        for (String[] wrong : new String[][] {{"DELETE", "/api/v1/users"}, {"DELETE", "/api/v1/users/{p}"},
                {"PUT", "/api/v1/users/{p}"}, {"POST", "/api/v1/policies/temporary-access-pass"},
                {"DELETE", "/api/v1/users/{p}/temporary-access-passes"}, {"DELETE", "/api/v1/users/987654321/temporary-access-passes/1"},
                {"PUT", "/api/v1/audit-events"}, {"DELETE", "/api/v1/openapi.json"}}) {
            rows.add(Arguments.of(wrong[0], wrong[1], null, null));
        }
        return rows.stream();
    }

    private String fingerprint() {
        return Stream.of("accounts", "temporary_access_passes", "tap_policy", "api_tokens")
                .map(t -> t + "=" + jdbc.sql("select * from " + t + " order by 1").query().listOfRows())
                .reduce("", String::concat);
    }

    private static void assertProblem(ApiClient.Response response, String label) {
        assertThat(response.status()).as("%s: %s", label, response).isBetween(400, 499);
        assertThat(response.contentType()).as(label).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
        assertThat(response.text("detail")).as(label).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.", "<html");
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("badRequests")
    void badRequestGets4xxProblemAndChangesNothing(String method, String path, String contentType, String body) {
        String before = fingerprint();
        String target = path.replace("{p}", String.valueOf(person.id()));
        assertProblem(api.send(method, target, contentType, body), method + " " + path);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void hugeBodiesGet413WhetherTheirLengthIsDeclaredOrNot() {
        String before = fingerprint();
        assertThat(HUGE.length()).isGreaterThan(1_048_576).isLessThan(2_000_000);
        ApiClient.Response declared = api.send("POST", "/api/v1/temporary-access-passes/batch", "application/json", HUGE);
        assertProblem(declared, "declared length");
        assertThat(declared.status()).isEqualTo(413);
        byte[] bytes = HUGE.getBytes(StandardCharsets.UTF_8);
        ApiClient.Response chunked = api.send("POST", "/api/v1/temporary-access-passes/batch", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        assertProblem(chunked, "chunked");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.text("detail")).contains("larger than");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void serverErrorIsAProblemDocumentThatTellsNothingOfTheCause() {
        ApiClient.Response failed = api.get(FailingApi.PATH);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.text("detail")).contains("could not finish the request");
        assertThat(failed.body()).doesNotContain(FailingPage.SECRET_DETAIL, "Exception", "at org.");
    }

    @Test
    void fieldErrorsNameTheFieldAndTheProblem() {
        ApiClient.Response unknown = api.post("/api/v1/users/" + person.id() + "/temporary-access-passes",
                "{\"lifetimeInMinutes\":60,\"usableOnce\":true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("usableOnce");
        assertThat(unknown.text("detail")).contains("usableOnce", "isUsableOnce");
        ApiClient.Response type = api.post("/api/v1/temporary-access-passes/batch",
                "{\"users\":[{\"id\":1},{\"id\":1},{\"id\":\"seven\"}]}");
        assertThat(type.json().get("errors").get(0).get("field").asString()).isEqualTo("users[2].id");
        assertThat(type.text("detail")).contains("whole number");
        ApiClient.Response malformed = api.post("/api/v1/users", "{\n\"mail\": }");
        assertThat(malformed.text("detail")).contains("not valid JSON", "line 2");
        ApiClient.Response method = api.send("DELETE", "/api/v1/users", null, (String) null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).contains("GET", "POST");
        ApiClient.Response media = api.send("POST", "/api/v1/users", "text/plain", "x");
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.text("detail")).contains("application/json");
        assertThat(api.get("/api/v1/nothing-here").text("detail")).contains("/api/v1/openapi.json");
    }

    @Test
    void consoleErrorPagesStayHtml() {
        accounts.changeOwnPassword(user(admin), null, "a long enough password");
        Browser browser = new Browser(port);
        browser.get("/login");
        browser.post("/login", Map.of("username", admin.email(), "password", "a long enough password"));
        for (String[] page : new String[][] {{"/no/such/page", "404", "Page not found"},
                {"/contacts?page=abc", "400", "That request could not be understood"}}) {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + page[0]))
                    .header("Accept", "text/html,application/xhtml+xml")
                    .header("Cookie", "SESSION=" + browser.cookie("SESSION")).build());
            assertThat(response.statusCode()).isEqualTo(Integer.parseInt(page[1]));
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(response.body()).contains(page[2]).doesNotContain("problem");
        }
    }
}

@H2Test
class ApiBadInputH2Tests extends ApiBadInputTests {
}

@PostgresTest
class ApiBadInputPostgresTests extends ApiBadInputTests {
}
