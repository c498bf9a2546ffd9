package org.helpdesk.passes;

import java.util.List;

/** A policy that breaks one or more rules of spec 4.1. */
public class InvalidPolicyException extends RuntimeException {

    private final List<TapPolicy.Problem> problems;

    public InvalidPolicyException(List<TapPolicy.Problem> problems) {
        super("Invalid TAP policy: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<TapPolicy.Problem> problems() {
        return problems;
    }
}
