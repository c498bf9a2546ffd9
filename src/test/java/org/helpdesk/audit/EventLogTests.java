package org.helpdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.NewAccount;
import org.helpdesk.accounts.Role;
import org.helpdesk.passes.CharacterSet;
import org.helpdesk.passes.IssueRequest;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.passes.PassPurge;
import org.helpdesk.passes.TapPolicy;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.helpdesk.system.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/** The event log (spec 8): what is recorded, that no secret is, and the admin's page and export. */
@ExtendWith(OutputCaptureExtension.class)
abstract class EventLogTests extends IntegrationTestSupport {

    private static final String AGENT = "EventTests/1.0 (\u0007bell)";

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    PassPurge purge;

    private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
        return request.header("User-Agent", AGENT).with(r -> {
            r.setRemoteAddr("203.0.113.77");
            return r;
        });
    }

    private List<Map<String, Object>> eventsAbout(Account account) {
        return jdbc.sql("select * from audit_events where subject_id = :id order by id")
                .param("id", account.id()).query().listOfRows();
    }

    private static Object col(Map<String, Object> row, String name) {
        return row.get(name) != null ? row.get(name) : row.get(name.toUpperCase());
    }

    @Test
    void signInsByEveryMethodAreRecordedWithOutcomeReasonAddressAndAgent() throws Exception {
        enableTap();
        Account person = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(person), null, "a long enough password");
        IssuedPass pass = issue(person);
        mvc.perform(from(post("/login/tap")).param("username", person.email()).param("pass", "0000-0000-0000").with(csrf()));
        mvc.perform(from(post("/login/tap")).param("username", person.email()).param("pass", pass.value()).with(csrf()));
        mvc.perform(from(post("/login")).param("username", person.email()).param("password", "wrong one!").with(csrf()));
        mvc.perform(from(post("/login")).param("username", person.email()).param("password", "a long enough password")
                .with(csrf()));
        List<Map<String, Object>> signIns = eventsAbout(person).stream()
                .filter(r -> "SIGN_IN".equals(col(r, "type"))).toList();
        assertThat(signIns).extracting(r -> col(r, "outcome") + "/" + col(r, "reason"))
                .containsExactly("failure/WRONG_PASS", "success/null", "failure/WRONG_PASSWORD", "success/null");
        assertThat(signIns).allSatisfy(r -> {
            assertThat(col(r, "client_address")).isEqualTo("203.0.113.77");
            assertThat((String) col(r, "user_agent")).startsWith("EventTests/1.0 (?bell)");
            assertThat(col(r, "occurred_at")).isNotNull();
            assertThat(col(r, "actor_id")).isEqualTo(person.id());
        });
        assertThat((String) col(signIns.get(0), "details")).contains("\"method\":\"tap\"");
        assertThat((String) col(signIns.get(2), "details")).contains("\"method\":\"password\"");
    }

    @Test
    void refusalsRecordThePreciseReasonThePersonNeverSees() throws Exception {
        enableTap();
        Account guest = newContact(true);
        IssuedPass guestPass = issue(guest, new IssueRequest(null, 10, true));
        tapSignIn(guest.email(), guestPass.value());
        tapSignIn(guest.email(), guestPass.value());
        passwordSignIn(guest.email(), "any password at all");
        Account disabled = newContact(false);
        accounts.setActive(disabled.id(), false, user(newAdmin()));
        tapSignIn(disabled.email(), "ABCD-EFGH-JKMN");
        Account nopass = newContact(false);
        tapSignIn(nopass.email(), "ABCD-EFGH-JKMN");
        assertThat(eventsAbout(guest)).filteredOn(r -> "SIGN_IN".equals(col(r, "type")))
                .extracting(r -> col(r, "reason")).containsExactly(null, "ONE_TIME_USED", "GUEST");
        assertThat(eventsAbout(disabled)).filteredOn(r -> "SIGN_IN".equals(col(r, "type")))
                .extracting(r -> col(r, "reason")).containsExactly("ACCOUNT_DISABLED");
        assertThat(eventsAbout(nopass)).filteredOn(r -> "SIGN_IN".equals(col(r, "type")))
                .extracting(r -> col(r, "reason")).containsExactly("NO_PASS");
        long before = jdbc.sql("select count(*) from audit_events where type = 'SIGN_IN' and reason = 'UNKNOWN_ACCOUNT'")
                .query(Long.class).single();
        tapSignIn(uniqueEmail("ghost"), "ABCD-EFGH-JKMN");
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'SIGN_IN' and reason = 'UNKNOWN_ACCOUNT'")
                .query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void adminActionsAreRecordedWithActorSubjectAndDetails() throws Exception {
        Account admin = newAdmin();
        TapPolicy before = policies.current();
        TapPolicy after = new TapPolicy(true, 10, 480, 90, false, 12, CharacterSet.BASE32);
        policies.update(after, user(admin));
        Account guest = accounts.create(new NewAccount(uniqueEmail("guest"), "Guest", AccountKind.CONTACT, null, true),
                user(admin));
        IssuedPass first = passes.issue(guest.id(), new IssueRequest(null, null, false), user(admin));
        IssuedPass second = passes.issue(guest.id(), new IssueRequest(null, null, false), user(admin));
        passes.delete(guest.id(), second.passId(), user(admin));
        accounts.setActive(guest.id(), false, user(admin));
        accounts.setActive(guest.id(), true, user(admin));
        accounts.endAllSessions(guest.id(), user(admin));
        assertThat(eventsAbout(guest)).extracting(r -> col(r, "type")).containsExactly("ACCOUNT_CREATED",
                "PASS_CREATED", "PASS_CREATED", "PASS_REPLACED", "PASS_DELETED", "ACCOUNT_DISABLED", "ACCOUNT_ENABLED",
                "SESSIONS_ENDED");
        assertThat(eventsAbout(guest)).allSatisfy(r -> assertThat(col(r, "actor_id")).isEqualTo(admin.id()));
        assertThat((String) col(eventsAbout(guest).get(0), "details")).contains("\"guest\":true");
        assertThat((String) col(eventsAbout(guest).get(3), "details")).contains("\"passId\":" + first.passId());
        String policyDetails = jdbc.sql("select details from audit_events where type = 'POLICY_CHANGED' and actor_id = :id")
                .param("id", admin.id()).query(String.class).single();
        assertThat(policyDetails).contains("\"before\"", "\"after\"", "\"defaultLifetimeInMinutes\":90",
                "\"defaultLifetimeInMinutes\":" + before.defaultLifetimeInMinutes());
    }

    @Test
    void purgeAndPasswordChangesAndSignOutAreRecorded() throws Exception {
        enableTap();
        Account person = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(person), null, "a long enough password");
        issue(person, new IssueRequest(null, 10, false));
        var session = passwordSignIn(person.email(), "a long enough password").andReturn().getRequest().getSession();
        mvc.perform(post("/logout").with(csrf()).session((org.springframework.mock.web.MockHttpSession) session));
        clock.advance(Duration.ofDays(31));
        assertThat(purge.purge()).isPositive();
        assertThat(eventsAbout(person)).extracting(r -> col(r, "type")).contains("PASSWORD_CHANGED", "SIGN_OUT");
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'PASSES_PURGED'").query(Long.class).single())
                .isPositive();
    }

    @Test
    void anEventCommitsOrRollsBackWithItsChange() {
        enableTap();
        Account person = newContact(false);
        Account admin = newAdmin();
        transactions.executeWithoutResult(status -> {
            passes.issue(person.id(), new IssueRequest(null, null, false), user(admin));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from temporary_access_passes where account_id = :id").param("id", person.id())
                .query(Long.class).single()).isZero();
        assertThat(eventsAbout(person)).extracting(r -> col(r, "type")).doesNotContain("PASS_CREATED");
        passes.issue(person.id(), new IssueRequest(null, null, false), user(admin));
        assertThat(eventsAbout(person)).extracting(r -> col(r, "type")).contains("PASS_CREATED");
    }

    @Test
    void noPassOrPasswordEverReachesTheLogTableOrTheApplicationLog(CapturedOutput output) throws Exception {
        enableTap();
        Account person = newAgent(Role.AGENT);
        String password = "Secret password 4 tests";
        accounts.changeOwnPassword(user(person), null, password);
        IssuedPass pass = issue(person);
        tapSignIn(person.email(), pass.value());
        tapSignIn(person.email(), pass.value().toLowerCase());
        tapSignIn(person.email(), pass.grouped());
        passwordSignIn(person.email(), password);
        passwordSignIn(password, password);
        tapSignIn(pass.value(), pass.value());
        String table = jdbc.sql("select * from audit_events").query().listOfRows().toString();
        for (String secret : List.of(pass.value(), pass.grouped(), pass.value().toLowerCase(), password)) {
            assertThat(table).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void adminBrowsesFiltersPagesAndExportsTheLog() throws Exception {
        Account admin = newAdmin();
        Account person = newContact(false);
        accounts.setActive(person.id(), false, user(admin));
        mvc.perform(get("/admin/events").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Event log")));
        mvc.perform(get("/admin/events").param("person", person.email()).param("type", "ACCOUNT_DISABLED").with(as(admin)))
                .andExpect(content().string(containsString("data-type=\"ACCOUNT_DISABLED\"")))
                .andExpect(content().string(not(containsString("data-type=\"ACCOUNT_CREATED\""))));
        mvc.perform(get("/admin/events").param("person", person.email()).param("from", "2999-01-01T00:00").with(as(admin)))
                .andExpect(content().string(not(containsString("data-type="))));
        mvc.perform(get("/admin/events").param("person", uniqueEmail("nobody")).with(as(admin)))
                .andExpect(content().string(not(containsString("data-type="))));
        for (String[] bad : new String[][] {{"from", "yesterday"}, {"to", "x"}, {"type", "NOPE"}, {"person", "not an email"}}) {
            mvc.perform(get("/admin/events").param(bad[0], bad[1]).with(as(admin)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"filter-error\"")));
        }
        mvc.perform(get("/admin/events").param("page", "x").with(as(admin))).andExpect(status().isBadRequest());

        String csv = mvc.perform(get("/admin/events/export.csv").param("person", person.email()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("time,type,outcome");
        assertThat(csv).contains("\"ACCOUNT_DISABLED\"", "\"ACCOUNT_CREATED\"", person.email());
    }

    @Test
    void paging() throws Exception {
        Account admin = newAdmin();
        Account person = newContact(false);
        for (int i = 0; i < 60; i++) {
            accounts.endAllSessions(person.id(), user(admin));
        }
        mvc.perform(get("/admin/events").param("person", person.email()).with(as(admin)))
                .andExpect(content().string(containsString("Page 1 of 2")));
        mvc.perform(get("/admin/events").param("person", person.email()).param("page", "1").with(as(admin)))
                .andExpect(content().string(containsString("Page 2 of 2")));
    }

    @Test
    void onlyAdminsSeeTheLog() throws Exception {
        for (Account who : new Account[] {newAgent(Role.MANAGER), newAgent(Role.AGENT), newContact(false)}) {
            mvc.perform(get("/admin/events").with(as(who))).andExpect(status().isForbidden());
            mvc.perform(get("/admin/events/export.csv").with(as(who))).andExpect(status().isForbidden());
        }
    }

    @Test
    void csvCellsCannotBecomeFormulas() {
        assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(Csv.cell("@SUM")).isEqualTo("\"'@SUM\"");
        assertThat(Csv.cell("plain, text")).isEqualTo("\"plain, text\"");
        assertThat(Csv.cell(null)).isEmpty();
    }
}

@H2Test
class EventLogH2Tests extends EventLogTests {
}

@PostgresTest
class EventLogPostgresTests extends EventLogTests {
}
