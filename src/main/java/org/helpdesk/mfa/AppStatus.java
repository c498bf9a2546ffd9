package org.helpdesk.mfa;

import java.time.Instant;

/**
 * A person's authenticator app as their Authentication tab shows it.
 *
 * @param registered         whether an app was added and confirmed with a code
 * @param addedAt            when it was confirmed; null when there is none
 * @param recoveryCodesLeft  unused recovery codes
 */
public record AppStatus(boolean registered, Instant addedAt, int recoveryCodesLeft) {

    static final AppStatus NONE = new AppStatus(false, null, 0);
}
