package org.helpdesk.system;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the shared layout needs on every page: who is signed in ({@code me}) and what the navigation may show
 * ({@code nav}). One method for both, as each such method is prepared again for every request.
 */
@ControllerAdvice
class LayoutAdvice {

    @ModelAttribute
    void layout(Model model) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            model.addAttribute("me", null);
            model.addAttribute("nav", new Navigation(false, false));
            return;
        }
        boolean admin = has(authentication, "ROLE_ADMIN");
        model.addAttribute("me", authentication.getPrincipal());
        model.addAttribute("nav", new Navigation(admin || has(authentication, "ROLE_MANAGER"), admin));
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
    }

    record Navigation(boolean people, boolean security) {
    }
}
