package org.helpdesk.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpSession;

/** Creating, listing, finding, disabling people, and who may do it (spec 2). */
abstract class AccountManagementTests extends IntegrationTestSupport {

    private long countByEmail(String email) {
        return jdbc.sql("select count(*) from accounts where email_key = :k")
                .param("k", email.toLowerCase(java.util.Locale.ROOT)).query(Long.class).single();
    }

    @Test
    void createAgentWhenAdminThenSavedAndProfileShown() throws Exception {
        Account admin = newAdmin();
        String email = uniqueEmail("New.Agent");
        mvc.perform(post("/agents").with(as(admin)).with(csrf())
                        .param("email", email).param("displayName", "Ada Agent").param("role", "manager"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/people/*"));
        Account created = accounts.findByEmail(email.toUpperCase()).orElseThrow();
        assertThat(created.kind()).isEqualTo(AccountKind.AGENT);
        assertThat(created.role()).isEqualTo(Role.MANAGER);
        assertThat(created.guest()).isFalse();
        assertThat(created.hasPassword()).isFalse();
        mvc.perform(get("/people/" + created.id()).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Ada Agent")));
    }

    @Test
    void createGuestContactWhenManagerThenGuestFlagSaved() throws Exception {
        Account manager = newAgent(Role.MANAGER);
        String email = uniqueEmail("guest");
        mvc.perform(post("/contacts").with(as(manager)).with(csrf())
                        .param("email", email).param("displayName", "Gus Guest").param("guest", "true"))
                .andExpect(status().is3xxRedirection());
        Account guest = accounts.findByEmail(email).orElseThrow();
        assertThat(guest.kind()).isEqualTo(AccountKind.CONTACT);
        assertThat(guest.role()).isNull();
        assertThat(guest.guest()).isTrue();
    }

    @Test
    void createWhenEmailTakenInOtherCaseThenRefusedOnFormAndNothingSaved() throws Exception {
        Account admin = newAdmin();
        String email = uniqueEmail("dup");
        accounts.create(new NewAccount(email, "First", AccountKind.CONTACT, null, false), user(admin));
        mvc.perform(post("/contacts").with(as(admin)).with(csrf())
                        .param("email", email.toUpperCase()).param("displayName", "Second"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Someone already has this email address.")));
        assertThat(countByEmail(email)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-an-email", "a@b", "two@@example.com", "space in@example.com",
            "ctrl\u0007@example.com", "rtl\u202E@example.com", "a\n@example.com", "@example.com", "x@.com"})
    void createWhenEmailInvalidThenRefusedWithMessageAndNothingSaved(String email) throws Exception {
        Account admin = newAdmin();
        long before = jdbc.sql("select count(*) from accounts").query(Long.class).single();
        mvc.perform(post("/contacts").with(as(admin)).with(csrf())
                        .param("email", email).param("displayName", "Someone"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"email-error\"")));
        assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void createWhenNameTooLongOrControlCharactersThenRefused() throws Exception {
        Account admin = newAdmin();
        for (String name : new String[] {"x".repeat(201), "bad\u0000name", "   "}) {
            String email = uniqueEmail("name");
            mvc.perform(post("/contacts").with(as(admin)).with(csrf()).param("email", email).param("displayName", name))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"name-error\"")));
            assertThat(countByEmail(email)).isZero();
        }
    }

    @Test
    void createWhenRoleUnknownThenRefused() throws Exception {
        Account admin = newAdmin();
        String email = uniqueEmail("role");
        mvc.perform(post("/agents").with(as(admin)).with(csrf())
                        .param("email", email).param("displayName", "R").param("role", "superuser"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"role-error\"")));
        assertThat(countByEmail(email)).isZero();
    }

    @Test
    void createAdminWhenManagerThenRefused() throws Exception {
        Account manager = newAgent(Role.MANAGER);
        String email = uniqueEmail("would-be-admin");
        mvc.perform(post("/agents").with(as(manager)).with(csrf())
                        .param("email", email).param("displayName", "Sneaky").param("role", "admin"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Only admins can create admins.")));
        assertThat(countByEmail(email)).isZero();
    }

    @Test
    void agentsCannotListOrCreatePeople() throws Exception {
        Account agent = newAgent(Role.AGENT);
        mvc.perform(get("/agents").with(as(agent))).andExpect(status().isForbidden());
        mvc.perform(get("/contacts").with(as(agent))).andExpect(status().isForbidden());
        mvc.perform(get("/contacts/new").with(as(agent))).andExpect(status().isForbidden());
        String email = uniqueEmail("by-agent");
        mvc.perform(post("/contacts").with(as(agent)).with(csrf()).param("email", email).param("displayName", "X"))
                .andExpect(status().isForbidden());
        assertThat(countByEmail(email)).isZero();
    }

    @Test
    void contactsSeeOnlyTheirOwnProfile() throws Exception {
        Account contact = newContact(false);
        Account other = newContact(false);
        mvc.perform(get("/people/" + contact.id()).with(as(contact))).andExpect(status().isOk());
        mvc.perform(get("/people/" + other.id()).with(as(contact))).andExpect(status().isForbidden());
        mvc.perform(get("/people/" + other.id() + "/authentication").with(as(contact))).andExpect(status().isForbidden());
    }

    @Test
    void listSearchesByNameAndEmailAndPages() throws Exception {
        Account admin = newAdmin();
        String tag = "zq" + java.util.UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 25; i++) {
            accounts.create(new NewAccount(tag + i + "@example.com", "Contact " + i, AccountKind.CONTACT, null, false),
                    user(admin));
        }
        accounts.create(new NewAccount(uniqueEmail("named"), "Zed " + tag.toUpperCase(), AccountKind.CONTACT, null,
                false), user(admin));
        ResultPage<Account> first = accounts.search(AccountKind.CONTACT, tag, 0, 20);
        assertThat(first.total()).isEqualTo(26);
        assertThat(first.items()).hasSize(20);
        assertThat(accounts.search(AccountKind.CONTACT, tag, 1, 20).items()).hasSize(6);
        assertThat(accounts.search(AccountKind.AGENT, tag, 0, 20).total()).isZero();
        mvc.perform(get("/contacts").param("q", tag).param("page", "1").with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Page 2 of 2")));
        assertThat(accounts.search(AccountKind.CONTACT, "100%_\\", 0, 20).total()).isZero();
    }

    @Test
    void listWhenSearchOrPageIsBadThenClearMessageOrBadRequest() throws Exception {
        Account admin = newAdmin();
        mvc.perform(get("/contacts").param("q", "x".repeat(500)).with(as(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"q-error\"")));
        mvc.perform(get("/contacts").param("page", "abc").with(as(admin))).andExpect(status().isBadRequest());
        mvc.perform(get("/people/not-a-number").with(as(admin))).andExpect(status().isBadRequest());
        mvc.perform(get("/people/999999999").with(as(admin))).andExpect(status().isNotFound());
    }

    @Test
    void disableWhenAdminThenAccountCannotSignInAndItsSessionEnds() throws Exception {
        Account admin = newAdmin();
        Account agent = newAgent(Role.AGENT);
        accounts.changeOwnPassword(user(agent), null, "correct horse battery");
        MockHttpSession session = (MockHttpSession) passwordSignIn(agent.email(), "correct horse battery")
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession();
        mvc.perform(get("/profile").session(session)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/people/*/authentication"));

        mvc.perform(post("/people/" + agent.id() + "/disable").with(as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(accounts.find(agent.id()).orElseThrow().active()).isFalse();
        mvc.perform(get("/profile").session(session)).andExpect(redirectedUrl("/login?sessionEnded"));
        passwordSignIn(agent.email(), "correct horse battery").andExpect(redirectedUrl("/login?error"));

        mvc.perform(post("/people/" + agent.id() + "/enable").with(as(admin)).with(csrf()));
        passwordSignIn(agent.email(), "correct horse battery").andExpect(redirectedUrl("/"));
    }

    @Test
    void disableWhenManagerOrSelfThenRefused() throws Exception {
        Account manager = newAgent(Role.MANAGER);
        Account contact = newContact(false);
        mvc.perform(post("/people/" + contact.id() + "/disable").with(as(manager)).with(csrf()))
                .andExpect(status().isForbidden());
        Account admin = newAdmin();
        mvc.perform(post("/people/" + admin.id() + "/disable").with(as(admin)).with(csrf()));
        assertThat(accounts.find(admin.id()).orElseThrow().active()).isTrue();
        assertThat(accounts.find(contact.id()).orElseThrow().active()).isTrue();
    }

    @Test
    void stateChangingFormsWithoutCsrfTokenAreRefused() throws Exception {
        Account admin = newAdmin();
        String email = uniqueEmail("nocsrf");
        mvc.perform(post("/contacts").with(as(admin)).param("email", email).param("displayName", "X"))
                .andExpect(status().isForbidden());
        assertThat(countByEmail(email)).isZero();
    }
}

@H2Test
class AccountManagementH2Tests extends AccountManagementTests {
}

@PostgresTest
class AccountManagementPostgresTests extends AccountManagementTests {
}
