package org.helpdesk.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import java.util.Optional;

import org.helpdesk.accounts.Accounts;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: email and password at /login (with a button for each single sign-on provider offered),
 * Temporary Access Pass at /login/tap, the code of a second step, and the page that explains a refused single
 * sign-on.
 */
@Controller
class SignInPagesController {

    private final SecondStep secondStep;
    private final SingleSignOnRegistrations singleSignOn;
    private final Accounts accounts;

    SignInPagesController(SecondStep secondStep, SingleSignOnRegistrations singleSignOn, Accounts accounts) {
        this.secondStep = secondStep;
        this.accounts = accounts;
        this.singleSignOn = singleSignOn;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut,
                 @RequestParam(required = false) String sessionEnded, Authentication authentication, Model model) {
        if (signedIn(authentication)) {
            return "redirect:/";
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("passkeyFailed", "passkey".equals(error));
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("sessionEnded", sessionEnded != null);
        model.addAttribute("ssoButtons", singleSignOn.buttons());
        return "signin/login";
    }

    @GetMapping(SingleSignOnRefusals.PAGE)
    String singleSignOnRefused(@RequestParam(required = false) String problem,
                               @RequestParam(required = false) String provider, Authentication authentication,
                               Model model) {
        if (signedIn(authentication)) {
            return "redirect:/";
        }
        model.addAttribute("refusal", SingleSignOnRefusals.Problem.parse(problem).param());
        model.addAttribute("provider", SingleSignOnProvider.byId(provider).map(SingleSignOnProvider::id).orElse(null));
        return "signin/sso-refused";
    }

    @GetMapping("/login/tap")
    String loginTap(@RequestParam(required = false) String error, Authentication authentication, Model model,
                    HttpServletRequest request) {
        if (signedIn(authentication)) {
            return "redirect:/";
        }
        if (error != null) {
            model.addAttribute("error", TapSignIn.isKnownError(error) ? error : "invalid");
        }
        HttpSession session = request.getSession(false);
        Object last = session == null ? null : session.getAttribute(TapSignIn.LAST_USERNAME);
        model.addAttribute("username", last instanceof String s ? s : "");
        return "signin/login-tap";
    }

    @GetMapping(SecondStep.PATH)
    String secondStep(@RequestParam(required = false) String error, Authentication authentication, Model model,
                      HttpServletRequest request) {
        if (signedIn(authentication)) {
            return "redirect:/";
        }
        Optional<SecondStep.Pending> pending = secondStep.pending(request);
        if (pending.isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("withPasskey", accounts.find(pending.get().accountId())
                .map(secondStep::passkeyRequired).orElse(false));
        return "signin/second-factor";
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
