package org.helpdesk.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.helpdesk.mfa.SecondFactor;

/** A kind of second factor the tests register for people at will; nobody has one until a test says so. */
public class TestSecondFactors implements SecondFactor {

    private final Set<Long> registered = ConcurrentHashMap.newKeySet();

    public void register(long accountId) {
        registered.add(accountId);
    }

    public void clear() {
        registered.clear();
    }

    @Override
    public boolean isRegisteredFor(long accountId) {
        return registered.contains(accountId);
    }
}
