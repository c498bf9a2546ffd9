package org.helpdesk.accounts;

/** A refused value, naming the form field and the message that explains it. */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String messageCode;

    public InvalidInputException(String field, String messageCode) {
        super(field + ": " + messageCode);
        this.field = field;
        this.messageCode = messageCode;
    }

    public String field() {
        return field;
    }

    public String messageCode() {
        return messageCode;
    }
}
