package org.helpdesk.apitokens;

import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.Account;
import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The API tokens tab of one's own profile: the list, "create token" and revoking. A new token is shown once, on
 * the page that answers its creation, which is never cached.
 */
@Controller
class ApiTokensController {

    private final ApiTokens tokens;
    private final Accounts accounts;

    ApiTokensController(ApiTokens tokens, Accounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @GetMapping("/people/{id}/api-tokens")
    String tab(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        return render(ownProfile(id, user), user, "", model);
    }

    @PostMapping("/people/{id}/api-tokens")
    String create(@PathVariable long id, @RequestParam(required = false) String name,
                  @AuthenticationPrincipal CurrentUser user, Model model, HttpServletResponse response) {
        Account person = ownProfile(id, user);
        try {
            NewApiToken token = tokens.create(user, name);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
            model.addAttribute("person", person);
            model.addAttribute("token", token);
            model.addAttribute("apiAddress", ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1")
                    .toUriString());
            return "apitokens/created";
        } catch (InvalidInputException e) {
            model.addAttribute(e.field() == null ? "tokenProblem" : "nameProblem", e.messageCode());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return render(person, user, name == null ? "" : name, model);
        }
    }

    @PostMapping("/people/{id}/api-tokens/{tokenId}/revoke")
    String revoke(@PathVariable long id, @PathVariable long tokenId, @AuthenticationPrincipal CurrentUser user,
                  RedirectAttributes redirect) {
        ownProfile(id, user);
        tokens.revoke(user, tokenId);
        redirect.addFlashAttribute("notice", "apiToken.revoked");
        return "redirect:/people/" + id + "/api-tokens";
    }

    /** Tokens are one's own: nobody sees or changes another person's, and only agents who are not guests have any. */
    private Account ownProfile(long id, CurrentUser user) {
        if (user == null || user.id() != id) {
            throw new AccessDeniedException("API tokens are managed by their owner only");
        }
        Account person = accounts.findVisibleTo(id, user);
        if (!ApiTokens.mayHaveTokens(person)) {
            throw new AccessDeniedException("Only agents who are not guests have API tokens");
        }
        return person;
    }

    private String render(Account person, CurrentUser user, String name, Model model) {
        model.addAttribute("person", person);
        model.addAttribute("tab", "api-tokens");
        model.addAttribute("tokens", tokens.list(user));
        model.addAttribute("mayCreate", ApiTokens.mayCreateFrom(user));
        model.addAttribute("name", name);
        model.addAttribute("maxTokens", ApiTokens.MAX_PER_ACCOUNT);
        return "people/api-tokens";
    }
}
