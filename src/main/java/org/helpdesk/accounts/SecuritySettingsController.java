package org.helpdesk.accounts;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Account administration → Account → Security: the installation's security settings and its sign-in methods. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequestMapping(SecuritySettingsController.PATH)
class SecuritySettingsController {

    static final String PATH = "/admin/security";
    private static final int MAX_NUMBER_LENGTH = 9;

    private final SecuritySettingsService settings;

    SecuritySettingsController(SecuritySettingsService settings) {
        this.settings = settings;
    }

    @InitBinder("settings")
    void fields(WebDataBinder binder) {
        binder.setAllowedFields("requireSecondFactorForAgents", "passwordMinimumLength");
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("settings", SecuritySettingsForm.of(settings.current()));
        return "accounts/security";
    }

    @PostMapping
    String save(@ModelAttribute("settings") SecuritySettingsForm form, BindingResult errors,
                @AuthenticationPrincipal CurrentUser actor, RedirectAttributes redirect, HttpServletResponse response) {
        Boolean requireSecondFactor = form.requireSecondFactor();
        if (requireSecondFactor == null) {
            errors.rejectValue("requireSecondFactorForAgents", "securitySettings.requireSecondFactorForAgents.invalid");
        }
        String minimum = form.passwordMinimumLength() == null ? "" : form.passwordMinimumLength().strip();
        if (minimum.isEmpty() || minimum.length() > MAX_NUMBER_LENGTH
                || !minimum.chars().allMatch(c -> c >= '0' && c <= '9')) {
            errors.rejectValue("passwordMinimumLength", "securitySettings.number");
        } else {
            SecuritySettings wanted = new SecuritySettings(Boolean.TRUE.equals(requireSecondFactor),
                    Integer.parseInt(minimum));
            wanted.problems().forEach(p -> errors.rejectValue(p.field(), p.messageCode()));
            if (!errors.hasErrors()) {
                settings.update(wanted, actor);
                redirect.addFlashAttribute("notice", "securitySettings.saved");
                return "redirect:" + PATH;
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return "accounts/security";
    }
}
