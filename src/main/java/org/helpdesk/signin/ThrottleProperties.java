package org.helpdesk.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in throttling (README "Throttling").
 *
 * @param freeFailures        consecutive failures of one account and method before waits begin
 * @param firstDelay          the first wait; each further failure doubles it
 * @param maxDelay            the longest wait
 * @param revokeAfter         consecutive failed pass sign-ins after which the account's live pass is revoked
 * @param addressWindow       the window over which failures from one client address are counted
 * @param addressMaxFailures  failures from one address within the window before it must wait for the window's end
 * @param forgetAfter         throttling rows idle this long are deleted
 */
@ConfigurationProperties("helpdesk.signin.throttle")
public record ThrottleProperties(int freeFailures, Duration firstDelay, Duration maxDelay, int revokeAfter,
                                 Duration addressWindow, int addressMaxFailures, Duration forgetAfter) {
}
