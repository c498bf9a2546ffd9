package org.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** The modules use each other only through their public API, without cycles. */
class ModuleStructureTests {

    private final ApplicationModules modules = ApplicationModules.of(HelpdeskApplication.class);

    @Test
    void modulesWhenScannedThenOnePerTopLevelPackage() {
        assertThat(modules.stream().map(ApplicationModule::getName))
                .containsExactlyInAnyOrder("accounts", "apitokens", "audit", "mfa", "notifications", "passes", "signin", "system");
    }

    @Test
    void modulesWhenVerifiedThenNoCyclesAndNoUseOfInternalTypes() {
        modules.verify();
    }
}
