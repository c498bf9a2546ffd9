package org.helpdesk.accounts;

import java.time.Clock;

import org.helpdesk.accounts.AccountEvents.SecuritySettingsChanged;
import org.helpdesk.system.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Reads and changes the one row of security settings; only admins change it. Every instance reads the table, so a
 * change applies everywhere at once; within one web request the row is read once.
 */
@Service
public class SecuritySettingsService {

    private static final String REQUEST_CACHE = SecuritySettingsService.class.getName() + ".current";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecuritySettingsService(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public SecuritySettings current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(REQUEST_CACHE, RequestAttributes.SCOPE_REQUEST) instanceof SecuritySettings cached) {
            return cached;
        }
        SecuritySettings settings = read("");
        if (request != null) {
            request.setAttribute(REQUEST_CACHE, settings, RequestAttributes.SCOPE_REQUEST);
        }
        return settings;
    }

    /** Saves the settings when every rule holds; otherwise throws with the problems and changes nothing. */
    @Transactional
    public SecuritySettings update(SecuritySettings settings, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins change the security settings");
        }
        if (!settings.problems().isEmpty()) {
            throw new InvalidInputException(settings.problems());
        }
        SecuritySettings before = read(" for update");
        jdbc.sql("""
                        update security_settings
                        set require_second_factor_for_agents = :requireSecondFactor,
                            password_minimum_length = :passwordMinimum, updated_at = :now, updated_by = :actor
                        where id = 1""")
                .param("requireSecondFactor", settings.requireSecondFactorForAgents())
                .param("passwordMinimum", settings.passwordMinimumLength())
                .param("now", Timestamps.of(clock.instant()))
                .param("actor", actor.id())
                .update();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(REQUEST_CACHE, RequestAttributes.SCOPE_REQUEST);
        }
        if (!before.equals(settings)) {
            events.publishEvent(new SecuritySettingsChanged(actor.id(), before, settings));
        }
        return settings;
    }

    private SecuritySettings read(String lock) {
        return jdbc.sql("""
                        select require_second_factor_for_agents, password_minimum_length
                        from security_settings where id = 1""" + lock)
                .query((rs, row) -> new SecuritySettings(rs.getBoolean("require_second_factor_for_agents"),
                        rs.getInt("password_minimum_length")))
                .single();
    }
}
