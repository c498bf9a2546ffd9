package org.helpdesk.passes;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.helpdesk.accounts.Account;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.helpdesk.system.Times;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** Where a pass sign-in lands (spec 5): the person's Authentication tab, with the time left and what to set up. */
abstract class PassLandingTests extends IntegrationTestSupport {

    @Autowired
    private Times times;

    @Test
    void passSessionShowsWhenItEndsAndHowLongIsLeftInWords() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        clock.fixAt(now);
        enableTap();
        Account contact = newContact(false);
        IssuedPass pass = issue(contact, new IssueRequest(null, 60, false));
        String tab = "/people/" + contact.id() + "/authentication";
        MockHttpSession session = (MockHttpSession) tapSignIn(contact.email(), pass.value())
                .andReturn().getRequest().getSession();
        String ends = times.format(now.plus(Duration.ofMinutes(60)));
        mvc.perform(get(tab).session(session))
                .andExpect(content().string(containsString("Your pass&#39;s session ends at " + ends + " (in 1 hour).")))
                .andExpect(content().string(containsString("Authentication methods you can set up:")))
                .andExpect(content().string(containsString("href=\"#password-heading\"")));
        clock.fixAt(now.plus(Duration.ofMinutes(18)).plusSeconds(20));
        mvc.perform(get(tab).session(session))
                .andExpect(content().string(containsString("(in 41 minutes)")));
        clock.fixAt(now.plus(Duration.ofMinutes(59)).plusSeconds(30));
        mvc.perform(get(tab).session(session))
                .andExpect(content().string(containsString("(in 30 seconds)")));
    }

    @Test
    void guestsAndPasswordSessionsSeeNoPassNote() throws Exception {
        enableTap();
        Account guest = newContact(true);
        String tab = "/people/" + guest.id() + "/authentication";
        MockHttpSession session = (MockHttpSession) tapSignIn(guest.email(), issue(guest).value())
                .andReturn().getRequest().getSession();
        mvc.perform(get(tab).session(session))
                .andExpect(content().string(not(containsString("session ends at"))));
        Account contact = newContact(false);
        mvc.perform(get("/people/" + contact.id() + "/authentication").with(as(contact)))
                .andExpect(content().string(not(containsString("session ends at"))));
    }
}

@H2Test
class PassLandingH2Tests extends PassLandingTests {
}

@PostgresTest
class PassLandingPostgresTests extends PassLandingTests {
}
