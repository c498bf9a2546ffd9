package org.helpdesk.apitokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** A failure in the API chain that nothing else answered becomes a 500 problem document without its cause. */
class ApiFailureFilterTests {

    private final ApiProblems problems = new ApiProblems(new StaticMessageSource(), JsonMapper.builder().build(),
            new ApiProperties(DataSize.ofMegabytes(1)));

    @Test
    void failureWhenNothingAnsweredThenProblemDocument() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader("X-Half-Written", "yes");
        new ApiFailureFilter(problems).doFilter(request, response, (req, res) -> {
            throw new IllegalStateException("database gone: secret detail");
        });
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("X-Half-Written")).isNull();
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getContentAsString()).contains("could not finish the request").doesNotContain("secret");
    }

    @Test
    void successWhenChainAnswersThenUntouched() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ApiFailureFilter(problems).doFilter(new MockHttpServletRequest("GET", "/api/v1/users"), response,
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(204));
        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(response.getContentAsString()).isEmpty();
    }
}
