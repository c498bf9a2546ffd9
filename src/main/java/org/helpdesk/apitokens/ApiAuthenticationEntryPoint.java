package org.helpdesk.apitokens;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 for an API call without a valid API token: a problem document that says what to send, never a redirect. */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ApiProblems problems;

    ApiAuthenticationEntryPoint(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        ApiCredentialsRefused.Kind kind = e instanceof ApiCredentialsRefused refused ? refused.kind() : null;
        String detail;
        if (kind == ApiCredentialsRefused.Kind.INVALID_TOKEN) {
            detail = "The API token is not valid: it is mistyped, revoked, or its account can no longer use the API. "
                    + "Send a live API token, as 'Authorization: Bearer <token>'.";
        } else if (kind == ApiCredentialsRefused.Kind.OTHER_SCHEME) {
            detail = "The API accepts only API tokens, as 'Authorization: Bearer <token>'. Passwords and Temporary "
                    + "Access Passes are not accepted, in Basic credentials or otherwise.";
        } else if (request.getHeader(HttpHeaders.COOKIE) != null) {
            detail = "Signing in to the console does not authorize API calls. Send an API token, as "
                    + "'Authorization: Bearer <token>'; agents create tokens on their profile.";
        } else {
            detail = "This API needs an API token, as 'Authorization: Bearer <token>'. Agents create tokens on their "
                    + "profile, under API tokens.";
        }
        problems.write(request, response, problems.unauthorized(detail, kind == ApiCredentialsRefused.Kind.INVALID_TOKEN));
    }
}
