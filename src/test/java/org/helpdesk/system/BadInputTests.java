package org.helpdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * A table of bad values for every field of every console form: over-long, empty, non-ASCII digits, control and
 * invisible characters, malformed numbers and dates. Each gets a 4xx answer and leaves every table as it was;
 * the sign-in forms give their one generic refusal. Never a 500.
 */
abstract class BadInputTests extends IntegrationTestSupport {

    private static final String LONG = "x".repeat(10_000);
    private static final List<String> NUMBERS = List.of("abc", "-1", "99999999999999999999", "1e9", "0x10", "２０",
            "1\u0000", "1 2", LONG, "9.5");
    private static final List<String> DATES = List.of("yesterday", "2026-13-01T10:00", "2026-01-01", "1e9", "\u0000",
            LONG, "2026-02-30T10:00", "2000-01-01T10:00", "2999-01-01T10:00");
    private static final List<String> EMAILS = List.of("", "   ", "not-an-email", "a@b", "a\u0000@example.com",
            "x".repeat(300) + "@example.com", "😀@example.com", "a@example.com\u202E", "a b@example.com", LONG);
    private static final List<String> NAMES = List.of("", "   ", "x".repeat(201), "a\u0000b", "a\nb", "\u202Eevil",
            "zero\u200Bwidth", "\uFFFF", LONG);

    static Stream<Arguments> adminFields() {
        List<Arguments> rows = new ArrayList<>();
        for (String field : List.of("minimumLifetimeInMinutes", "maximumLifetimeInMinutes", "defaultLifetimeInMinutes",
                "defaultLength")) {
            for (String value : NUMBERS) {
                rows.add(Arguments.of("policy", field, value));
            }
            rows.add(Arguments.of("policy", field, ""));
        }
        for (String value : List.of("hex", "", "base64", "\u0000base32", LONG)) {
            rows.add(Arguments.of("policy", "characterSet", value));
        }
        for (String form : List.of("agent", "contact")) {
            EMAILS.forEach(v -> rows.add(Arguments.of(form, "email", v)));
            NAMES.forEach(v -> rows.add(Arguments.of(form, "displayName", v)));
        }
        for (String value : List.of("superuser", "", "\u0000", "admin\u200B", LONG)) {
            rows.add(Arguments.of("agent", "role", value));
        }
        NUMBERS.forEach(v -> rows.add(Arguments.of("pass", "lifetimeInMinutes", v)));
        NUMBERS.forEach(v -> rows.add(Arguments.of("batch", "lifetimeInMinutes", v)));
        DATES.forEach(v -> rows.add(Arguments.of("batch", "startDateTime", v)));
        NAMES.forEach(v -> rows.add(Arguments.of("token", "name", v)));
        DATES.forEach(v -> rows.add(Arguments.of("pass", "startDateTime", v)));
        DATES.subList(0, 7).forEach(v -> rows.add(Arguments.of("events", "from", v)));
        DATES.subList(0, 7).forEach(v -> rows.add(Arguments.of("events", "to", v)));
        for (String value : List.of("NOPE", "\u0000", "sign in", LONG)) {
            rows.add(Arguments.of("events", "type", value));
        }
        for (String value : List.of("not an email", "\u0000", LONG)) {
            rows.add(Arguments.of("events", "person", value));
        }
        for (String value : List.of("x", "1e3", "99999999999999999999")) {
            rows.add(Arguments.of("events", "page", value));
            rows.add(Arguments.of("contacts", "page", value));
        }
        NUMBERS.forEach(v -> rows.add(Arguments.of("security", "passwordMinimumLength", v)));
        for (String value : List.of("", "7", "65", "128", "0")) {
            rows.add(Arguments.of("security", "passwordMinimumLength", value));
        }
        for (String value : List.of("maybe", "\u0000", LONG)) {
            rows.add(Arguments.of("security", "requireSecondFactorForAgents", value));
        }
        for (String value : List.of("", "   ", "x".repeat(61), "a\u0000b", "a\nb", "\u202Eevil", "zero\u200Bwidth",
                "\uFFFF", LONG)) {
            rows.add(Arguments.of("sso", "buttonLabel", value));
        }
        for (String value : List.of("maybe", "\u0000", "yes please", LONG)) {
            rows.add(Arguments.of("sso", "enabled", value));
        }
        return rows.stream();
    }

    static Stream<String> signInValues() {
        return Stream.of("", " ", LONG, "\u0000", "line\nbreak", "\u202Eevil", "\u200B", "😀😀😀", "é".repeat(300),
                "<script>x</script>", "' or 1=1 --", "%00", "２０");
    }

    private String fingerprint() {
        return Stream.of("accounts", "temporary_access_passes", "tap_policy", "api_tokens", "security_settings", "sso_settings")
                .map(t -> t + "=" + jdbc.sql("select * from " + t + " order by 1").query().listOfRows())
                .reduce("", String::concat);
    }

    private static final Pattern FORM_ID = Pattern.compile("name=\"formId\" value=\"([0-9a-f]+)\"");

    @ParameterizedTest(name = "{0} {1} = \"{2}\"")
    @MethodSource("adminFields")
    void adminFormsRefuseBadValuesWith4xxAndChangeNothing(String form, String field, String value) throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)).session(session))
                .andReturn().getResponse().getContentAsString();
        Matcher m = FORM_ID.matcher(page);
        assertThat(m.find()).isTrue();
        String before = fingerprint();

        Map<String, String> fields = new LinkedHashMap<>();
        AbstractMockHttpServletRequestBuilder<?> request = switch (form) {
            case "policy" -> {
                fields.putAll(Map.of("enabled", "true", "minimumLifetimeInMinutes", "10", "maximumLifetimeInMinutes",
                        "480", "defaultLifetimeInMinutes", "60", "defaultLength", "12", "characterSet", "base32"));
                yield post("/admin/security/authentication-methods/temporary-access-pass").with(csrf());
            }
            case "agent", "contact" -> {
                fields.putAll(Map.of("email", uniqueEmail("fine"), "displayName", "Fine Name", "role", "agent"));
                yield post("/" + form + "s").with(csrf());
            }
            case "pass" -> {
                fields.putAll(Map.of("formId", m.group(1), "startDateTime", "", "lifetimeInMinutes", "60"));
                yield post("/people/" + person.id() + "/passes").with(csrf()).session(session);
            }
            case "security" -> {
                fields.putAll(Map.of("requireSecondFactorForAgents", "true", "passwordMinimumLength", "12"));
                yield post("/admin/security").with(csrf());
            }
            case "sso" -> {
                fields.putAll(Map.of("enabled", "true", "buttonLabel", "A fine label"));
                yield post("/admin/security/authentication-methods/single-sign-on/google").with(csrf());
            }
            case "events" -> get("/admin/events");
            case "contacts" -> get("/contacts");
            case "token" -> post("/people/" + admin.id() + "/api-tokens").with(csrf());
            case "batch" -> {
                Matcher batchForm = FORM_ID.matcher(mvc.perform(get("/admin/passes/batch").with(as(admin)).session(session))
                        .andReturn().getResponse().getContentAsString());
                assertThat(batchForm.find()).isTrue();
                fields.putAll(Map.of("formId", batchForm.group(1), "startDateTime", "", "lifetimeInMinutes", "60"));
                yield multipart("/admin/passes/batch").file(new MockMultipartFile("file", "crew.csv", "text/csv",
                        person.email().getBytes(StandardCharsets.UTF_8))).with(csrf()).session(session);
            }
            default -> throw new IllegalArgumentException(form);
        };
        fields.put(field, value);
        fields.forEach(request::param);
        int status = mvc.perform(request.with(as(admin))).andReturn().getResponse().getStatus();
        assertThat(status).isBetween(400, 499);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("signInValues")
    void signInFormsGiveTheGenericRefusalAndChangeNothing(String bad) throws Exception {
        enableTap();
        Account person = newContact(false);
        issue(person);
        String before = fingerprint();
        for (String[] pair : new String[][] {{bad, "ABCD-EFGH-JKMN"}, {person.email(), bad}, {bad, bad}}) {
            assertThat(tapSignIn(pair[0], pair[1]).andReturn().getResponse().getRedirectedUrl())
                    .isEqualTo("/login/tap?error=invalid");
            assertThat(passwordSignIn(pair[0], pair[1]).andReturn().getResponse().getRedirectedUrl())
                    .isEqualTo("/login?error");
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    static Stream<String> passkeyLabels() {
        return Stream.concat(NAMES.stream(), Stream.of("x".repeat(65), "tab\there", "\u0007bell", "é".repeat(65)));
    }

    @ParameterizedTest
    @MethodSource("passkeyLabels")
    void passkeyLabelRefusesBadValuesWith4xxAndAddsNothing(String bad) throws Exception {
        Account person = newAgent(org.helpdesk.accounts.Role.AGENT);
        String before = fingerprint() + passkeyRows();
        String body = "{\"publicKey\":{\"credential\":{},\"label\":" + json(bad) + "}}";
        int status = mvc.perform(post("/webauthn/register").with(as(person)).with(csrf())
                .contentType("application/json").content(body)).andReturn().getResponse().getStatus();
        assertThat(status).isBetween(400, 499);
        int removal = mvc.perform(post("/profile/passkeys/" + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8)
                + "x/delete").with(as(person)).with(csrf())).andReturn().getResponse().getStatus();
        assertThat(removal).isBetween(400, 499);
        assertThat(fingerprint() + passkeyRows()).isEqualTo(before);
    }

    private String passkeyRows() {
        return jdbc.sql("select credential_id, label from user_credentials order by 1").query().listOfRows().toString()
                + jdbc.sql("select * from passkey_users order by 1").query().listOfRows();
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.chars().forEach(c -> out.append(c < 0x20 || c == '"' || c == '\\' ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    @ParameterizedTest
    @MethodSource("signInValues")
    void passwordFormRefusesBadValuesAndKeepsThePassword(String bad) throws Exception {
        Account person = newAgent(org.helpdesk.accounts.Role.AGENT);
        accounts.changeOwnPassword(user(person), null, "the good password");
        String hash = jdbc.sql("select password_hash from accounts where id = :id").param("id", person.id())
                .query(String.class).single();
        mvc.perform(post("/profile/password").with(as(person)).with(csrf()).param("currentPassword", bad)
                .param("newPassword", "another good one").param("confirmPassword", "another good one"));
        if (bad.codePointCount(0, bad.length()) < 8 || bad.length() > 128 || Text.hasForbiddenCharacters(bad)) {
            mvc.perform(post("/profile/password").with(as(person)).with(csrf())
                    .param("currentPassword", "the good password").param("newPassword", bad).param("confirmPassword", bad));
        }
        assertThat(jdbc.sql("select password_hash from accounts where id = :id").param("id", person.id())
                .query(String.class).single()).isEqualTo(hash);
    }

    private String appTables(Account person) {
        return Stream.of("authenticator_apps", "recovery_codes")
                .map(t -> t + "=" + jdbc.sql("select * from " + t + " where account_id = :id order by 1")
                        .param("id", person.id()).query().listOfRows())
                .reduce("", String::concat);
    }

    static Stream<String> codeValues() {
        return Stream.concat(signInValues(), NUMBERS.stream());
    }

    @ParameterizedTest
    @MethodSource("codeValues")
    void authenticatorAppCodeRefusesBadValuesWith400AndAddsNoApp(String bad) throws Exception {
        Account person = newContact(false);
        mvc.perform(get("/profile/authenticator-app").with(as(person)));
        String before = appTables(person);
        int status = mvc.perform(post("/profile/authenticator-app/confirm").with(as(person)).with(csrf())
                .param("code", bad)).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(400);
        assertThat(appTables(person)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("codeValues")
    void secondStepCodeGivesTheGenericRefusalAndChangesNothing(String bad) throws Exception {
        Account person = newContact(false);
        accounts.changeOwnPassword(user(person), null, "the good password");
        addAuthenticatorApp(person);
        MockHttpSession session = (MockHttpSession) passwordSignIn(person.email(), "the good password")
                .andReturn().getRequest().getSession();
        String before = appTables(person);
        assertThat(mvc.perform(post("/login/second-factor").session(session).with(csrf()).param("code", bad))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login/second-factor?error");
        assertThat(appTables(person)).isEqualTo(before);
    }
}

@H2Test
class BadInputH2Tests extends BadInputTests {
}

@PostgresTest
class BadInputPostgresTests extends BadInputTests {
}
