package org.helpdesk.passes;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.helpdesk.accounts.Accounts;
import org.helpdesk.accounts.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A person's passes through the API, as on their Authentication tab; the services check the roles. */
@RestController
@RequestMapping(PassesApiController.PATH)
class PassesApiController {

    static final String PATH = "/api/v1/users/{id}/temporary-access-passes";

    record PassList(List<PassResource> value) {
    }

    private final Accounts accounts;
    private final TemporaryAccessPasses passes;
    private final TapPolicies policies;
    private final Clock clock;

    PassesApiController(Accounts accounts, TemporaryAccessPasses passes, TapPolicies policies, Clock clock) {
        this.accounts = accounts;
        this.passes = passes;
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping
    PassList listPasses(@PathVariable long id, @AuthenticationPrincipal CurrentUser user) {
        accounts.findVisibleTo(id, user);
        return new PassList(passes.list(id, user).stream().map(PassResource::of).toList());
    }

    /** Issues a pass, replacing the person's live one; the answer holds the pass, once, and is never cached. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<PassResource> createPass(@PathVariable long id, @RequestBody NewPassRequest body,
                                        @AuthenticationPrincipal CurrentUser user) {
        IssuedPass issued = passes.issue(id, body.toIssueRequest(), user);
        return ResponseEntity.created(URI.create(PATH.replace("{id}", String.valueOf(id)) + "/" + issued.passId()))
                .cacheControl(CacheControl.noStore())
                .body(PassResource.created(issued, policies.current(), clock.instant()));
    }

    @GetMapping("/{passId}")
    PassResource getPass(@PathVariable long id, @PathVariable long passId, @AuthenticationPrincipal CurrentUser user) {
        accounts.findVisibleTo(id, user);
        return PassResource.of(passes.find(id, passId, user));
    }

    @DeleteMapping("/{passId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePass(@PathVariable long id, @PathVariable long passId, @AuthenticationPrincipal CurrentUser user) {
        passes.delete(id, passId, user);
    }
}
