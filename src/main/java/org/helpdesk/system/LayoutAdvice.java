package org.helpdesk.system;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the shared layout needs on every page: who is signed in and what the navigation may show. */
@ControllerAdvice
class LayoutAdvice {

    @ModelAttribute("me")
    Object me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getPrincipal();
    }

    @ModelAttribute("nav")
    Navigation navigation() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return new Navigation(false, false);
        }
        boolean admin = has(authentication, "ROLE_ADMIN");
        return new Navigation(admin || has(authentication, "ROLE_MANAGER"), admin);
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
    }

    record Navigation(boolean people, boolean security) {
    }
}
