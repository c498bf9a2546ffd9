package org.helpdesk.accounts;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Agents & teams → Agent list, Contacts → Contact list, and creating people. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
class PeopleController {

    static final int PAGE_SIZE = 20;

    private final Accounts accounts;

    PeopleController(Accounts accounts) {
        this.accounts = accounts;
    }

    @InitBinder
    void disallowId(WebDataBinder binder) {
        binder.setDisallowedFields("id");
    }

    @GetMapping({"/agents", "/contacts"})
    String list(@RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") int page, Model model,
                HttpServletRequest request) {
        AccountKind kind = kindOf(request.getRequestURI());
        model.addAttribute("kind", kind.dbValue());
        model.addAttribute("q", q);
        try {
            model.addAttribute("people", accounts.search(kind, q, page, PAGE_SIZE));
        } catch (InvalidInputException e) {
            model.addAttribute("searchError", e.messageCode());
            model.addAttribute("people", accounts.search(kind, "", 0, PAGE_SIZE));
        }
        return "people/list";
    }

    @GetMapping({"/agents/new", "/contacts/new"})
    String newPerson(Model model, HttpServletRequest request) {
        model.addAttribute("kind", kindOf(request.getRequestURI()).dbValue());
        model.addAttribute("person", PersonForm.empty());
        return "people/new";
    }

    @PostMapping({"/agents", "/contacts"})
    String create(@ModelAttribute("person") PersonForm form, BindingResult errors, Model model,
                  @AuthenticationPrincipal CurrentUser actor, RedirectAttributes redirect,
                  HttpServletRequest request, HttpServletResponse response) {
        AccountKind kind = kindOf(request.getRequestURI());
        model.addAttribute("kind", kind.dbValue());
        Role role = null;
        if (kind == AccountKind.AGENT) {
            role = parseRole(form.role());
            if (role == null) {
                errors.rejectValue("role", "account.role.required");
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return "people/new";
            }
        }
        try {
            Account created = accounts.create(
                    new NewAccount(form.email(), form.displayName(), kind, role, form.isGuest()), actor);
            redirect.addFlashAttribute("notice", "person.created");
            return "redirect:/people/" + created.id();
        } catch (InvalidInputException e) {
            errors.rejectValue(e.field(), e.messageCode());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "people/new";
        }
    }

    private static Role parseRole(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "manager" -> Role.MANAGER;
            case "agent" -> Role.AGENT;
            default -> null;
        };
    }

    private static AccountKind kindOf(String uri) {
        return uri.contains("/contacts") ? AccountKind.CONTACT : AccountKind.AGENT;
    }
}
