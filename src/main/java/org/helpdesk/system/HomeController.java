package org.helpdesk.system;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page after sign-in. Someone who signed in with a pass and is not a guest goes to their own
 * Authentication tab first, to set up a lasting method (spec 2, 5); otherwise people managers see the lists
 * and everyone else their own profile.
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication authentication) {
        if (has(authentication, "SIGNED_IN_WITH_TAP") && !has(authentication, "ROLE_GUEST")) {
            return "redirect:/profile";
        }
        boolean managesPeople = has(authentication, "ROLE_ADMIN") || has(authentication, "ROLE_MANAGER");
        return managesPeople ? "redirect:/agents" : "redirect:/profile";
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
    }
}
