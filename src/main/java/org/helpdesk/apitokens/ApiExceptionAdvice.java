package org.helpdesk.apitokens;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every exception of an API call with a problem document. It sees every request's exceptions (an unknown
 * address has no controller to scope it to) and hands those of console pages back, unchanged, to the error pages.
 */
@RestControllerAdvice
class ApiExceptionAdvice {

    private final ApiProblems problems;

    ApiExceptionAdvice(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handle(Exception e, HttpServletRequest request) throws Exception {
        if (!ApiProblems.isApi(request)) {
            throw e;
        }
        ApiProblems.Problem problem = problems.of(e, request);
        problem.body().setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.status()).headers(problem.headers()).body(problem.body());
    }
}
