package org.helpdesk.passes;

import java.time.Clock;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.passes.PassEvents.PolicyChanged;
import org.helpdesk.system.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the one TAP policy; only admins change it. */
@Service
public class TapPolicies {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TapPolicies(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public TapPolicy current() {
        return jdbc.sql("""
                        select enabled, minimum_lifetime_min, maximum_lifetime_min, default_lifetime_min,
                               usable_once_required, pass_length, character_set
                        from tap_policy where id = 1""")
                .query((rs, row) -> new TapPolicy(rs.getBoolean("enabled"), rs.getInt("minimum_lifetime_min"),
                        rs.getInt("maximum_lifetime_min"), rs.getInt("default_lifetime_min"),
                        rs.getBoolean("usable_once_required"), rs.getInt("pass_length"),
                        CharacterSet.parse(rs.getString("character_set"))))
                .single();
    }

    /** Saves the policy when every rule holds; otherwise throws with the problems and changes nothing. */
    @Transactional
    public TapPolicy update(TapPolicy policy, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins change the TAP policy");
        }
        if (!policy.problems().isEmpty()) {
            throw new InvalidPolicyException(policy.problems());
        }
        TapPolicy before = current();
        jdbc.sql("""
                        update tap_policy set enabled = :enabled, minimum_lifetime_min = :min,
                            maximum_lifetime_min = :max, default_lifetime_min = :def, usable_once_required = :once,
                            pass_length = :length, character_set = :charset, updated_at = :now, updated_by = :actor
                        where id = 1""")
                .param("enabled", policy.enabled())
                .param("min", policy.minimumLifetimeInMinutes())
                .param("max", policy.maximumLifetimeInMinutes())
                .param("def", policy.defaultLifetimeInMinutes())
                .param("once", policy.isUsableOnce())
                .param("length", policy.defaultLength())
                .param("charset", policy.characterSet().dbValue())
                .param("now", Timestamps.of(clock.instant()))
                .param("actor", actor.id())
                .update();
        events.publishEvent(new PolicyChanged(actor.id(), before, policy));
        return policy;
    }
}
