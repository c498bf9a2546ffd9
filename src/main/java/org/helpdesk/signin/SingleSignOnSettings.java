package org.helpdesk.signin;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.signin.SignInEvents.SingleSignOnSettingsChanged;
import org.helpdesk.system.Text;
import org.helpdesk.system.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes whether each single sign-on provider is offered and its button's label; admins only change. */
@Service
class SingleSignOnSettings {

    static final int MAX_LABEL = 60;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SingleSignOnSettings(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    Map<SingleSignOnProvider, SingleSignOnSetting> all() {
        Map<SingleSignOnProvider, SingleSignOnSetting> all = new EnumMap<>(SingleSignOnProvider.class);
        jdbc.sql("select provider, enabled, button_label from sso_settings").query().listOfRows().forEach(row ->
                SingleSignOnProvider.byId((String) row.get("provider")).ifPresent(provider -> all.put(provider,
                        new SingleSignOnSetting((Boolean) row.get("enabled"), (String) row.get("button_label")))));
        return all;
    }

    SingleSignOnSetting of(SingleSignOnProvider provider) {
        return jdbc.sql("select enabled, button_label from sso_settings where provider = :provider")
                .param("provider", provider.id())
                .query((rs, row) -> new SingleSignOnSetting(rs.getBoolean("enabled"), rs.getString("button_label")))
                .single();
    }

    /** The label as it would be saved: trimmed and NFC-normalised; null when empty. */
    static String cleanLabel(String raw) {
        String label = Text.clean(raw);
        return label == null || label.isEmpty() ? null : label;
    }

    /** The message code of what is wrong with a label, or null when it can be saved. */
    static String labelProblem(String raw) {
        String label = cleanLabel(raw);
        if (label == null) {
            return "sso.buttonLabel.required";
        }
        if (label.length() > MAX_LABEL || Text.hasForbiddenCharacters(label)) {
            return "sso.buttonLabel.invalid";
        }
        return null;
    }

    /** Saves one provider's setting; an unchanged setting is left alone and leaves no record. */
    @Transactional
    SingleSignOnSetting update(SingleSignOnProvider provider, boolean enabled, String buttonLabel, CurrentUser actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("Only admins change single sign-on");
        }
        String problem = labelProblem(buttonLabel);
        if (problem != null) {
            throw new InvalidInputException("buttonLabel", problem);
        }
        SingleSignOnSetting after = new SingleSignOnSetting(enabled, cleanLabel(buttonLabel));
        SingleSignOnSetting before = of(provider);
        if (after.equals(before)) {
            return before;
        }
        jdbc.sql("""
                        update sso_settings set enabled = :enabled, button_label = :label, updated_at = :now,
                            updated_by = :actor
                        where provider = :provider""")
                .param("enabled", after.enabled())
                .param("label", after.buttonLabel())
                .param("now", Timestamps.of(clock.instant()))
                .param("actor", actor.id())
                .param("provider", provider.id())
                .update();
        events.publishEvent(new SingleSignOnSettingsChanged(actor.id(), provider.id(), before, after));
        return after;
    }
}
