package org.helpdesk.mfa;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own authenticator app: adding it (secret shown as a QR code and as text, confirmed with a
 * code), removing it, and new recovery codes. Recovery codes are shown once, on the page that answers their
 * creation, which is never cached. Guests are refused everywhere (spec 6).
 */
@Controller
class AuthenticatorAppController {

    static final String PATH = "/profile/authenticator-app";

    private final AuthenticatorApps apps;
    private final Accounts accounts;

    AuthenticatorAppController(AuthenticatorApps apps, Accounts accounts) {
        this.apps = apps;
        this.accounts = accounts;
    }

    @GetMapping(PATH)
    String add(@AuthenticationPrincipal CurrentUser user, Model model, HttpServletResponse response,
               RedirectAttributes redirect) {
        refuseGuests(user);
        try {
            return render(apps.begin(user), model, response);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageCode());
            return tab(user);
        }
    }

    @PostMapping(PATH + "/confirm")
    String confirm(@RequestParam(required = false) String code, @AuthenticationPrincipal CurrentUser user, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        refuseGuests(user);
        try {
            return showCodes(apps.confirm(user, code), "recoveryCodes.added", user, model, response);
        } catch (InvalidInputException e) {
            if (e.field() == null) {
                redirect.addFlashAttribute("problem", e.messageCode());
                return tab(user);
            }
            model.addAttribute("codeProblem", e.messageCode());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            try {
                return render(apps.begin(user), model, response);
            } catch (InvalidInputException registered) {
                redirect.addFlashAttribute("problem", registered.messageCode());
                return tab(user);
            }
        }
    }

    @PostMapping(PATH + "/remove")
    String remove(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        refuseGuests(user);
        redirect.addFlashAttribute("notice", apps.remove(user) ? "authenticatorApp.removed" : "authenticatorApp.none");
        return tab(user);
    }

    @PostMapping(PATH + "/recovery-codes")
    String newRecoveryCodes(@AuthenticationPrincipal CurrentUser user, Model model, HttpServletResponse response,
                            RedirectAttributes redirect) {
        refuseGuests(user);
        try {
            return showCodes(apps.replaceRecoveryCodes(user), "recoveryCodes.replaced", user, model, response);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageCode());
            return tab(user);
        }
    }

    private String render(PendingApp pending, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("qrCode", QrCodes.svgDataUri(pending.uri()));
        model.addAttribute("secret", TotpCodes.grouped(pending.secret()));
        model.addAttribute("digits", TotpCodes.DIGITS);
        return "mfa/add-authenticator-app";
    }

    private String showCodes(List<String> codes, String intro, CurrentUser user, Model model,
                             HttpServletResponse response) {
        noStore(response);
        model.addAttribute("codes", codes);
        model.addAttribute("intro", intro);
        model.addAttribute("person", accounts.find(user.id()).orElseThrow());
        return "mfa/recovery-codes";
    }

    /** The page that shows a secret is kept out of every cache. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    private static void refuseGuests(CurrentUser user) {
        if (user == null || user.guest()) {
            throw new AccessDeniedException("Guests sign in only with a Temporary Access Pass");
        }
    }

    private static String tab(CurrentUser user) {
        return "redirect:/people/" + user.id() + "/authentication";
    }
}
