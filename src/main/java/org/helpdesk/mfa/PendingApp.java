package org.helpdesk.mfa;

/** An app being added: the secret to show, as a QR code of its otpauth URI and as text, until a code confirms it. */
record PendingApp(String secret, String uri) {
}
