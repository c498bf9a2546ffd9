package org.helpdesk.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.system.Times;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** The "too many attempts" page: status 429, a Retry-After header, and when to try again in words. */
@Controller
class ThrottledPage {

    static final String PATH = "/login/throttled";
    private static final String RETRY_AFTER = ThrottledPage.class.getName() + ".retryAfter";

    private final Times times;
    private final Clock clock;

    ThrottledPage(Times times, Clock clock) {
        this.times = times;
        this.clock = clock;
    }

    /** Forwards a throttled sign-in to this page; false when the failure was something else. */
    static boolean forward(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (!(e instanceof SignInThrottledException throttled)) {
            return false;
        }
        request.setAttribute(RETRY_AFTER, throttled.retryAfterSeconds());
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
        request.getRequestDispatcher(PATH).forward(request, response);
        return true;
    }

    @RequestMapping(PATH)
    String show(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!(request.getAttribute(RETRY_AFTER) instanceof Long seconds)) {
            return "redirect:/login";
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        model.addAttribute("wait", times.durationSeconds(seconds));
        model.addAttribute("retryAt", times.format(clock.instant().plus(Duration.ofSeconds(seconds))));
        return "signin/throttled";
    }
}
