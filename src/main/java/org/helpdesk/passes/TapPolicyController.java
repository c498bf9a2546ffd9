package org.helpdesk.passes;

import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Account administration → Account → Security → Authentication methods → Temporary Access Pass. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequestMapping(TapPolicyController.PATH)
class TapPolicyController {

    static final String PATH = "/admin/security/authentication-methods/temporary-access-pass";
    private static final int MAX_NUMBER_LENGTH = 9;

    private final TapPolicies policies;

    TapPolicyController(TapPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    String show(Model model) {
        TapPolicy policy = policies.current();
        model.addAttribute("policy", PolicyForm.of(policy));
        model.addAttribute("preview", policy);
        return "passes/policy";
    }

    @PostMapping
    String save(@ModelAttribute("policy") PolicyForm form, BindingResult errors, Model model,
                @AuthenticationPrincipal CurrentUser actor, RedirectAttributes redirect, HttpServletResponse response) {
        int min = number(form.minimumLifetimeInMinutes(), "minimumLifetimeInMinutes", errors);
        int max = number(form.maximumLifetimeInMinutes(), "maximumLifetimeInMinutes", errors);
        int def = number(form.defaultLifetimeInMinutes(), "defaultLifetimeInMinutes", errors);
        int length = number(form.defaultLength(), "defaultLength", errors);
        CharacterSet characterSet = CharacterSet.parse(form.characterSet());
        TapPolicy policy = new TapPolicy(Boolean.TRUE.equals(form.enabled()), min, max, def,
                Boolean.TRUE.equals(form.isUsableOnce()), length, characterSet);
        if (!errors.hasErrors()) {
            policy.problems().forEach(p -> errors.rejectValue(p.field(), p.messageCode()));
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("preview", characterSet == null || errors.hasFieldErrors("defaultLength")
                    ? policies.current() : policy);
            return "passes/policy";
        }
        policies.update(policy, actor);
        redirect.addFlashAttribute("notice", "policy.saved");
        return "redirect:" + PATH;
    }

    private static int number(String value, String field, BindingResult errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > MAX_NUMBER_LENGTH || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            errors.rejectValue(field, "policy.number");
            return -1;
        }
        return Integer.parseInt(v);
    }
}
