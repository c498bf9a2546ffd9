package org.helpdesk.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's profile: overview, account state, and the signed-in person's own password and sessions. */
@Controller
class ProfileController {

    private final Accounts accounts;
    private final OwnSessions ownSessions;

    ProfileController(Accounts accounts, OwnSessions ownSessions) {
        this.accounts = accounts;
        this.ownSessions = ownSessions;
    }

    @GetMapping("/profile")
    String myProfile(@AuthenticationPrincipal CurrentUser user) {
        return "redirect:/people/" + user.id() + "/authentication";
    }

    @GetMapping("/people/{id}")
    String profile(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("person", accounts.findVisibleTo(id, user));
        model.addAttribute("tab", "overview");
        return "people/profile";
    }

    @PostMapping("/people/{id}/disable")
    @PreAuthorize("hasRole('ADMIN')")
    String disable(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        return setActive(id, false, user, redirect);
    }

    @PostMapping("/people/{id}/enable")
    @PreAuthorize("hasRole('ADMIN')")
    String enable(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        return setActive(id, true, user, redirect);
    }

    @PostMapping("/people/{id}/end-sessions")
    @PreAuthorize("hasRole('ADMIN')")
    String endSessions(@PathVariable long id, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        accounts.endAllSessions(id, user);
        redirect.addFlashAttribute("notice", "person.sessionsEnded");
        return "redirect:/people/" + id;
    }

    private String setActive(long id, boolean active, CurrentUser user, RedirectAttributes redirect) {
        accounts.find(id).orElseThrow(PersonNotFoundException::new);
        try {
            accounts.setActive(id, active, user);
            redirect.addFlashAttribute("notice", active ? "person.enabled" : "person.disabled");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.messageCode());
        }
        return "redirect:/people/" + id;
    }

    @PostMapping("/profile/password")
    String changePassword(@RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword,
                          @RequestParam(required = false) String confirmPassword,
                          @RequestParam(required = false) String endOtherSessions,
                          @AuthenticationPrincipal CurrentUser user, HttpServletRequest request,
                          HttpServletResponse response, RedirectAttributes redirect) {
        String target = "redirect:/people/" + user.id() + "/authentication";
        if (newPassword != null && !newPassword.equals(confirmPassword)) {
            redirect.addFlashAttribute("passwordProblem", "password.mismatch");
            return target;
        }
        try {
            accounts.changeOwnPassword(user, currentPassword, newPassword);
            if (checked(endOtherSessions)) {
                ownSessions.endAllButThisOne(user, request, response);
                redirect.addFlashAttribute("notice", "password.changedOthersEnded");
            } else {
                redirect.addFlashAttribute("notice", "password.changed");
            }
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("passwordProblem", e.messageCode());
        }
        return target;
    }

    /** Signs the person out everywhere else: every other browser and device, on every instance. */
    @PostMapping("/profile/sessions/end-others")
    String endOtherSessions(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request,
                            HttpServletResponse response, RedirectAttributes redirect) {
        ownSessions.endAllButThisOne(user, request, response);
        redirect.addFlashAttribute("notice", "sessions.othersEnded");
        return "redirect:/people/" + user.id() + "/authentication#sessions-heading";
    }

    private static boolean checked(String checkbox) {
        return "on".equals(checkbox) || "true".equals(checkbox);
    }
}
