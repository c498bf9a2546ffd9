package org.helpdesk.passes;

import org.helpdesk.accounts.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The TAP policy through the API; admins only, as on its console page. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@RequestMapping("/api/v1/policies/temporary-access-pass")
class TapPolicyApiController {

    private final TapPolicies policies;

    TapPolicyApiController(TapPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    PolicyResource getPolicy() {
        return PolicyResource.of(policies.current());
    }

    /** Replaces the policy; an invalid combination is refused with every field at fault and changes nothing. */
    @PutMapping
    PolicyResource putPolicy(@RequestBody PolicyResource body, @AuthenticationPrincipal CurrentUser user) {
        return PolicyResource.of(policies.update(body.toPolicy(), user));
    }
}
