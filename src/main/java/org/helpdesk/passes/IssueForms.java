package org.helpdesk.passes;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Each "+ add pass" form carries an id good for one submission. A reload or a back-and-resubmit of the page
 * that showed a pass finds its id spent, so the pass is never shown again and no second pass is made by accident.
 * Only the ids live in the session, never a pass.
 */
@Component
class IssueForms {

    private static final String ATTRIBUTE = IssueForms.class.getName();
    private static final int KEPT = 20;

    private final SecureRandom random;

    IssueForms(SecureRandom random) {
        this.random = random;
    }

    String open(HttpSession session) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        synchronized (WebUtils.getSessionMutex(session)) {
            Deque<String> open = pending(session);
            open.addLast(id);
            while (open.size() > KEPT) {
                open.removeFirst();
            }
            session.setAttribute(ATTRIBUTE, open);
        }
        return id;
    }

    /** True once for an id this session opened; false for a spent, foreign or missing id. */
    boolean spend(HttpSession session, String id) {
        if (id == null) {
            return false;
        }
        synchronized (WebUtils.getSessionMutex(session)) {
            Deque<String> open = pending(session);
            boolean removed = open.remove(id);
            session.setAttribute(ATTRIBUTE, open);
            return removed;
        }
    }

    @SuppressWarnings("unchecked")
    private static Deque<String> pending(HttpSession session) {
        Object value = session.getAttribute(ATTRIBUTE);
        return value instanceof ArrayDeque<?> deque ? (Deque<String>) deque : new ArrayDeque<>();
    }
}
