package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Account administration → … → Temporary Access Pass (spec 4.1). */
abstract class TapPolicyPageTests extends IntegrationTestSupport {

    private static final String PAGE = TapPolicyController.PATH;

    private static MockHttpServletRequestBuilder save(String enabled, String min, String max, String def,
                                                      String once, String length, String set) {
        MockHttpServletRequestBuilder request = post(PAGE).with(csrf())
                .param("minimumLifetimeInMinutes", min).param("maximumLifetimeInMinutes", max)
                .param("defaultLifetimeInMinutes", def).param("defaultLength", length).param("characterSet", set);
        if (enabled != null) {
            request.param("enabled", enabled);
        }
        if (once != null) {
            request.param("isUsableOnce", once);
        }
        return request;
    }

    @Test
    void adminSeesEverySettingWithEntropyAndStorageScheme() throws Exception {
        setPolicy(TapPolicy.DEFAULTS);
        mvc.perform(get(PAGE).with(as(newAdmin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enable Temporary Access Pass")))
                .andExpect(content().string(containsString("name=\"minimumLifetimeInMinutes\" value=\"60\"")))
                .andExpect(content().string(containsString("name=\"maximumLifetimeInMinutes\" value=\"480\"")))
                .andExpect(content().string(containsString("name=\"defaultLength\" value=\"12\"")))
                .andExpect(content().string(containsString("60.0 bits")))
                .andExpect(content().string(containsString("PBKDF2-HMAC-SHA-256")));
    }

    @Test
    void adminSavesPolicyAndItApplies() throws Exception {
        mvc.perform(save("true", "15", "600", "90", "true", "24", "base32").with(as(newAdmin())))
                .andExpect(redirectedUrl(PAGE));
        TapPolicy saved = policies.current();
        assertThat(saved).isEqualTo(new TapPolicy(true, 15, 600, 90, true, 24, CharacterSet.BASE32));
        mvc.perform(get(PAGE).with(as(newAdmin())))
                .andExpect(content().string(containsString("120.0 bits")))
                .andExpect(content().string(containsString("HMAC-SHA-256 keyed with the pepper")));
        mvc.perform(save(null, "15", "600", "90", null, "8", "digits").with(as(newAdmin())));
        assertThat(policies.current().enabled()).isFalse();
        assertThat(policies.current().characterSet()).isEqualTo(CharacterSet.DIGITS);
    }

    @Test
    void invalidCombinationIsRefusedNamingTheFieldAndNothingChanges() throws Exception {
        TapPolicy before = enableTap();
        mvc.perform(save("true", "120", "60", "60", null, "12", "base32").with(as(newAdmin())))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"maximumLifetimeInMinutes-error\"")))
                .andExpect(content().string(containsString("cannot be below the minimum")));
        mvc.perform(save("true", "60", "480", "500", null, "12", "base32").with(as(newAdmin())))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"defaultLifetimeInMinutes-error\"")));
        assertThat(policies.current()).isEqualTo(before);
    }

    @Test
    void badValuesAreRefusedWithMessagesNotErrors() throws Exception {
        TapPolicy before = enableTap();
        String[][] cases = {
                {"abc", "480", "60", "12", "base32", "minimumLifetimeInMinutes"},
                {"60", "99999999999999", "60", "12", "base32", "maximumLifetimeInMinutes"},
                {"60", "480", "-1", "12", "base32", "defaultLifetimeInMinutes"},
                {"60", "480", "60", "7", "base32", "defaultLength"},
                {"60", "480", "60", "49", "base32", "defaultLength"},
                {"60", "480", "60", "", "base32", "defaultLength"},
                {"60", "480", "60", "12", "hex", "characterSet"},
                {"60", "480", "60", "12\u0000", "base32", "defaultLength"},
                {"６０", "480", "60", "12", "base32", "minimumLifetimeInMinutes"},
        };
        for (String[] c : cases) {
            mvc.perform(save("true", c[0], c[1], c[2], null, c[3], c[4]).with(as(newAdmin())))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"" + c[5] + "-error\"")));
        }
        assertThat(policies.current()).isEqualTo(before);
    }

    @Test
    void managersAndAgentsCannotSeeOrChangeThePolicy() throws Exception {
        TapPolicy before = enableTap();
        for (Account who : new Account[] {newAgent(Role.MANAGER), newAgent(Role.AGENT), newContact(false)}) {
            mvc.perform(get(PAGE).with(as(who))).andExpect(status().isForbidden());
            mvc.perform(save(null, "10", "10", "10", null, "8", "digits").with(as(who)))
                    .andExpect(status().isForbidden());
        }
        assertThat(policies.current()).isEqualTo(before);
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get(PAGE)).andExpect(status().is3xxRedirection());
    }
}

@H2Test
class TapPolicyPageH2Tests extends TapPolicyPageTests {
}

@PostgresTest
class TapPolicyPagePostgresTests extends TapPolicyPageTests {
}
