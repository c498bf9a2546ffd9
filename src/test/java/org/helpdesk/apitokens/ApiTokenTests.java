package org.helpdesk.apitokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.AccountKind;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.Role;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.passes.IssuedPass;
import org.helpdesk.support.ApiClient;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;

/**
 * API tokens on one's profile (spec 7): made by agents who are not guests, shown once, kept only as a hash, listed
 * by their first characters, revoked at once; never from a session made with a pass, and never in a log.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ApiTokenTests extends IntegrationTestSupport {

    private static final Pattern TOKEN = Pattern.compile("id=\"token-value\">(hdtap_[0-9A-Za-z]{49})<");

    private String tab(Account agent) {
        return "/people/" + agent.id() + "/api-tokens";
    }

    private List<Map<String, Object>> rows(Account agent) {
        return jdbc.sql("select * from api_tokens where account_id = :id").param("id", agent.id()).query().listOfRows();
    }

    private List<String> auditTypes(Account agent) {
        return jdbc.sql("select type from audit_events where subject_id = :id order by id").param("id", agent.id())
                .query(String.class).list();
    }

    @Test
    void agentCreatesTokenShownOnceWithNoStoreAndTheListShowsOnlyItsStart() throws Exception {
        Account agent = newAgent(Role.AGENT);
        mvc.perform(get(tab(agent)).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("You have no API tokens.")));
        String page = mvc.perform(post(tab(agent)).with(as(agent)).with(csrf()).param("name", "roster script"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).as("the token is on the page").isTrue();
        String token = m.group(1);
        assertThat(TokenFormat.wellFormed(token)).isTrue();

        mvc.perform(get(tab(agent)).with(as(agent))).andExpect(status().isOk())
                .andExpect(content().string(containsString("roster script")))
                .andExpect(content().string(containsString(token.substring(0, 10) + "…")))
                .andExpect(content().string(not(containsString(token.substring(0, 11)))));
        List<Map<String, Object>> rows = rows(agent);
        assertThat(rows).hasSize(1);
        assertThat(rows.toString()).doesNotContain(token).doesNotContain(token.substring(10));
        assertThat(rows.get(0).values()).contains(TokenFormat.hash(token));
        assertThat(auditTypes(agent)).contains("API_TOKEN_CREATED");
    }

    @Test
    void tokenWhenUsedThenLastUseIsRecordedAndShown() throws Exception {
        Account agent = newAgent(Role.AGENT);
        String token = apiToken(agent);
        assertThat(apiTokens.list(user(agent)).get(0).lastUsedAt()).isNull();
        assertThat(ApiClient.withToken(port, token).get("/api/v1/users/" + agent.id()).status()).isEqualTo(200);
        assertThat(apiTokens.list(user(agent)).get(0).lastUsedAt()).isNotNull();
        mvc.perform(get(tab(agent)).with(as(agent))).andExpect(content().string(not(containsString(">Never<"))));
    }

    @Test
    void revokedTokenStopsWorkingAtOnceAndIsRecorded() throws Exception {
        Account agent = newAgent(Role.AGENT);
        String token = apiToken(agent);
        String other = apiToken(agent);
        long id = apiTokens.list(user(agent)).get(0).id();
        assertThat(ApiClient.withToken(port, token).get("/api/v1/users/" + agent.id()).status()).isEqualTo(200);
        mvc.perform(post(tab(agent) + "/" + id + "/revoke").with(as(agent)).with(csrf()))
                .andExpect(redirectedUrl(tab(agent)));
        assertThat(ApiClient.withToken(port, token).get("/api/v1/users/" + agent.id()).status()).isEqualTo(401);
        assertThat(ApiClient.withToken(port, other).get("/api/v1/users/" + agent.id()).status()).isEqualTo(200);
        assertThat(auditTypes(agent)).contains("API_TOKEN_REVOKED");
        mvc.perform(post(tab(agent) + "/" + id + "/revoke").with(as(agent)).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void nobodyRevokesOrSeesAnotherPersonsTokens() throws Exception {
        Account agent = newAgent(Role.AGENT);
        Account admin = newAdmin();
        apiToken(agent);
        long id = apiTokens.list(user(agent)).get(0).id();
        mvc.perform(get(tab(agent)).with(as(admin))).andExpect(status().isForbidden());
        mvc.perform(post(tab(agent)).with(as(admin)).with(csrf()).param("name", "x")).andExpect(status().isForbidden());
        mvc.perform(post(tab(admin) + "/" + id + "/revoke").with(as(admin)).with(csrf())).andExpect(status().isNotFound());
        assertThat(rows(agent)).hasSize(1);
    }

    @Test
    void sessionMadeWithPassCannotCreateToken() throws Exception {
        enableTap();
        Account agent = newAgent(Role.AGENT);
        IssuedPass pass = issue(agent);
        MockHttpSession session = (MockHttpSession) tapSignIn(agent.email(), pass.value())
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession();
        mvc.perform(get(tab(agent)).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"reauthenticate\"")))
                .andExpect(content().string(not(containsString("id=\"tokenName\""))));
        mvc.perform(post(tab(agent)).session(session).with(csrf()).param("name", "from a pass"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("temporary access cannot become permanent access")));
        assertThat(rows(agent)).isEmpty();
        CurrentUser withPass = CurrentUser.of(agent, SignInMethod.TAP, pass.passId(), pass.endsAt(), null);
        assertThatThrownBy(() -> apiTokens.create(withPass, "direct")).isInstanceOf(InvalidInputException.class);
        CurrentUser withToken = CurrentUser.of(agent, SignInMethod.API_TOKEN, null, null, null);
        assertThatThrownBy(() -> apiTokens.create(withToken, "direct")).isInstanceOf(InvalidInputException.class);
        assertThat(rows(agent)).isEmpty();
    }

    @Test
    void guestsAndContactsCannotHaveTokens() throws Exception {
        Account guestAgent = newPerson(AccountKind.AGENT, Role.AGENT, true);
        Account contact = newContact(false);
        Account guest = newContact(true);
        for (Account person : List.of(guestAgent, contact, guest)) {
            mvc.perform(get(tab(person)).with(as(person))).andExpect(status().isForbidden());
            mvc.perform(post(tab(person)).with(as(person)).with(csrf()).param("name", "mine"))
                    .andExpect(status().isForbidden());
            assertThatThrownBy(() -> apiTokens.create(user(person), "direct")).isInstanceOf(AccessDeniedException.class);
            assertThat(rows(person)).isEmpty();
            mvc.perform(get("/people/" + person.id() + "/authentication").with(as(person)))
                    .andExpect(content().string(not(containsString("/api-tokens"))));
        }
    }

    @Test
    void namesAreRequiredShortAndUniquePerPerson() throws Exception {
        Account agent = newAgent(Role.AGENT);
        for (String bad : new String[] {"", "   ", "x".repeat(101), "a\u0000b", "\u202Eevil"}) {
            mvc.perform(post(tab(agent)).with(as(agent)).with(csrf()).param("name", bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"tokenName-error\"")));
        }
        mvc.perform(post(tab(agent)).with(as(agent)).with(csrf()).param("name", "deploy")).andExpect(status().isOk());
        mvc.perform(post(tab(agent)).with(as(agent)).with(csrf()).param("name", "deploy"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("You already have a token with this name.")));
        apiTokens.create(user(newAgent(Role.AGENT)), "deploy");
        assertThat(rows(agent)).hasSize(1);
    }

    @Test
    void aPersonHasAtMost25Tokens() throws Exception {
        Account agent = newAgent(Role.AGENT);
        for (int i = 0; i < ApiTokens.MAX_PER_ACCOUNT; i++) {
            apiTokens.create(user(agent), "token " + i);
        }
        mvc.perform(post(tab(agent)).with(as(agent)).with(csrf()).param("name", "one more"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"token-problem\"")))
                .andExpect(content().string(containsString("Revoke one you no longer use first.")));
        assertThat(rows(agent)).hasSize(ApiTokens.MAX_PER_ACCOUNT);
    }

    @Test
    void tokenOfDisabledAccountStopsWorkingAtOnce() {
        Account agent = newAgent(Role.MANAGER);
        Account admin = newAdmin();
        ApiClient api = ApiClient.withToken(port, apiToken(agent));
        assertThat(api.get("/api/v1/users").status()).isEqualTo(200);
        accounts.setActive(agent.id(), false, user(admin));
        ApiClient.Response refused = api.get("/api/v1/users");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select reason from audit_events where subject_id = :id and type = 'SIGN_IN'")
                .param("id", agent.id()).query(String.class).list()).contains("ACCOUNT_DISABLED");
        accounts.setActive(agent.id(), true, user(admin));
        assertThat(api.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void noTokenOrPassEverReachesTheLogOutputOrTheEventLog(CapturedOutput output) throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account person = newAgent(Role.AGENT);
        String page = mvc.perform(post(tab(admin)).with(as(admin)).with(csrf()).param("name", "secret test"))
                .andReturn().getResponse().getContentAsString();
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        ApiClient api = ApiClient.withToken(port, token);
        ApiClient.Response created = api.post("/api/v1/users/" + person.id() + "/temporary-access-passes", Map.of());
        assertThat(created.status()).isEqualTo(201);
        String pass = created.text("temporaryAccessPass");
        ApiClient.Response batch = api.post("/api/v1/temporary-access-passes/batch",
                Map.of("users", List.of(Map.of("id", person.id()))));
        assertThat(batch.status()).isEqualTo(200);
        String batchPass = batch.json().get("value").get(0).get("pass").get("temporaryAccessPass").asString();
        String typo = token.substring(0, 20) + (token.charAt(20) == 'a' ? 'b' : 'a') + token.substring(21);
        assertThat(ApiClient.withToken(port, typo).get("/api/v1/users").status()).isEqualTo(401);
        assertThat(ApiClient.withToken(port, batchPass).get("/api/v1/users").status()).isEqualTo(401);
        String basic = java.util.Base64.getEncoder().encodeToString((person.email() + ":" + batchPass).getBytes());
        assertThat(new ApiClient(port).header("Authorization", "Basic " + basic).get("/api/v1/users").status())
                .isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/users", "application/json", "{\"mail\":\"" + token + "\"").status())
                .isEqualTo(400);
        tapSignIn(person.email(), batchPass);
        String table = jdbc.sql("select * from audit_events").query().listOfRows().toString();
        for (String secret : List.of(token, token.substring(10), pass, pass.replace("-", ""), batchPass,
                batchPass.replace("-", ""), typo, basic)) {
            assertThat(table).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }
}

@H2Test
class ApiTokenH2Tests extends ApiTokenTests {
}

@PostgresTest
class ApiTokenPostgresTests extends ApiTokenTests {
}
