package org.helpdesk.signin;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.SignInMethod;
import org.helpdesk.passes.PassEvents.PassIssued;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A new pass starts with a clean slate: the person it was issued to is not kept waiting by earlier failures. */
@Component
class ThrottleResets {

    private final SignInThrottle throttle;
    private final Accounts accounts;

    ThrottleResets(SignInThrottle throttle, Accounts accounts) {
        this.throttle = throttle;
        this.accounts = accounts;
    }

    @EventListener
    void on(PassIssued issued) {
        accounts.find(issued.accountId())
                .ifPresent(account -> throttle.reset(SignInThrottle.accountKey(SignInMethod.TAP, account.email())));
    }
}
