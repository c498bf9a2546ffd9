package org.helpdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.ApiClient;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The event log through the API (spec 7, 8): newest first, filtered, paged by a cursor that stays stable. */
abstract class AuditEventsApiTests extends IntegrationTestSupport {

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("value").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private List<Long> storedIds(Account person) {
        return jdbc.sql("""
                        select id from audit_events where subject_id = :id or actor_id = :id
                        order by occurred_at desc, id desc""")
                .param("id", person.id()).query(Long.class).list();
    }

    @Test
    void pagesNewestFirstWithACursorThatNeitherSkipsNorRepeatsWhileEventsArrive() {
        Account admin = newAdmin();
        Account person = newContact(false);
        for (int i = 0; i < 24; i++) {
            accounts.endAllSessions(person.id(), user(admin));
        }
        List<Long> expected = storedIds(person);
        assertThat(expected).hasSize(25);
        ApiClient api = api(newAdmin());
        String base = "/api/v1/audit-events?userId=" + person.id() + "&size=10";

        JsonNode first = api.get(base).json();
        assertThat(ids(first)).containsExactlyElementsOf(expected.subList(0, 10));
        for (int i = 0; i < 3; i++) {
            accounts.endAllSessions(person.id(), user(admin));
        }
        List<Long> seen = new ArrayList<>(ids(first));
        String cursor = first.get("nextCursor").asString();
        int pages = 1;
        while (cursor != null) {
            JsonNode next = api.get(base + "&cursor=" + encode(cursor)).json();
            seen.addAll(ids(next));
            cursor = next.get("nextCursor").isNull() ? null : next.get("nextCursor").asString();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
        JsonNode newest = api.get("/api/v1/audit-events?userId=" + person.id() + "&size=3").json();
        assertThat(newest.get("value").get(0).get("type").asString()).isEqualTo("SESSIONS_ENDED");
        assertThat(ids(newest)).doesNotContainAnyElementsOf(expected);
    }

    @Test
    void filtersByTypeTimeAndAccountAndShowsGraphLikeFields() {
        Account admin = newAdmin();
        Account person = newContact(false);
        accounts.setActive(person.id(), false, user(admin));
        clock.advance(Duration.ofHours(2));
        accounts.setActive(person.id(), true, user(admin));
        ApiClient api = api(newAdmin());
        String who = "/api/v1/audit-events?userId=" + person.id();

        JsonNode disabled = api.get(who + "&type=ACCOUNT_DISABLED").json().get("value");
        assertThat(disabled).hasSize(1);
        JsonNode event = disabled.get(0);
        assertThat(event.get("type").asString()).isEqualTo("ACCOUNT_DISABLED");
        assertThat(event.get("result").asString()).isEqualTo("success");
        assertThat(event.get("initiatedById").asLong()).isEqualTo(admin.id());
        assertThat(event.get("initiatedByMail").asString()).isEqualTo(admin.email());
        assertThat(event.get("userId").asLong()).isEqualTo(person.id());
        assertThat(event.get("userMail").asString()).isEqualTo(person.email());
        assertThat(event.get("activityDateTime").asString()).isNotBlank();

        String later = encode(clock.instant().minus(Duration.ofHours(1)).toString());
        assertThat(api.get(who + "&from=" + later).json().get("value")).extracting(e -> e.get("type").asString())
                .containsExactly("ACCOUNT_ENABLED");
        assertThat(api.get(who + "&to=" + later).json().get("value")).extracting(e -> e.get("type").asString())
                .containsExactly("ACCOUNT_DISABLED", "ACCOUNT_CREATED");
        JsonNode created = api.get(who + "&type=ACCOUNT_CREATED").json().get("value").get(0);
        assertThat(created.get("details").get("kind").asString()).isEqualTo("contact");
        assertThat(api.get("/api/v1/audit-events?userId=987654321").json().get("value")).isEmpty();
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        ApiClient api = api(newAdmin());
        String[][] bad = {{"cursor", "not-a-cursor"}, {"cursor", "MTo5OTk5OTk5OTk5OTk5OTk5OTk6MDox"}, {"size", "0"},
                {"size", "201"}, {"size", "ten"}, {"from", "yesterday"}, {"to", "2026-13-01T00:00:00Z"},
                {"type", "NOPE"}, {"userId", "abc"}, {"userId", "99999999999999999999"},
                {"from", "+99999-01-01T00:00:00Z"}};
        for (String[] parameter : bad) {
            ApiClient.Response response = api.get("/api/v1/audit-events?" + parameter[0] + "=" + encode(parameter[1]));
            assertThat(response.status()).as("%s=%s: %s", parameter[0], parameter[1], response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(parameter[0]);
        }
    }

    @Test
    void onlyAdminsReadTheEventLog() {
        for (Role role : List.of(Role.MANAGER, Role.AGENT)) {
            ApiClient.Response refused = api(newAgent(role)).get("/api/v1/audit-events");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void cursorWhenEncodedThenDecodesToTheSamePosition() {
        AuditCursor cursor = new AuditCursor(Instant.parse("2026-03-01T10:15:30.123456Z"), 42);
        assertThat(AuditCursor.decode(cursor.encode())).contains(cursor);
        assertThat(AuditCursor.decode("")).isEmpty();
        assertThat(AuditCursor.decode("%%%")).isEmpty();
        assertThat(AuditCursor.decode("x".repeat(500))).isEmpty();
    }
}

@H2Test
class AuditEventsApiH2Tests extends AuditEventsApiTests {
}

@PostgresTest
class AuditEventsApiPostgresTests extends AuditEventsApiTests {
}
