package org.helpdesk.mfa;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Removing one of one's own passkeys from the Authentication tab. Adding one is done by the page's script with
 * Spring Security's endpoints {@code /webauthn/register/options} and {@code /webauthn/register}.
 */
@Controller
class PasskeysController {

    private final Passkeys passkeys;

    PasskeysController(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @PostMapping("/profile/passkeys/{credentialId}/delete")
    String remove(@PathVariable String credentialId, @AuthenticationPrincipal CurrentUser user,
                  RedirectAttributes redirect) {
        passkeys.remove(credentialId, user);
        redirect.addFlashAttribute("notice", "passkey.removed");
        return "redirect:/people/" + user.id() + "/authentication";
    }
}
