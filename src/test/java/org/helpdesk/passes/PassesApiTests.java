package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.NewAccount;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.ApiClient;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Passes and the policy through the API (spec 7), with the console's role rules (spec 4.1 - 4.5). */
abstract class PassesApiTests extends IntegrationTestSupport {

    private static final String POLICY = "/api/v1/policies/temporary-access-pass";

    private TapPolicy before;

    @BeforeEach
    void rememberPolicy() {
        before = policies.current();
    }

    @AfterEach
    void restorePolicy() {
        setPolicy(before);
    }

    private static String passes(Account person) {
        return "/api/v1/users/" + person.id() + "/temporary-access-passes";
    }

    private long passCount() {
        return jdbc.sql("select count(*) from temporary_access_passes").query(Long.class).single();
    }

    private static Map<String, Object> policyBody(boolean enabled, int min, int max, int def, boolean once, int length,
                                                  String characterSet) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", enabled);
        body.put("minimumLifetimeInMinutes", min);
        body.put("maximumLifetimeInMinutes", max);
        body.put("defaultLifetimeInMinutes", def);
        body.put("isUsableOnce", once);
        body.put("defaultLength", length);
        body.put("characterSet", characterSet);
        return body;
    }

    private static List<String> fields(ApiClient.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").isNull() ? null : e.get("field").asString()));
        return fields;
    }

    @Test
    void adminReadsAndReplacesThePolicyOthersCannot() {
        ApiClient admin = api(newAdmin());
        ApiClient.Response read = admin.get(POLICY);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("enabled",
                "minimumLifetimeInMinutes", "maximumLifetimeInMinutes", "defaultLifetimeInMinutes", "isUsableOnce",
                "defaultLength", "characterSet");
        ApiClient.Response saved = admin.put(POLICY, policyBody(true, 15, 600, 90, true, 16, "digits"));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
        assertThat(saved.json().get("characterSet").asString()).isEqualTo("digits");
        assertThat(policies.current()).isEqualTo(new TapPolicy(true, 15, 600, 90, true, 16, CharacterSet.DIGITS));
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'POLICY_CHANGED' and details like '%\"defaultLength\":16%'")
                .query(Long.class).single()).isPositive();

        for (Role role : List.of(Role.MANAGER, Role.AGENT)) {
            ApiClient other = api(newAgent(role));
            ApiClient.Response refused = other.put(POLICY, policyBody(false, 10, 480, 60, false, 12, "base32"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("detail")).contains("role");
            assertThat(other.get(POLICY).status()).isEqualTo(403);
        }
        assertThat(policies.current().defaultLength()).isEqualTo(16);
    }

    @Test
    void policyThatBreaksRulesIsRefusedNamingEveryFieldAndNothingChanges() {
        enableTap();
        TapPolicy current = policies.current();
        ApiClient admin = api(newAdmin());
        ApiClient.Response missing = admin.put(POLICY, Map.of("enabled", true, "characterSet", "hex"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactlyInAnyOrder("minimumLifetimeInMinutes", "maximumLifetimeInMinutes",
                "defaultLifetimeInMinutes", "isUsableOnce", "defaultLength", "characterSet");
        ApiClient.Response rules = admin.put(POLICY, policyBody(true, 500, 100, 5, false, 99, "base32"));
        assertThat(rules.status()).isEqualTo(400);
        assertThat(fields(rules)).containsExactlyInAnyOrder("maximumLifetimeInMinutes", "defaultLifetimeInMinutes",
                "defaultLength");
        assertThat(rules.json().get("errors").get(0).get("message").asString()).isNotBlank();
        assertThat(policies.current()).isEqualTo(current);
    }

    @Test
    void adminIssuesReadsAndDeletesPassesAndThePassIsOnlyInTheCreateAnswer() throws Exception {
        enableTap();
        Account person = newContact(false);
        ApiClient admin = api(newAdmin());
        Instant start = clock.instant().plus(Duration.ofHours(2));
        ApiClient.Response created = admin.post(passes(person),
                Map.of("startDateTime", start.toString(), "lifetimeInMinutes", 90, "isUsableOnce", true));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        JsonNode pass = created.json();
        long id = pass.get("id").asLong();
        assertThat(created.header("Location")).isEqualTo(passes(person) + "/" + id);
        assertThat(pass.get("temporaryAccessPass").asString()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4})+");
        assertThat(Instant.parse(pass.get("startDateTime").asString())).isEqualTo(start);
        assertThat(pass.get("lifetimeInMinutes").asInt()).isEqualTo(90);
        assertThat(pass.get("isUsableOnce").asBoolean()).isTrue();
        assertThat(pass.get("isUsable").asBoolean()).isFalse();
        assertThat(pass.get("methodUsabilityReason").asString()).isEqualTo("NotYetValid");
        assertThat(pass.get("createdDateTime").asString()).isNotBlank();

        ApiClient.Response list = admin.get(passes(person));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("value")).hasSize(1);
        JsonNode listed = list.json().get("value").get(0);
        assertThat(listed.has("temporaryAccessPass")).isFalse();
        assertThat(listed.get("id").asLong()).isEqualTo(id);
        assertThat(list.body()).doesNotContain(pass.get("temporaryAccessPass").asString());
        ApiClient.Response one = admin.get(passes(person) + "/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("temporaryAccessPass")).isFalse();
        assertThat(one.json().get("methodUsabilityReason").asString()).isEqualTo("NotYetValid");

        clock.advance(Duration.ofHours(2));
        tapSignIn(person.email(), pass.get("temporaryAccessPass").asString()).andExpect(redirectedUrl("/"));
        assertThat(admin.get(passes(person) + "/" + id).json().get("methodUsabilityReason").asString())
                .isEqualTo("OneTimeUsed");

        ApiClient.Response deleted = admin.delete(passes(person) + "/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get(passes(person) + "/" + id).status()).isEqualTo(404);
        assertThat(admin.delete(passes(person) + "/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("select type from audit_events where subject_id = :id order by id").param("id", person.id())
                .query(String.class).list()).contains("PASS_CREATED", "PASS_DELETED");
    }

    @Test
    void agentsAndManagersTokensCannotIssueOrDeletePassesAndOnlyManagersReadThem() {
        enableTap();
        Account person = newContact(false);
        IssuedPass existing = issue(person);
        long count = passCount();
        for (Role role : List.of(Role.AGENT, Role.MANAGER)) {
            ApiClient other = api(newAgent(role));
            ApiClient.Response refused = other.post(passes(person), Map.of());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text("detail")).contains("Only admins issue passes");
            assertThat(other.delete(passes(person) + "/" + existing.passId()).status()).isEqualTo(403);
            assertThat(other.post("/api/v1/temporary-access-passes/batch",
                    Map.of("users", List.of(Map.of("id", person.id())))).status()).isEqualTo(403);
            assertThat(other.get(passes(person)).status()).isEqualTo(role == Role.MANAGER ? 200 : 403);
        }
        assertThat(passCount()).isEqualTo(count);
    }

    @Test
    void refusalsForSelfDisabledUnknownAndOtherPeoplesPasses() {
        enableTap();
        Account adminAccount = newAdmin();
        ApiClient admin = api(adminAccount);
        Account disabled = newContact(false);
        accounts.setActive(disabled.id(), false, user(newAdmin()));
        Account person = newContact(false);
        IssuedPass someoneElses = issue(newContact(false));
        long count = passCount();

        ApiClient.Response self = admin.post(passes(adminAccount), Map.of());
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.text("detail")).contains("yourself");
        assertThat(admin.post(passes(disabled), Map.of()).text("detail")).contains("disabled");
        assertThat(admin.post("/api/v1/users/987654321/temporary-access-passes", Map.of()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/users/987654321/temporary-access-passes").status()).isEqualTo(404);
        assertThat(admin.get(passes(person) + "/" + someoneElses.passId()).status()).isEqualTo(404);
        assertThat(admin.delete(passes(person) + "/" + someoneElses.passId()).status()).isEqualTo(404);
        assertThat(admin.get(passes(person) + "/987654321").status()).isEqualTo(404);
        ApiClient.Response lifetime = admin.post(passes(person), Map.of("lifetimeInMinutes", 5,
                "startDateTime", "2001-01-01T00:00:00Z"));
        assertThat(lifetime.status()).isEqualTo(400);
        assertThat(fields(lifetime)).containsExactlyInAnyOrder("lifetimeInMinutes", "startDateTime");
        assertThat(passCount()).isEqualTo(count);
    }

    @Test
    void batchIssuesPassesForAThousandPeopleByIdAndMailEachPassOnce() {
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 24, CharacterSet.BASE32));
        Account admin = newAdmin();
        var creator = user(newAdmin());
        List<Account> crew = new ArrayList<>();
        for (int i = 0; i < PassBatches.MAX_PEOPLE; i++) {
            crew.add(accounts.create(new NewAccount(uniqueEmail("crew"), "Crew " + i, AccountKind.CONTACT, null, true),
                    creator));
        }
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < crew.size(); i++) {
            users.add(i % 2 == 0 ? Map.of("id", crew.get(i).id()) : Map.of("mail", crew.get(i).email().toUpperCase()));
        }
        Instant start = clock.instant().plus(Duration.ofMinutes(30));
        ApiClient.Response response = api(admin).post("/api/v1/temporary-access-passes/batch", Map.of(
                "startDateTime", start.toString(), "lifetimeInMinutes", 480, "isUsableOnce", true, "users", users));
        assertThat(response.status()).as("%s", response.status() == 200 ? "" : response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        JsonNode value = response.json().get("value");
        assertThat(value).hasSize(crew.size());
        Set<String> values = new HashSet<>();
        for (int i = 0; i < crew.size(); i++) {
            JsonNode item = value.get(i);
            assertThat(item.get("userId").asLong()).isEqualTo(crew.get(i).id());
            assertThat(item.get("mail").asString()).isEqualTo(crew.get(i).email());
            JsonNode pass = item.get("pass");
            assertThat(Instant.parse(pass.get("startDateTime").asString())).isEqualTo(start);
            assertThat(pass.get("lifetimeInMinutes").asInt()).isEqualTo(480);
            assertThat(pass.get("isUsableOnce").asBoolean()).isTrue();
            String secret = pass.get("temporaryAccessPass").asString();
            assertThat(values.add(secret)).isTrue();
        }
        String first = value.get(0).get("pass").get("temporaryAccessPass").asString();
        assertThat(response.body().split(first, -1)).hasSize(2);
        assertThat(jdbc.sql("select count(distinct account_id) from temporary_access_passes where created_by = :admin")
                .param("admin", admin.id()).query(Long.class).single()).isEqualTo(crew.size());
        assertThat(jdbc.sql("select details from audit_events where type = 'PASS_BATCH_CREATED' and actor_id = :admin")
                .param("admin", admin.id()).query(String.class).single()).contains("\"count\":1000");
    }

    @Test
    void batchIsAllOrNothingAndNamesEveryBadEntryByIndex() {
        enableTap();
        Account adminAccount = newAdmin();
        ApiClient admin = api(adminAccount);
        Account fine = newContact(false);
        Account disabled = newContact(false);
        accounts.setActive(disabled.id(), false, user(newAdmin()));
        List<Object> users = new ArrayList<>();
        users.add(Map.of("id", fine.id()));
        users.add(Map.of("id", 987654321));
        users.add(Map.of("mail", uniqueEmail("nobody")));
        users.add(Map.of("mail", "not an address"));
        users.add(Map.of("mail", fine.email()));
        users.add(Map.of("id", adminAccount.id()));
        users.add(Map.of("id", disabled.id()));
        users.add(Map.of());
        users.add(Map.of("id", fine.id(), "mail", fine.email()));
        users.add(null);
        long count = passCount();
        ApiClient.Response refused = admin.post("/api/v1/temporary-access-passes/batch",
                Map.of("lifetimeInMinutes", 100000, "users", users));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactly("lifetimeInMinutes", "users[1]", "users[2]", "users[3]", "users[4]",
                "users[5]", "users[6]", "users[7]", "users[8]", "users[9]");
        assertThat(refused.text("detail")).contains("Nothing was changed");
        assertThat(passCount()).isEqualTo(count);

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= PassBatches.MAX_PEOPLE; i++) {
            tooMany.add(Map.of("id", fine.id()));
        }
        ApiClient.Response over = admin.post("/api/v1/temporary-access-passes/batch", Map.of("users", tooMany));
        assertThat(over.status()).isEqualTo(400);
        assertThat(fields(over)).containsExactly("users");
        assertThat(admin.post("/api/v1/temporary-access-passes/batch", Map.of("users", List.of())).status())
                .isEqualTo(400);
        assertThat(admin.post("/api/v1/temporary-access-passes/batch", Map.of()).status()).isEqualTo(400);
        assertThat(passCount()).isEqualTo(count);
    }
}

@H2Test
class PassesApiH2Tests extends PassesApiTests {
}

@PostgresTest
class PassesApiPostgresTests extends PassesApiTests {
}
