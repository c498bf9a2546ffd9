package org.helpdesk.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.server.ResponseStatusException;

/** Account administration → Account → Security → Authentication methods → Single sign-on. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequestMapping(SingleSignOnSettingsController.PATH)
class SingleSignOnSettingsController {

    static final String PATH = "/admin/security/authentication-methods/single-sign-on";

    private final SingleSignOnSettings settings;
    private final SingleSignOnRegistrations registrations;

    SingleSignOnSettingsController(SingleSignOnSettings settings, SingleSignOnRegistrations registrations) {
        this.settings = settings;
        this.registrations = registrations;
    }

    /**
     * One provider's form. The switch arrives as text and only "true" and "false" (or nothing: off) are taken, so
     * that a value that is neither is refused rather than read as off.
     */
    record Form(String enabled, String buttonLabel) {

        Boolean switchedOn() {
            if (enabled == null || enabled.equals("false")) {
                return false;
            }
            return enabled.equals("true") ? true : null;
        }
    }

    /** One provider's section of the page, with what was typed and what is wrong with it, if it was just sent. */
    record Section(String provider, boolean configured, String redirectUri, String property, boolean enabled,
                   String buttonLabel, String labelError, boolean enabledError) {
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("sections", sections(null, null, null, false));
        return "signin/sso-settings";
    }

    @PostMapping("/{provider}")
    String save(@PathVariable String provider, @ModelAttribute Form form, BindingResult errors, Model model,
                @AuthenticationPrincipal CurrentUser actor, RedirectAttributes redirect, HttpServletResponse response) {
        SingleSignOnProvider which = SingleSignOnProvider.byId(provider)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean enabledError = errors.hasFieldErrors("enabled") || form.switchedOn() == null;
        String labelError = errors.hasFieldErrors("buttonLabel") ? "sso.buttonLabel.invalid"
                : SingleSignOnSettings.labelProblem(form.buttonLabel());
        if (enabledError || labelError != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("sections", sections(which, form, labelError, enabledError));
            return "signin/sso-settings";
        }
        settings.update(which, form.switchedOn(), form.buttonLabel(), actor);
        redirect.addFlashAttribute("notice", "sso.saved");
        return "redirect:" + PATH;
    }

    private List<Section> sections(SingleSignOnProvider sent, Form form, String labelError, boolean enabledError) {
        Map<SingleSignOnProvider, SingleSignOnSetting> current = settings.all();
        List<Section> sections = new ArrayList<>();
        for (SingleSignOnProvider provider : SingleSignOnProvider.values()) {
            SingleSignOnSetting setting = current.get(provider);
            boolean isSent = provider == sent;
            boolean enabled = isSent ? Boolean.TRUE.equals(form.switchedOn()) : setting.enabled();
            String label = isSent ? form.buttonLabel() : setting.buttonLabel();
            String redirectUri = ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/login/oauth2/code/" + provider.id()).build().toUriString();
            sections.add(new Section(provider.id(), registrations.configured(provider), redirectUri,
                    "helpdesk.sso." + provider.id(), enabled, label, isSent ? labelError : null, isSent && enabledError));
        }
        return sections;
    }
}
