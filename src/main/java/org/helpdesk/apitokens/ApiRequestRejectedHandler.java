package org.helpdesk.apitokens;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request the firewall refuses before any filter chain sees it (a path with {@code ;}, {@code %2e} and the
 * like): under /api a problem document, elsewhere the console's 400 page as before.
 */
@Component
class ApiRequestRejectedHandler implements RequestRejectedHandler {

    private final ApiProblems problems;
    private final RequestRejectedHandler console = new HttpStatusRequestRejectedHandler();

    ApiRequestRejectedHandler(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException, ServletException {
        if (ApiProblems.isApi(request)) {
            problems.write(request, response, problems.rejected());
        } else {
            console.handle(request, response, rejected);
        }
    }
}
