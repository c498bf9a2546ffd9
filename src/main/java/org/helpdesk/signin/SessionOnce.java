package org.helpdesk.signin;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A value kept in the session for one later request only: taking it removes it. With {@code null} the value is
 * dropped. What is kept must be serializable, since the database stores the session.
 */
final class SessionOnce {

    private SessionOnce() {
    }

    static void put(HttpServletRequest request, String attribute, Serializable value) {
        if (value == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(attribute);
            }
            return;
        }
        request.getSession().setAttribute(attribute, value);
    }

    static <T> T take(HttpServletRequest request, String attribute, Class<T> type) {
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(attribute);
        if (!type.isInstance(value)) {
            return null;
        }
        session.removeAttribute(attribute);
        return type.cast(value);
    }
}
