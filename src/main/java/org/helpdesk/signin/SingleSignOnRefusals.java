package org.helpdesk.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.signin.SignInEvents.SingleSignOnAttempted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ends a single sign-on attempt that did not work: the event log gets the precise reason, the person a page that
 * says what they can do about it. Which of "unknown", "disabled" and "guest" it was is not told: that would let
 * anyone with a provider account learn about the service's accounts.
 */
@Component
class SingleSignOnRefusals {

    static final String PAGE = "/login/sso-refused";

    private final ApplicationEventPublisher events;

    SingleSignOnRefusals(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** What the refusal page may say. */
    enum Problem {
        /** the provider did not vouch for the email address */
        UNVERIFIED,
        /** no account that may sign in this way: unknown, disabled or a guest */
        NO_ACCOUNT,
        /** the provider could not be reached or its configuration did not fit */
        UNAVAILABLE,
        /** anything else: a tampered or stale callback, a refusal or error at the provider */
        FAILED;

        static Problem of(String reason) {
            return switch (reason) {
                case "NO_EMAIL", "EMAIL_NOT_VERIFIED" -> UNVERIFIED;
                case "UNKNOWN_ACCOUNT", "ACCOUNT_DISABLED", "GUEST" -> NO_ACCOUNT;
                case "PROVIDER_UNAVAILABLE" -> UNAVAILABLE;
                default -> FAILED;
            };
        }

        String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Problem parse(String param) {
            for (Problem problem : values()) {
                if (problem.param().equals(param)) {
                    return problem;
                }
            }
            return FAILED;
        }
    }

    /** Records the refusal and sends the person to the page that explains it. */
    void refuse(HttpServletRequest request, HttpServletResponse response, SingleSignOnProvider provider,
                String reason, Long accountId, String providerError) throws IOException {
        record(provider, reason, accountId, providerError);
        String target = request.getContextPath() + PAGE + "?problem=" + Problem.of(reason).param()
                + (provider == null ? "" : "&provider=" + provider.id());
        response.sendRedirect(target);
    }

    void record(SingleSignOnProvider provider, String reason, Long accountId, String providerError) {
        events.publishEvent(new SingleSignOnAttempted(provider == null ? null : provider.id(), accountId, false, reason,
                errorCode(providerError)));
    }

    /** An OAuth 2.0 error code as sent in a callback's URL, which anyone can write: kept only when it looks like one. */
    static String errorCode(String code) {
        if (code == null || code.isEmpty() || code.length() > 64) {
            return code == null || code.isEmpty() ? null : "(not an error code)";
        }
        return code.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '_') ? code : "(not an error code)";
    }
}
