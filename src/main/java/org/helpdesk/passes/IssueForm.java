package org.helpdesk.passes;

import java.time.Instant;

import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.system.Times;
import org.springframework.validation.BindingResult;

/** The "+ add pass" form; {@code formId} makes each form good for one pass, so a resubmit shows nothing. */
record IssueForm(String startDateTime, String lifetimeInMinutes, Boolean isUsableOnce, String formId) {

    private static final int MAX_NUMBER_LENGTH = 9;

    /** What the form asks for; a value that is not a date or a whole number is an error on its field. */
    IssueRequest toRequest(Times times, BindingResult errors) {
        Instant start = null;
        if (startDateTime != null && !startDateTime.isBlank()) {
            start = times.parseInput(startDateTime);
            if (start == null) {
                errors.rejectValue("startDateTime", "pass.start.invalid");
            }
        }
        Integer lifetime = null;
        String typed = lifetimeInMinutes == null ? "" : lifetimeInMinutes.strip();
        if (!typed.isEmpty()) {
            if (typed.length() > MAX_NUMBER_LENGTH || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
                errors.rejectValue("lifetimeInMinutes", "pass.lifetime.number");
            } else {
                lifetime = Integer.parseInt(typed);
            }
        }
        return new IssueRequest(start, lifetime, Boolean.TRUE.equals(isUsableOnce));
    }

    /** Puts the service's refusals on the form: on their field when the form has it, above the form otherwise. */
    static void reject(InvalidInputException e, BindingResult errors) {
        for (InvalidInputException.Problem problem : e.problems()) {
            String field = problem.field() == null ? "" : problem.field();
            switch (field) {
                case "lifetimeInMinutes", "startDateTime" -> errors.rejectValue(field, problem.messageCode());
                default -> errors.reject(problem.messageCode());
            }
        }
    }
}
