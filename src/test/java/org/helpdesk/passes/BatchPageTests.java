package org.helpdesk.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Role;
import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Account administration → Passes for a group: a CSV of emails in, a CSV of passes out, once and never cached;
 * all or nothing, with each bad line named.
 */
abstract class BatchPageTests extends IntegrationTestSupport {

    private static final Pattern FORM_ID = Pattern.compile("name=\"formId\" value=\"([0-9a-f]+)\"");
    private final MockHttpSession session = new MockHttpSession();

    private String openForm(Account admin) throws Exception {
        String page = mvc.perform(get(BatchPassesController.PATH).with(as(admin)).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher m = FORM_ID.matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private ResultActions upload(Account admin, String formId, String csv, String lifetime) throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "crew.csv", "text/csv",
                csv == null ? new byte[0] : csv.getBytes(StandardCharsets.UTF_8));
        return mvc.perform(multipart(BatchPassesController.PATH).file(file).param("formId", formId)
                .param("startDateTime", "").param("lifetimeInMinutes", lifetime).param("isUsableOnce", "true")
                .with(as(admin)).with(csrf()).session(session));
    }

    private long passCount() {
        return jdbc.sql("select count(*) from temporary_access_passes").query(Long.class).single();
    }

    @Test
    void adminUploadsEmailsAndDownloadsThePassesOnceNeverCached() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account first = newContact(true);
        Account second = newAgent(Role.AGENT);
        String csv = "Email,Name\r\n" + first.email() + ",First\r\n\r\n\"" + second.email().toUpperCase() + "\",Second\n";
        String formId = openForm(admin);
        String results = upload(admin, formId, csv, "120")
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        List<String> lines = results.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("\"email\",\"name\",\"temporary_access_pass\"");
        assertThat(lines.get(1)).contains(first.email(), "\"120\"", "\"yes\"", "/login/tap");
        assertThat(lines.get(2)).contains(second.email());
        Matcher pass = Pattern.compile("\"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\"").matcher(lines.get(1));
        assertThat(pass.find()).isTrue();
        tapSignIn(first.email(), pass.group(1)).andExpect(redirectedUrl("/"));

        long count = passCount();
        upload(admin, formId, csv, "120").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("already sent")));
        assertThat(passCount()).isEqualTo(count);
    }

    @Test
    void badLinesAreNamedAndNothingIsIssued() throws Exception {
        enableTap();
        Account admin = newAdmin();
        Account fine = newContact(false);
        long count = passCount();
        String csv = "email\n" + fine.email() + "\n" + uniqueEmail("nobody") + "\nnot an email\n" + fine.email() + "\n";
        upload(admin, openForm(admin), csv, "60").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"batch-errors\"")))
                .andExpect(content().string(containsString("Line 3: There is no person with this email address.")))
                .andExpect(content().string(containsString("Line 4: This is not a valid email address.")))
                .andExpect(content().string(containsString("Line 5: This person is already listed above.")));
        upload(admin, openForm(admin), fine.email(), "5").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"lifetime-error\"")));
        upload(admin, openForm(admin), null, "60").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose a CSV file")));
        upload(admin, openForm(admin), "\u0000\u0001", "60").andExpect(status().isBadRequest());
        upload(admin, openForm(admin), (fine.email() + "\n").repeat(1001), "60").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("at most 1,000")));
        assertThat(passCount()).isEqualTo(count);
    }

    @Test
    void onlyAdminsIssuePassesForAGroup() throws Exception {
        enableTap();
        Account person = newContact(false);
        for (Account who : List.of(newAgent(Role.MANAGER), newAgent(Role.AGENT))) {
            mvc.perform(get(BatchPassesController.PATH).with(as(who))).andExpect(status().isForbidden());
            mvc.perform(multipart(BatchPassesController.PATH)
                    .file(new MockMultipartFile("file", "a.csv", "text/csv", person.email().getBytes()))
                    .with(as(who)).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(passes.list(person.id(), user(newAdmin()))).isEmpty();
    }
}

@H2Test
class BatchPageH2Tests extends BatchPageTests {
}

@PostgresTest
class BatchPagePostgresTests extends BatchPageTests {
}
