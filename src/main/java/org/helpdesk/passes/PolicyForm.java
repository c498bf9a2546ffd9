package org.helpdesk.passes;

/** The policy page's form. Numbers arrive as text so that a non-number is a message on its field, not a crash. */
record PolicyForm(Boolean enabled, String minimumLifetimeInMinutes, String maximumLifetimeInMinutes,
                  String defaultLifetimeInMinutes, Boolean isUsableOnce, String defaultLength, String characterSet) {

    static PolicyForm of(TapPolicy policy) {
        return new PolicyForm(policy.enabled(), String.valueOf(policy.minimumLifetimeInMinutes()),
                String.valueOf(policy.maximumLifetimeInMinutes()), String.valueOf(policy.defaultLifetimeInMinutes()),
                policy.isUsableOnce(), String.valueOf(policy.defaultLength()),
                policy.characterSet() == null ? "" : policy.characterSet().dbValue());
    }
}
