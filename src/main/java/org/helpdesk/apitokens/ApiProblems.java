package org.helpdesk.apitokens;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.PersonNotFoundException;
import org.helpdesk.passes.InvalidPolicyException;
import org.helpdesk.passes.PassNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns what went wrong in an API call into an {@code application/problem+json} answer
 * (RFC 9457): a status, a {@code detail} a person can act on, and for refused values an {@code errors} list that
 * names each field. Never a stack trace, and never a value the client sent.
 */
@Component
class ApiProblems {

    static final String DOCS = "/api/v1/openapi.json";
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** A refused value in the {@code errors} list; {@code field} is null when no single field is at fault. */
    record FieldError(String field, String message) {
    }

    /** A problem and the headers that go with it (Allow, WWW-Authenticate and the like). */
    record Problem(ProblemDetail body, HttpHeaders headers) {

        HttpStatusCode status() {
            return HttpStatusCode.valueOf(body.getStatus());
        }
    }

    private final MessageSource messages;
    private final JsonMapper json;
    private final long maxBytes;

    ApiProblems(MessageSource messages, JsonMapper json, ApiProperties properties) {
        this.messages = messages;
        this.json = json;
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    Problem of(Exception e, HttpServletRequest request) {
        if (e instanceof InvalidInputException invalid) {
            return invalid(invalid.problems().stream()
                    .map(p -> new FieldError(p.field(), message(p.messageCode()))).toList());
        }
        if (e instanceof InvalidPolicyException invalid) {
            return invalid(invalid.problems().stream()
                    .map(p -> new FieldError(p.field(), message(p.messageCode()))).toList());
        }
        if (e instanceof PersonNotFoundException) {
            return simple(HttpStatus.NOT_FOUND, "There is no user with this id.");
        }
        if (e instanceof PassNotFoundException) {
            return simple(HttpStatus.NOT_FOUND, "This user has no Temporary Access Pass with this id.");
        }
        if (e instanceof AccessDeniedException denied) {
            return forbidden(denied.getMessage());
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (e instanceof TypeMismatchException mismatch) {
            return typeMismatch(mismatch);
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            String[] supported = method.getSupportedMethods() == null ? new String[0] : method.getSupportedMethods();
            return withHeaders(method, "This address does not accept " + method.getMethod() + "; it accepts "
                    + String.join(", ", supported) + ".");
        }
        if (e instanceof HttpMediaTypeNotSupportedException media) {
            return withHeaders(media, "Send the request body as JSON, with Content-Type: application/json.");
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return simple(HttpStatus.NOT_FOUND, "There is nothing at this address. The OpenAPI document at " + DOCS
                    + " lists every address of the API.");
        }
        if (e instanceof ErrorResponse response) {
            return withHeaders(response, response.getBody().getDetail());
        }
        return annotatedOrServerError(e, request);
    }

    Problem tooLarge() {
        return simple(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the " + maxBytes
                + " bytes the API accepts. Send fewer entries at a time.");
    }

    Problem serverError() {
        return simple(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not finish the request, and nothing was changed. Please try again later.");
    }

    Problem rejected() {
        return simple(HttpStatus.BAD_REQUEST, "The address of the request is not a valid one: it holds characters or "
                + "sequences (such as ; or encoded dots and slashes) that the API does not accept.");
    }

    Problem forbidden(String reason) {
        String detail = "Your account's role does not allow this.";
        if (reason != null && !reason.isBlank() && !reason.equals("Access Denied")) {
            detail = detail + " " + reason + (reason.endsWith(".") ? "" : ".");
        }
        return simple(HttpStatus.FORBIDDEN, detail);
    }

    Problem unauthorized(String detail, boolean invalidToken) {
        Problem problem = simple(HttpStatus.UNAUTHORIZED, detail);
        problem.headers().set(HttpHeaders.WWW_AUTHENTICATE, invalidToken
                ? "Bearer realm=\"helpdesk-tap\", error=\"invalid_token\"" : "Bearer realm=\"helpdesk-tap\"");
        return problem;
    }

    void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        problem.body().setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.body().getStatus());
        problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem.body());
    }

    private Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? (errors.get(0).field() == null ? "" : errors.get(0).field() + ": ") + errors.get(0).message()
                : errors.size() + " values are not valid; see errors. Nothing was changed.";
        Problem problem = simple(HttpStatus.BAD_REQUEST, detail);
        problem.body().setProperty("errors", errors);
        return problem;
    }

    private Problem unreadable(HttpMessageNotReadableException e) {
        if (UnreadableBodies.tooLarge(e)) {
            return tooLarge();
        }
        UnreadableBodies.Reason reason = UnreadableBodies.reason(e);
        return reason.field() == null ? simple(HttpStatus.BAD_REQUEST, reason.message())
                : invalid(List.of(new FieldError(reason.field(), reason.message())));
    }

    private Problem typeMismatch(TypeMismatchException e) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return invalid(List.of(new FieldError(name, "Give " + UnreadableBodies.expected(e.getRequiredType()) + ".")));
    }

    private Problem withHeaders(ErrorResponse response, String detail) {
        Problem problem = simple(HttpStatus.valueOf(response.getStatusCode().value()), detail);
        problem.headers().putAll(response.getHeaders());
        return problem;
    }

    private Problem annotatedOrServerError(Exception e, HttpServletRequest request) {
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(e.getClass(), ResponseStatus.class);
        if (annotated != null && annotated.code().is4xxClientError()) {
            return simple(annotated.code(), annotated.reason().isEmpty() ? e.getMessage() + "." : annotated.reason());
        }
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return serverError();
    }

    private static Problem simple(HttpStatus status, String detail) {
        return new Problem(ProblemDetail.forStatusAndDetail(status, detail), new HttpHeaders());
    }

    private String message(String code) {
        return messages.getMessage(code, null, code, Locale.ENGLISH);
    }
}
