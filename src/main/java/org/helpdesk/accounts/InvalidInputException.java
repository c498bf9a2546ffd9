package org.helpdesk.accounts;

import java.util.List;

/** One or more refused values, each naming its field and the message that explains it. */
public class InvalidInputException extends RuntimeException {

    /** A refused value: the field (null when the refusal concerns no single field) and its message code. */
    public record Problem(String field, String messageCode) {
    }

    private final List<Problem> problems;

    public InvalidInputException(String field, String messageCode) {
        this(List.of(new Problem(field, messageCode)));
    }

    public InvalidInputException(List<Problem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem given");
        }
        this.problems = List.copyOf(problems);
    }

    /** The field of the first problem. */
    public String field() {
        return problems.get(0).field();
    }

    /** The message code of the first problem. */
    public String messageCode() {
        return problems.get(0).messageCode();
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.messageCode()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
