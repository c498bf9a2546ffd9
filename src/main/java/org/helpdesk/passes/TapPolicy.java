package org.helpdesk.passes;

import java.util.ArrayList;
import java.util.List;

/**
 * The Temporary Access Pass policy (spec 4.1). Field names follow Microsoft Graph's
 * temporaryAccessPassAuthenticationMethodConfiguration so that forms, API and messages agree.
 */
public record TapPolicy(boolean enabled, int minimumLifetimeInMinutes, int maximumLifetimeInMinutes,
                        int defaultLifetimeInMinutes, boolean isUsableOnce, int defaultLength,
                        CharacterSet characterSet) {

    public static final int LIFETIME_MIN = 10;
    public static final int LIFETIME_MAX = 43_200;
    public static final int LENGTH_MIN = 8;
    public static final int LENGTH_MAX = 48;

    public static final TapPolicy DEFAULTS = new TapPolicy(false, 60, 480, 60, false, 12, CharacterSet.BASE32);

    /** A refused setting: the field it concerns and the message that explains it. */
    public record Problem(String field, String messageCode) {
    }

    /** Every rule of spec 4.1 this policy breaks; empty when it may be saved. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (!inLifetimeRange(minimumLifetimeInMinutes)) {
            problems.add(new Problem("minimumLifetimeInMinutes", "policy.lifetime.range"));
        }
        if (!inLifetimeRange(maximumLifetimeInMinutes)) {
            problems.add(new Problem("maximumLifetimeInMinutes", "policy.lifetime.range"));
        } else if (maximumLifetimeInMinutes < minimumLifetimeInMinutes) {
            problems.add(new Problem("maximumLifetimeInMinutes", "policy.maximum.belowMinimum"));
        }
        if (defaultLifetimeInMinutes < minimumLifetimeInMinutes || defaultLifetimeInMinutes > maximumLifetimeInMinutes) {
            problems.add(new Problem("defaultLifetimeInMinutes", "policy.default.outside"));
        }
        if (defaultLength < LENGTH_MIN || defaultLength > LENGTH_MAX) {
            problems.add(new Problem("defaultLength", "policy.length.range"));
        }
        if (characterSet == null) {
            problems.add(new Problem("characterSet", "policy.characterSet.invalid"));
        }
        return problems;
    }

    public double entropyBits() {
        return characterSet == null ? 0 : defaultLength * characterSet.bitsPerCharacter();
    }

    public StorageScheme storageScheme() {
        return StorageScheme.forEntropy(entropyBits());
    }

    /** Whether a lifetime may be chosen for a new pass under this policy. */
    public boolean allowsLifetime(int minutes) {
        return minutes >= minimumLifetimeInMinutes && minutes <= maximumLifetimeInMinutes;
    }

    private static boolean inLifetimeRange(int minutes) {
        return minutes >= LIFETIME_MIN && minutes <= LIFETIME_MAX;
    }
}
