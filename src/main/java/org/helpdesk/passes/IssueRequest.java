package org.helpdesk.passes;

import java.time.Instant;

/**
 * What an admin asks for when issuing a pass.
 *
 * @param startsAt          when it starts working; null means now
 * @param lifetimeInMinutes how long it works; null means the policy's default
 * @param usableOnce        whether one sign-in uses it up (forced when the policy requires it)
 */
public record IssueRequest(Instant startsAt, Integer lifetimeInMinutes, boolean usableOnce) {
}
