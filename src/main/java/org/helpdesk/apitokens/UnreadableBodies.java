package org.helpdesk.apitokens;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a request body could not be read, in words a client can act on: which field (as in {@code users[3].id}),
 * and what it should have been. Never the value that was sent.
 */
final class UnreadableBodies {

    /** The field at fault, null when the body as a whole is, and what to do about it. */
    record Reason(String field, String message) {
    }

    private UnreadableBodies() {
    }

    static boolean tooLarge(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiBodyLimitFilter.BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static Reason reason(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return new Reason(path(unknown), "This field is not part of the request. Known fields: "
                        + known(unknown.getKnownPropertyIds()) + ".");
            }
            if (cause instanceof InvalidNullException nullValue) {
                return new Reason(path(nullValue), "This field cannot be null.");
            }
            if (cause instanceof InputCoercionException range) {
                return new Reason(path(range), "The number is out of range; give " + expected(range.getTargetType()) + ".");
            }
            if (cause instanceof MismatchedInputException mismatch) {
                String field = path(mismatch);
                String wanted = expected(mismatch.getTargetType());
                return field == null ? new Reason(null, "The request body must be " + wanted + ".")
                        : new Reason(field, "Give " + wanted + ".");
            }
            if (cause instanceof StreamReadException malformed) {
                String where = malformed.getLocation() == null ? "" : " (line " + malformed.getLocation().getLineNr()
                        + ", column " + malformed.getLocation().getColumnNr() + ")";
                return new Reason(null, "The request body is not valid JSON" + where + ".");
            }
            if (cause instanceof JacksonException other) {
                String field = path(other);
                return field == null ? new Reason(null, "The request body could not be read as JSON.")
                        : new Reason(field, "This value cannot be read.");
            }
        }
        return new Reason(null, "This request needs a JSON body.");
    }

    /** What a value of this type looks like in JSON or in a URL. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the right type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == OffsetDateTime.class || type == Instant.class) {
            return "a date and time with its offset, like 2026-01-31T08:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a JSON object";
    }

    /** Where in the body the value is, as in {@code users[3].mail}; null for the body as a whole. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String known(Collection<Object> names) {
        return names == null ? "" : names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
