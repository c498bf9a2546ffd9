package org.helpdesk.support;

import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Finds the database session by its cookie, as in production, and also by the {@code MockHttpSession} a MockMvc
 * test hands from one request to the next, so that such tests keep their session while it lives in the database.
 */
public class MockSessionIdResolver implements HttpSessionIdResolver {

    private static final String KEY = MockSessionIdResolver.class.getName() + ".id";

    private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        List<String> ids = cookies.resolveSessionIds(request);
        if (!ids.isEmpty()) {
            return ids;
        }
        MockHttpServletRequest mock = mock(request);
        HttpSession session = mock == null ? null : mock.getSession(false);
        return session != null && session.getAttribute(KEY) instanceof String id ? List.of(id) : List.of();
    }

    @Override
    public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        cookies.setSessionId(request, response, sessionId);
        MockHttpServletRequest mock = mock(request);
        if (mock != null) {
            mock.getSession(true).setAttribute(KEY, sessionId);
        }
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        cookies.expireSession(request, response);
        MockHttpServletRequest mock = mock(request);
        HttpSession session = mock == null ? null : mock.getSession(false);
        if (session != null) {
            session.removeAttribute(KEY);
        }
    }

    /** The id of the database session a MockMvc test's session stands for. */
    public static String databaseSessionId(HttpSession mockSession) {
        return (String) mockSession.getAttribute(KEY);
    }

    private static MockHttpServletRequest mock(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            current = wrapper.getRequest();
        }
        return current instanceof MockHttpServletRequest mock ? mock : null;
    }
}
