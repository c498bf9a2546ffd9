package org.helpdesk.passes;

/** The "+ add pass" form; {@code formId} makes each form good for one pass, so a resubmit shows nothing. */
record IssueForm(String startDateTime, String lifetimeInMinutes, Boolean isUsableOnce, String formId) {
}
