package org.helpdesk.passes;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.system.Times;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A person's Authentication tab: their passes, "+ add pass", and the pass shown once. */
@Controller
class AuthenticationTabController {

    private final Accounts accounts;
    private final TemporaryAccessPasses passes;
    private final TapPolicies policies;
    private final IssueForms issueForms;
    private final Times times;

    AuthenticationTabController(Accounts accounts, TemporaryAccessPasses passes, TapPolicies policies,
                                IssueForms issueForms, Times times) {
        this.accounts = accounts;
        this.passes = passes;
        this.policies = policies;
        this.issueForms = issueForms;
        this.times = times;
    }

    @GetMapping("/people/{id}/authentication")
    String tab(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model, HttpSession session) {
        Account person = accounts.findVisibleTo(id, user);
        TapPolicy policy = policies.current();
        model.addAttribute("issue", new IssueForm("", String.valueOf(policy.defaultLifetimeInMinutes()),
                policy.isUsableOnce(), null));
        return render(person, user, policy, model, session);
    }

    @PostMapping("/people/{id}/passes")
    @PreAuthorize("hasRole('ADMIN')")
    String issue(@PathVariable long id, @ModelAttribute("issue") IssueForm form, BindingResult errors,
                 @AuthenticationPrincipal CurrentUser user, Model model, HttpSession session,
                 HttpServletResponse response, RedirectAttributes redirect) {
        Account person = accounts.findVisibleTo(id, user);
        TapPolicy policy = policies.current();
        if (!issueForms.spend(session, form.formId())) {
            redirect.addFlashAttribute("problem", "pass.formSpent");
            return "redirect:/people/" + id + "/authentication";
        }
        IssueRequest request = form.toRequest(times, errors);
        if (!errors.hasErrors()) {
            try {
                IssuedPass issued = passes.issue(id, request, user);
                response.setHeader("Cache-Control", "no-store");
                response.setHeader("Pragma", "no-cache");
                model.addAttribute("person", person);
                model.addAttribute("pass", issued);
                model.addAttribute("spelled", PassSpelling.spell(issued.value()));
                model.addAttribute("spokenCharacters", PassSpelling.spoken(issued.value()));
                model.addAttribute("lifetimeMinutes",
                        java.time.Duration.between(issued.startsAt(), issued.endsAt()).toMinutes());
                model.addAttribute("signInAddress",
                        ServletUriComponentsBuilder.fromCurrentContextPath().path("/login/tap").toUriString());
                return "passes/issued";
            } catch (InvalidInputException e) {
                IssueForm.reject(e, errors);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return render(person, user, policy, model, session);
    }

    @PostMapping("/people/{id}/passes/{passId}/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String delete(@PathVariable long id, @PathVariable long passId, @AuthenticationPrincipal CurrentUser user,
                  RedirectAttributes redirect) {
        passes.delete(id, passId, user);
        redirect.addFlashAttribute("notice", "pass.deleted");
        return "redirect:/people/" + id + "/authentication";
    }

    private String render(Account person, CurrentUser user, TapPolicy policy, Model model, HttpSession session) {
        model.addAttribute("person", person);
        model.addAttribute("tab", "authentication");
        model.addAttribute("policy", policy);
        model.addAttribute("self", person.id() == user.id());
        model.addAttribute("passwordMinimum", accounts.passwordMinimumLength());
        if (user.canManagePeople()) {
            model.addAttribute("passes", passes.list(person.id(), user));
            model.addAttribute("hasLivePass", passes.hasLivePass(person.id()));
        }
        if (user.isAdmin() && person.id() != user.id()) {
            model.addAttribute("formId", issueForms.open(session));
        }
        return "people/authentication";
    }
}
