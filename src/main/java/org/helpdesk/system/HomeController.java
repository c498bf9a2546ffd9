package org.helpdesk.system;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in: people lists for those who manage people, one's own profile for everyone else. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication authentication) {
        boolean managesPeople = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN") || a.getAuthority().equals("ROLE_MANAGER"));
        return managesPeople ? "redirect:/agents" : "redirect:/profile";
    }
}
