package org.helpdesk.accounts;

/** The "new person" form. Role arrives as text so that an unknown value is a form error, not a crash. */
record PersonForm(String email, String displayName, String role, Boolean guest) {

    static PersonForm empty() {
        return new PersonForm("", "", "agent", false);
    }

    boolean isGuest() {
        return Boolean.TRUE.equals(guest);
    }
}
