package org.helpdesk.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Where the console's CSRF token is kept: in the session when there is one, otherwise in a cookie of its own.
 * <p>
 * Opening a sign-in form therefore creates no session: anyone fetching the form would otherwise make every
 * instance write a session row to the shared database, kept until the expired-session cleanup. A form posted
 * without a session is checked against the cookie instead (double-submit: a page on another site can neither read
 * the cookie nor set it, and the cookie is sent only with same-site requests). Sign-in gives the new session a new
 * token and drops the cookie; so does sign-out. The form carries the token masked, as with the session.
 */
@Component
final class SignInCsrfTokens implements CsrfTokenRepository {

    static final String COOKIE = "CSRF";

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();

    SignInCsrfTokens() {
        cookies.setCookieName(COOKIE);
        cookies.setHeaderName("X-CSRF-TOKEN");
        cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (token == null) {
            sessions.saveToken(null, request, response);
            if (hasCookie(request)) {
                cookies.saveToken(null, request, response);
            }
        } else if (session != null) {
            sessions.saveToken(token, request, response);
        } else {
            cookies.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            CsrfToken token = sessions.loadToken(request);
            if (token != null) {
                return token;
            }
        }
        return cookies.loadToken(request);
    }

    private static boolean hasCookie(HttpServletRequest request) {
        Cookie[] all = request.getCookies();
        if (all != null) {
            for (Cookie cookie : all) {
                if (COOKIE.equals(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
