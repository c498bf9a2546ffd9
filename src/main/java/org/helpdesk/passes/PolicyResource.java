package org.helpdesk.passes;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.InvalidInputException.Problem;

/** The TAP policy in the API (spec 4.1). A PUT gives every field; {@code characterSet} is base32 or digits. */
record PolicyResource(Boolean enabled, Integer minimumLifetimeInMinutes, Integer maximumLifetimeInMinutes,
                      Integer defaultLifetimeInMinutes, @JsonProperty("isUsableOnce") Boolean isUsableOnce,
                      Integer defaultLength, String characterSet) {

    static PolicyResource of(TapPolicy policy) {
        return new PolicyResource(policy.enabled(), policy.minimumLifetimeInMinutes(),
                policy.maximumLifetimeInMinutes(), policy.defaultLifetimeInMinutes(), policy.isUsableOnce(),
                policy.defaultLength(), policy.characterSet().dbValue());
    }

    /** The policy this body describes, or every field that is missing or not one of the allowed values. */
    TapPolicy toPolicy() {
        List<Problem> problems = new ArrayList<>();
        require(enabled, "enabled", problems);
        require(minimumLifetimeInMinutes, "minimumLifetimeInMinutes", problems);
        require(maximumLifetimeInMinutes, "maximumLifetimeInMinutes", problems);
        require(defaultLifetimeInMinutes, "defaultLifetimeInMinutes", problems);
        require(isUsableOnce, "isUsableOnce", problems);
        require(defaultLength, "defaultLength", problems);
        CharacterSet set = CharacterSet.parse(characterSet);
        if (characterSet == null) {
            require(null, "characterSet", problems);
        } else if (set == null) {
            problems.add(new Problem("characterSet", "policy.characterSet.invalid"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new TapPolicy(enabled, minimumLifetimeInMinutes, maximumLifetimeInMinutes, defaultLifetimeInMinutes,
                isUsableOnce, defaultLength, set);
    }

    private static void require(Object value, String field, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(field, "api.required"));
        }
    }
}
