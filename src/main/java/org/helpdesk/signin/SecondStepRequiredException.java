package org.helpdesk.signin;

import org.helpdesk.accounts.Account;
import org.springframework.security.core.AuthenticationException;

/** The first factor was right and the account has a second one: the sign-in goes on to {@link SecondStep}. */
class SecondStepRequiredException extends AuthenticationException {

    private final transient Account account;

    SecondStepRequiredException(Account account) {
        super("A second factor is required");
        this.account = account;
    }

    Account account() {
        return account;
    }
}
