package org.helpdesk.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * "Sign out everywhere else": ends the signed-in person's other sessions and keeps the one that asked, under a new
 * session id, with a principal that carries the account's new stamp (its method, pass and ends unchanged).
 */
@Component
class OwnSessions {

    private final Accounts accounts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    OwnSessions(Accounts accounts) {
        this.accounts = accounts;
    }

    void endAllButThisOne(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser kept = accounts.endOtherSessions(user);
        Authentication current = holder.getContext().getAuthentication();
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(kept, null, current.getAuthorities());
        authentication.setDetails(current.getDetails());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
    }
}
