package org.helpdesk.system;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.helpdesk.support.H2Test;
import org.helpdesk.support.IntegrationTestSupport;
import org.helpdesk.support.PostgresTest;
import org.junit.jupiter.api.Test;

/** The health endpoint is the one actuator endpoint published, open to a load balancer without signing in. */
abstract class HealthEndpointTests extends IntegrationTestSupport {

    @Test
    void healthAnswersUpWithoutSigningIn() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"status\":\"UP\"")));
    }

    @Test
    void noOtherActuatorEndpointIsOpen() throws Exception {
        mvc.perform(get("/actuator/metrics")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/actuator/env")).andExpect(status().is3xxRedirection());
    }
}

@H2Test
class HealthEndpointH2Tests extends HealthEndpointTests {
}

@PostgresTest
class HealthEndpointPostgresTests extends HealthEndpointTests {
}
