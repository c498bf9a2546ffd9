package org.helpdesk.passes;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A pass as the API shows it, named like Microsoft Graph's temporaryAccessPassAuthenticationMethod. The pass
 * itself, {@code temporaryAccessPass}, is there only in the answer that creates it.
 */
record PassResource(long id, Instant createdDateTime, Instant startDateTime, long lifetimeInMinutes,
                    @JsonProperty("isUsableOnce") boolean isUsableOnce, @JsonProperty("isUsable") boolean isUsable,
                    PassState methodUsabilityReason,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String temporaryAccessPass) {

    static PassResource of(PassView pass) {
        return new PassResource(pass.id(), pass.createdAt(), pass.startsAt(), pass.lifetimeInMinutes(),
                pass.usableOnce(), pass.state().usable(), pass.state(), null);
    }

    /** The answer that creates a pass: the only one that carries it. */
    static PassResource created(IssuedPass pass, TapPolicy policy, Instant now) {
        PassState state = pass.stateAt(policy, now);
        return new PassResource(pass.passId(), pass.createdAt(), pass.startsAt(),
                Duration.between(pass.startsAt(), pass.endsAt()).toMinutes(), pass.usableOnce(), state.usable(), state,
                pass.grouped());
    }

    @Override
    public String toString() {
        return "PassResource[id=" + id + "]";
    }
}
