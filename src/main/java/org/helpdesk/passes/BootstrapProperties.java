package org.helpdesk.passes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminEmail            the first admin, created on the first start of an empty database
 * @param adminName             their display name
 * @param setupPassLifetime     how long a setup pass works
 * @param reissueSetupPassFor   when set, issue a fresh setup pass for this admin, print it, and exit
 * @param exitAfterReissue      whether that command ends the process (only tests that run it in-process say no)
 */
@ConfigurationProperties("helpdesk.bootstrap")
public record BootstrapProperties(String adminEmail, String adminName, Duration setupPassLifetime,
                                  String reissueSetupPassFor, boolean exitAfterReissue) {
}
