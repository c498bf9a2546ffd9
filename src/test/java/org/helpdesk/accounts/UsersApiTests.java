package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.helpdesk.support.ApiClient;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;

/** People through the API (spec 7, 2): the console's rules for who lists, creates, reads and changes whom. */
abstract class UsersApiTests extends IntegrationTestSupport {

    private static List<String> fields(ApiClient.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private static Map<String, Object> newUser(String mail, String name, String kind, String role, String userType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mail", mail);
        body.put("displayName", name);
        body.put("kind", kind);
        body.put("role", role);
        body.put("userType", userType);
        return body;
    }

    @Test
    void managersListAndCreatePeopleWithGraphNames() {
        ApiClient manager = api(newAgent(Role.MANAGER));
        String mail = uniqueEmail("crew");
        ApiClient.Response created = manager.post("/api/v1/users", newUser(mail, "Night Shift", "contact", null, "Guest"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + id);
        assertThat(created.json().properties()).extracting(Map.Entry::getKey).containsExactly("id", "displayName",
                "mail", "kind", "role", "userType", "accountEnabled", "createdDateTime");
        assertThat(created.text("userType")).isEqualTo("Guest");
        assertThat(created.json().get("accountEnabled").asBoolean()).isTrue();
        assertThat(accounts.find(id).orElseThrow().guest()).isTrue();

        ApiClient.Response found = manager.get("/api/v1/users?q=" + mail.substring(0, 14) + "&kind=contact&size=5");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("value")).hasSize(1);
        assertThat(found.json().get("totalCount").asLong()).isEqualTo(1);
        assertThat(found.json().get("value").get(0).get("mail").asString()).isEqualTo(mail);
        assertThat(manager.get("/api/v1/users/" + id).text("displayName")).isEqualTo("Night Shift");
        assertThat(manager.get("/api/v1/users?size=2&page=1").json().get("value")).hasSize(2);
    }

    @Test
    void agentsReadThemselvesOnly() {
        Account agent = newAgent(Role.AGENT);
        ApiClient api = api(agent);
        assertThat(api.get("/api/v1/users/" + agent.id()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + newContact(false).id()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users").status()).isEqualTo(403);
        long before = jdbc.sql("select count(*) from accounts").query(Long.class).single();
        assertThat(api.post("/api/v1/users", newUser(uniqueEmail("x"), "X", "contact", null, null)).status())
                .isEqualTo(403);
        assertThat(api.patch("/api/v1/users/" + agent.id(), Map.of("displayName", "Myself")).status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void creatingRefusesBadValuesNamingEachField() {
        Account existing = newContact(false);
        ApiClient manager = api(newAgent(Role.MANAGER));
        long before = jdbc.sql("select count(*) from accounts").query(Long.class).single();
        ApiClient.Response kind = manager.post("/api/v1/users", newUser("x@example.com", "X", "robot", null, "Alien"));
        assertThat(fields(kind)).containsExactlyInAnyOrder("kind", "userType");
        assertThat(fields(manager.post("/api/v1/users", newUser("x@example.com", "X", "agent", "boss", null))))
                .containsExactly("role");
        assertThat(fields(manager.post("/api/v1/users", newUser("x@example.com", "X", "contact", "agent", null))))
                .containsExactly("role");
        assertThat(fields(manager.post("/api/v1/users", newUser("not an address", "X", "contact", null, null))))
                .containsExactly("mail");
        ApiClient.Response taken = manager.post("/api/v1/users",
                newUser(existing.email().toUpperCase(), "X", "contact", null, null));
        assertThat(fields(taken)).containsExactly("mail");
        assertThat(taken.text("detail")).contains("already has this email");
        assertThat(fields(manager.post("/api/v1/users", newUser(uniqueEmail("x"), " ", "contact", null, null))))
                .containsExactly("displayName");
        assertThat(fields(manager.post("/api/v1/users", newUser(uniqueEmail("x"), "X", "agent", "admin", null))))
                .containsExactly("role");
        assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void patchRenamesForManagersAndEnablesOrDisablesForAdmins() {
        Account person = newAgent(Role.AGENT);
        ApiClient personsApi = api(person);
        Account adminAccount = newAdmin();
        ApiClient admin = api(adminAccount);
        ApiClient manager = api(newAgent(Role.MANAGER));
        ApiClient.Response renamed = manager.patch("/api/v1/users/" + person.id(), Map.of("displayName", "Renamed Person"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("displayName")).isEqualTo("Renamed Person");
        assertThat(manager.patch("/api/v1/users/" + person.id(), Map.of("accountEnabled", false)).status())
                .isEqualTo(403);
        assertThat(manager.patch("/api/v1/users/" + adminAccount.id(), Map.of("displayName", "Demoted")).status())
                .isEqualTo(403);
        assertThat(accounts.find(person.id()).orElseThrow().active()).isTrue();

        ApiClient.Response disabled = admin.patch("/api/v1/users/" + person.id(), Map.of("accountEnabled", false));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("accountEnabled").asBoolean()).isFalse();
        assertThat(personsApi.get("/api/v1/users/" + person.id()).status()).isEqualTo(401);
        assertThat(admin.patch("/api/v1/users/" + person.id(), Map.of("accountEnabled", true)).status()).isEqualTo(200);

        ApiClient.Response self = admin.patch("/api/v1/users/" + adminAccount.id(), Map.of("accountEnabled", false));
        assertThat(self.status()).isEqualTo(400);
        assertThat(fields(self)).containsExactly("accountEnabled");
        ApiClient.Response both = admin.patch("/api/v1/users/" + adminAccount.id(),
                Map.of("displayName", "New Name", "accountEnabled", false));
        assertThat(both.status()).isEqualTo(400);
        assertThat(accounts.find(adminAccount.id()).orElseThrow().displayName()).isEqualTo("Admin Test");
        assertThat(admin.patch("/api/v1/users/987654321", Map.of("displayName", "Nobody")).status()).isEqualTo(404);
        ApiClient.Response mail = admin.patch("/api/v1/users/" + person.id(), Map.of("mail", "new@example.com"));
        assertThat(mail.status()).isEqualTo(400);
        assertThat(fields(mail)).containsExactly("mail");
        assertThat(jdbc.sql("select type from audit_events where subject_id = :id order by id").param("id", person.id())
                .query(String.class).list()).contains("ACCOUNT_UPDATED", "ACCOUNT_DISABLED", "ACCOUNT_ENABLED");
    }
}

@H2Test
class UsersApiH2Tests extends UsersApiTests {
}

@PostgresTest
class UsersApiPostgresTests extends UsersApiTests {
}
