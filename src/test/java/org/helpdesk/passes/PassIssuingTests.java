package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

/** "+ add pass", the pass shown once, the pass list with states, deleting (spec 4.2 - 4.4). */
@ExtendWith(OutputCaptureExtension.class)
abstract class PassIssuingTests extends IntegrationTestSupport {

    private static final Pattern FORM_ID = Pattern.compile("name=\"formId\" value=\"([0-9a-f]+)\"");
    private static final Pattern PASS = Pattern.compile("id=\"pass-value\"[^>]*>([0-9A-Z-]+)<");

    @Autowired
    PassRepository repository;

    private final MockHttpSession session = new MockHttpSession();

    private String openForm(Account admin, Account person) throws Exception {
        String page = mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher m = FORM_ID.matcher(page);
        assertThat(m.find()).as("the + add pass form is offered").isTrue();
        return m.group(1);
    }

    private ResultActions submit(Account admin, Account person, String formId, String start, String lifetime,
                                 Boolean once) throws Exception {
        var request = post("/people/" + person.id() + "/passes").with(as(admin)).with(csrf()).session(session)
                .param("formId", formId).param("startDateTime", start).param("lifetimeInMinutes", lifetime);
        if (once != null) {
            request.param("isUsableOnce", once.toString());
        }
        return mvc.perform(request);
    }

    private static String passOn(ResultActions result) throws Exception {
        Matcher m = PASS.matcher(result.andReturn().getResponse().getContentAsString());
        assertThat(m.find()).as("the pass is on the page").isTrue();
        return m.group(1);
    }

    private List<StoredPass> storedFor(Account person) {
        return repository.forAccount(person.id(), 100);
    }

    @Test
    void adminIssuesPassShownOnceGroupedWithDetailsAndNoStore(CapturedOutput output) throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        ResultActions issued = submit(admin, person, openForm(admin, person), "", "90", false)
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(content().string(containsString("/login/tap")))
                .andExpect(content().string(containsString("1 hour 30 minutes")))
                .andExpect(content().string(containsString("id=\"copy-pass\"")));
        String pass = passOn(issued);
        assertThat(pass).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        String raw = pass.replace("-", "");

        StoredPass stored = storedFor(person).get(0);
        assertThat(Duration.between(stored.startsAt(), stored.endsAt())).isEqualTo(Duration.ofMinutes(90));
        assertThat(stored.usableOnce()).isFalse();
        assertThat(stored.createdBy()).isEqualTo(admin.id());
        String dump = jdbc.sql("select * from temporary_access_passes").query().listOfRows().toString();
        assertThat(dump).doesNotContain(raw).doesNotContain(pass);

        mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)))
                .andExpect(content().string(not(containsString(raw))))
                .andExpect(content().string(not(containsString(pass))))
                .andExpect(content().string(containsString("EnabledByPolicy")));
        assertThat(output.getAll()).doesNotContain(raw).doesNotContain(pass);
    }

    @Test
    void resubmittingTheFormNeverShowsThePassAgainNorIssuesAnother() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(true);
        String formId = openForm(admin, person);
        String pass = passOn(submit(admin, person, formId, "", "60", false));
        long id = storedFor(person).get(0).id();
        submit(admin, person, formId, "", "60", false)
                .andExpect(redirectedUrl("/people/" + person.id() + "/authentication"))
                .andExpect(flash().attribute("problem", "pass.formSpent"))
                .andExpect(content().string(not(containsString(pass))));
        submit(admin, person, "not-a-form-id", "", "60", false).andExpect(status().is3xxRedirection());
        assertThat(storedFor(person)).extracting(StoredPass::id).containsExactly(id);
    }

    @Test
    void newPassReplacesTheLiveOneAndTheFormWarnsFirst() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        submit(admin, person, openForm(admin, person), "", "60", false).andExpect(status().isOk());
        long first = storedFor(person).get(0).id();
        mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)).session(session))
                .andExpect(content().string(containsString("Creating a new one removes it")));
        submit(admin, person, openForm(admin, person), "", "60", false)
                .andExpect(content().string(containsString("Their previous pass was removed.")));
        assertThat(storedFor(person)).hasSize(1).extracting(StoredPass::id).doesNotContain(first);
    }

    @Test
    void expiredAndUsedPassesStayListedAndAreNotReplaced() {
        enableTap();
        Account person = newContact(false);
        issue(person, new IssueRequest(null, 10, false));
        clock.advance(Duration.ofMinutes(11));
        issue(person, new IssueRequest(null, 60, true));
        assertThat(passes.list(person.id(), user(newAdmin()))).extracting(PassView::state)
                .containsExactly(PassState.EnabledByPolicy, PassState.Expired);
    }

    @Test
    void adminCannotIssueToThemselves() throws Exception {
        enableTap();
        Account admin = newAdmin();
        mvc.perform(get("/people/" + admin.id() + "/authentication").with(as(admin)))
                .andExpect(content().string(not(containsString("name=\"formId\""))))
                .andExpect(content().string(containsString("You cannot issue a Temporary Access Pass to yourself")));
        String formId = openForm(admin, newContact(false));
        submit(admin, admin, formId, "", "60", false).andExpect(status().isBadRequest());
        assertThat(storedFor(admin)).isEmpty();
    }

    @Test
    void managersAndAgentsCannotIssueOrDeletePasses() throws Exception {
        enableTap();
        Account person = newContact(false);
        IssuedPass existing = issue(person);
        for (Account who : new Account[] {newAgent(Role.MANAGER), newAgent(Role.AGENT)}) {
            mvc.perform(post("/people/" + person.id() + "/passes").with(as(who)).with(csrf())
                    .param("formId", "x").param("lifetimeInMinutes", "60")).andExpect(status().isForbidden());
            mvc.perform(post("/people/" + person.id() + "/passes/" + existing.passId() + "/delete").with(as(who))
                    .with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(storedFor(person)).extracting(StoredPass::id).containsExactly(existing.passId());
        mvc.perform(get("/people/" + person.id() + "/authentication").with(as(newAgent(Role.MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-pass-id=\"" + existing.passId() + "\"")))
                .andExpect(content().string(not(containsString("name=\"formId\""))));
    }

    @Test
    void refusedWhenPolicyDisabledOrAccountDisabled() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        String formId = openForm(admin, person);
        setPolicy(new TapPolicy(false, 10, 480, 60, false, 12, CharacterSet.BASE32));
        submit(admin, person, formId, "", "60", false).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("turned off in the policy")));
        enableTap();
        formId = openForm(admin, person);
        accounts.setActive(person.id(), false, user(admin));
        submit(admin, person, formId, "", "60", false).andExpect(status().isBadRequest());
        assertThat(storedFor(person)).isEmpty();
    }

    @Test
    void durationAndStartAreCheckedAgainstThePolicy() throws Exception {
        setPolicy(new TapPolicy(true, 30, 120, 60, false, 12, CharacterSet.BASE32));
        Account admin = newAdmin();
        Account person = newContact(false);
        String[][] bad = {
                {"", "29", "lifetimeInMinutes"}, {"", "121", "lifetimeInMinutes"}, {"", "abc", "lifetimeInMinutes"},
                {"", "99999999999", "lifetimeInMinutes"}, {"yesterday", "60", "startDateTime"},
                {"2000-01-01T10:00", "60", "startDateTime"}, {"2999-01-01T10:00", "60", "startDateTime"}};
        for (String[] c : bad) {
            submit(admin, person, openForm(admin, person), c[0], c[1], false)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"" + (c[2].equals("startDateTime") ? "start" : "lifetime")
                            + "-error\"")));
        }
        assertThat(storedFor(person)).isEmpty();
        mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)))
                .andExpect(content().string(containsString("value=\"60\"")));
    }

    @Test
    void futureStartMakesANotYetValidPass() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String local = start.atZone(java.time.ZoneOffset.UTC).toLocalDateTime().toString();
        submit(admin, person, openForm(admin, person), local, "60", false).andExpect(status().isOk());
        StoredPass stored = storedFor(person).get(0);
        assertThat(stored.startsAt()).isEqualTo(start);
        assertThat(passes.list(person.id(), user(admin)).get(0).state()).isEqualTo(PassState.NotYetValid);
    }

    @Test
    void oneTimeUseIsForcedWhenThePolicyRequiresIt() throws Exception {
        setPolicy(new TapPolicy(true, 10, 480, 60, true, 12, CharacterSet.BASE32));
        Account admin = newAdmin();
        Account person = newContact(false);
        submit(admin, person, openForm(admin, person), "", "60", null).andExpect(status().isOk());
        assertThat(storedFor(person).get(0).usableOnce()).isTrue();
    }

    @Test
    void storageSchemeFollowsThePolicyLength() {
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 12, CharacterSet.BASE32));
        Account shortPass = newContact(false);
        IssuedPass a = issue(shortPass);
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 24, CharacterSet.BASE32));
        Account longPass = newContact(false);
        IssuedPass b = issue(longPass);
        assertThat(a.value()).hasSize(12);
        assertThat(b.value()).hasSize(24);
        assertThat(storedFor(shortPass).get(0).verifier()).startsWith("pbkdf2-sha256$");
        assertThat(storedFor(longPass).get(0).verifier()).startsWith("hmac-sha256$");
        setPolicy(new TapPolicy(true, 10, 480, 60, false, 8, CharacterSet.DIGITS));
        assertThat(issue(newContact(false)).value()).matches("[0-9]{8}");
    }

    @Test
    void listShowsStateReasonCreatorTimesAndUses() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        IssuedPass pass = passes.issue(person.id(), new IssueRequest(null, 60, false), user(admin));
        tapSignIn(person.email(), pass.value()).andExpect(redirectedUrl("/"));
        tapSignIn(person.email(), pass.grouped()).andExpect(redirectedUrl("/"));
        PassView view = passes.list(person.id(), user(admin)).get(0);
        assertThat(view.useCount()).isEqualTo(2);
        assertThat(view.lastUsedAt()).isNotNull();
        assertThat(view.createdByName()).isEqualTo(admin.displayName());
        assertThat(view.lifetimeInMinutes()).isEqualTo(60);
        mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)))
                .andExpect(content().string(containsString("by " + admin.displayName())))
                .andExpect(content().string(containsString("data-state=\"EnabledByPolicy\"")));
        setPolicy(new TapPolicy(false, 10, 480, 60, false, 12, CharacterSet.BASE32));
        mvc.perform(get("/people/" + person.id() + "/authentication").with(as(admin)))
                .andExpect(content().string(containsString("data-state=\"DisabledByPolicy\"")));
    }

    @Test
    void adminDeletesAPass() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newContact(false);
        IssuedPass pass = issue(person);
        Account other = newContact(false);
        mvc.perform(post("/people/" + other.id() + "/passes/" + pass.passId() + "/delete").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/people/" + person.id() + "/passes/" + pass.passId() + "/delete").with(as(admin)).with(csrf()))
                .andExpect(redirectedUrl("/people/" + person.id() + "/authentication"));
        assertThat(storedFor(person)).isEmpty();
        tapSignIn(person.email(), pass.value()).andExpect(redirectedUrl("/login/tap?error=invalid"));
        mvc.perform(post("/people/" + person.id() + "/passes/" + pass.passId() + "/delete").with(as(admin)).with(csrf()))
                .andExpect(status().isNotFound());
    }
}

@H2Test
class PassIssuingH2Tests extends PassIssuingTests {
}

@PostgresTest
class PassIssuingPostgresTests extends PassIssuingTests {
}
