package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.Browser;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;

/** "Sign out everywhere else" (OWASP ASVS 5.0 7.4.3): on its own, and when the password changes. */
abstract class OwnSessionsTests extends IntegrationTestSupport {

    private static final String PASSWORD = "a long enough password";

    @Test
    void personSignsOutEverywhereElseAndStaysSignedInHereUnderANewSessionId() {
        Account agent = agentWithPassword();
        Devices devices = signedInTwice(agent);
        Browser phone = devices.phone();
        Browser laptop = devices.laptop();
        CurrentUser before = signedInAs(laptop);
        String tab = "/people/" + agent.id() + "/authentication";
        assertThat(laptop.get(tab).body()).contains("Sign out everywhere else");
        String sessionBefore = laptop.cookie("SESSION");

        var ended = laptop.post("/profile/sessions/end-others", Map.of());
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith(tab + "#sessions-heading");

        assertThat(laptop.cookie("SESSION")).isNotEqualTo(sessionBefore);
        assertThat(laptop.get(tab).body()).contains("You have been signed out everywhere else.");
        assertThat(laptop.location(laptop.get("/profile"))).isEqualTo(tab);
        assertThat(phone.location(phone.get("/profile"))).isEqualTo("/login?sessionEnded");
        CurrentUser after = signedInAs(laptop);
        assertThat(after.securityStamp()).isGreaterThan(before.securityStamp());
        assertThat(after).isEqualTo(before.withSecurityStamp(after.securityStamp()));
        // the old session id is gone from the store: its cookie signs nobody in
        Browser stolenCookie = new Browser(port);
        stolenCookie.setCookie("SESSION", sessionBefore);
        assertThat(stolenCookie.location(stolenCookie.get("/profile"))).isEqualTo("/login");
        assertThat(sessionsEndedEvents(agent)).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("actor_id")).longValue()).isEqualTo(agent.id());
            assertThat(String.valueOf(row.get("details"))).contains("kept").doesNotContain(PASSWORD);
        });
    }

    @Test
    void aPassSessionKeepsItsPassAndItsEndWhenItSignsOutEverywhereElse() {
        enableTap();
        Account contact = newContact(false);
        accounts.changeOwnPassword(user(contact), null, PASSWORD);
        Browser stolenLaptop = signedInWithPassword(contact, PASSWORD);
        IssuedPass pass = issue(contact);
        Browser helpdeskCall = new Browser(port);
        helpdeskCall.get("/login/tap");
        assertThat(helpdeskCall.location(helpdeskCall.post("/login/tap",
                Map.of("username", contact.email(), "pass", pass.value())))).isEqualTo("/");
        CurrentUser before = signedInAs(helpdeskCall);
        helpdeskCall.get("/people/" + contact.id() + "/authentication");

        helpdeskCall.post("/profile/sessions/end-others", Map.of());

        assertThat(stolenLaptop.location(stolenLaptop.get("/profile"))).isEqualTo("/login?sessionEnded");
        CurrentUser after = signedInAs(helpdeskCall);
        assertThat(after.method()).isEqualTo(SignInMethod.TAP);
        assertThat(after.passId()).isEqualTo(before.passId()).isNotNull();
        assertThat(after.sessionEndsAt()).isEqualTo(before.sessionEndsAt()).isNotNull();
        assertThat(after.signedInAt()).isEqualTo(before.signedInAt());
        assertThat(helpdeskCall.location(helpdeskCall.get("/profile")))
                .isEqualTo("/people/" + contact.id() + "/authentication");
    }

    @Test
    void changingThePasswordSignsOutEverywhereElseOnlyWhenTicked() {
        Account agent = agentWithPassword();
        Devices devices = signedInTwice(agent);
        Browser phone = devices.phone();
        Browser laptop = devices.laptop();
        String tab = "/people/" + agent.id() + "/authentication";
        assertThat(laptop.get(tab).body()).containsPattern("name=\"endOtherSessions\"[^>]*checked");

        laptop.post("/profile/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "another long enough password", "confirmPassword", "another long enough password"));
        assertThat(laptop.get(tab).body()).contains("Your password has been saved.");
        assertThat(phone.location(phone.get("/profile"))).isEqualTo(tab);
        assertThat(sessionsEndedEvents(agent)).isEmpty();

        laptop.post("/profile/password", Map.of("currentPassword", "another long enough password",
                "newPassword", "a third long enough password", "confirmPassword", "a third long enough password",
                "endOtherSessions", "on"));
        assertThat(laptop.get(tab).body())
                .contains("Your password has been saved, and you have been signed out everywhere else.");
        assertThat(phone.location(phone.get("/profile"))).isEqualTo("/login?sessionEnded");
        assertThat(laptop.location(laptop.get("/profile"))).isEqualTo(tab);
        assertThat(sessionsEndedEvents(agent)).hasSize(1);
    }

    @Test
    void aRefusedPasswordChangeSignsNobodyOut() {
        Account agent = agentWithPassword();
        Devices devices = signedInTwice(agent);
        Browser phone = devices.phone();
        Browser laptop = devices.laptop();
        String tab = "/people/" + agent.id() + "/authentication";
        laptop.get(tab);
        laptop.post("/profile/password", Map.of("currentPassword", "not the password",
                "newPassword", "another long enough password", "confirmPassword", "another long enough password",
                "endOtherSessions", "on"));
        assertThat(laptop.get(tab).body()).contains("The current password is not right.");
        assertThat(phone.location(phone.get("/profile"))).isEqualTo(tab);
        assertThat(sessionsEndedEvents(agent)).isEmpty();
    }

    @Test
    void anOddValueInTheBoxCountsAsUntickedAndAnswersNoError() {
        Account agent = agentWithPassword();
        Devices devices = signedInTwice(agent);
        String tab = "/people/" + agent.id() + "/authentication";
        devices.laptop().get(tab);
        var changed = devices.laptop().post("/profile/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "another long enough password", "confirmPassword", "another long enough password",
                "endOtherSessions", "\u0000" + "ö".repeat(5000)));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(devices.laptop().get(tab).body()).contains("Your password has been saved.");
        assertThat(devices.phone().location(devices.phone().get("/profile"))).isEqualTo(tab);
        assertThat(sessionsEndedEvents(agent)).isEmpty();
    }

    @Test
    void signingOutEverywhereElseNeedsASignedInPersonAndTheFormsToken() throws Exception {
        Account agent = newAgent(Role.AGENT);
        mvc.perform(post("/profile/sessions/end-others").with(as(agent))).andExpect(status().isForbidden());
        mvc.perform(post("/profile/sessions/end-others").with(csrf())).andExpect(redirectedUrl("/login"));
        assertThat(sessionsEndedEvents(agent)).isEmpty();
        assertThat(accounts.find(agent.id()).orElseThrow().securityStamp()).isEqualTo(agent.securityStamp());
    }

    private record Devices(Browser phone, Browser laptop) {
    }

    private Devices signedInTwice(Account person) {
        return new Devices(signedInWithPassword(person, PASSWORD), signedInWithPassword(person, PASSWORD));
    }

    private Account agentWithPassword() {
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, PASSWORD);
        return agent;
    }

    private List<Map<String, Object>> sessionsEndedEvents(Account person) {
        return jdbc.sql("select actor_id, details from audit_events where type = 'SESSIONS_ENDED' and subject_id = :id")
                .param("id", person.id()).query().listOfRows();
    }
}

@H2Test
class OwnSessionsH2Tests extends OwnSessionsTests {
}

@PostgresTest
class OwnSessionsPostgresTests extends OwnSessionsTests {
}
