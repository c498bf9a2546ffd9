package org.helpdesk.accounts;

/** How the current session was made. */
public enum SignInMethod {
    PASSWORD, TAP
}
