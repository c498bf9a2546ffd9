package org.helpdesk.accounts;

/** How the current session was made, or, for an API call, that it carries an API token. */
public enum SignInMethod {
    PASSWORD, TAP, API_TOKEN, PASSKEY, SSO
}
