package org.helpdesk.support;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An API call that always fails, so that tests can see the server-error answer as clients would. It exists only
 * in test contexts, like {@link FailingPage}.
 */
@TestComponent
@RestController
public class FailingApi {

    public static final String PATH = "/api/v1/test-support/server-error";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException(FailingPage.SECRET_DETAIL);
    }
}
