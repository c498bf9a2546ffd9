package org.helpdesk.apitokens;

/** What happens to API tokens, for the event log. No event carries a token, nor any part of one. */
public final class ApiTokenEvents {

    private ApiTokenEvents() {
    }

    public record ApiTokenCreated(long tokenId, long accountId, String name) {
    }

    public record ApiTokenRevoked(long tokenId, long accountId, long actorId, String name) {
    }

    /**
     * An API call refused at authentication: an unknown, revoked or malformed token, or one whose account may no
     * longer use the API. {@code accountId} and {@code tokenId} are null when the token names nobody.
     */
    public record ApiTokenRefused(Long accountId, Long tokenId, String reason) {
    }
}
