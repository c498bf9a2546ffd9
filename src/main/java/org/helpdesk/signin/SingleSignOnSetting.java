package org.helpdesk.signin;

/** What an admin decides about one single sign-on provider: whether it is offered, and its button's label. */
public record SingleSignOnSetting(boolean enabled, String buttonLabel) {
}
