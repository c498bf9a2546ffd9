package org.helpdesk.support;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page that always fails, so that tests can see the server-error page as people would. It exists only in
 * test contexts: {@link TestConfig} imports it, and {@link TestComponent} keeps component scanning away from it.
 */
@TestComponent
@Controller
public class FailingPage {

    public static final String PATH = "/test-support/server-error";
    /** In the exception's message only: an error page must never show it. */
    public static final String SECRET_DETAIL = "deliberate failure of the test page";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException(SECRET_DETAIL);
    }
}
