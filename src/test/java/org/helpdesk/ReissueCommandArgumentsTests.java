package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which command lines start the reissue command (no web server, ordinary context) instead of the service. */
class ReissueCommandArgumentsTests {

    @Test
    void theArgumentWithAnAddressAsksForTheReissueCommand() {
        assertThat(HelpdeskApplication.isReissueCommand(new String[] {"--server.port=9090",
                "--helpdesk.bootstrap.reissue-setup-pass-for=admin@helpdesk.local"})).isTrue();
    }

    @Test
    void anEmptyOrBlankAddressOrNoArgumentStartsTheService() {
        assertThat(HelpdeskApplication.isReissueCommand(new String[] {"--helpdesk.bootstrap.reissue-setup-pass-for="}))
                .isFalse();
        assertThat(HelpdeskApplication.isReissueCommand(new String[] {"--helpdesk.bootstrap.reissue-setup-pass-for= "}))
                .isFalse();
        assertThat(HelpdeskApplication.isReissueCommand(new String[] {"--helpdesk.bootstrap.admin-email=a@b.example"}))
                .isFalse();
        assertThat(HelpdeskApplication.isReissueCommand(new String[0])).isFalse();
    }
}
