package org.helpdesk.passes;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.helpdesk.accounts.CurrentUser;
import org.helpdesk.accounts.InvalidInputException;
import org.helpdesk.accounts.InvalidInputException.Problem;
import org.helpdesk.passes.PassBatches.Recipient;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Passes for up to 1 000 people in one request, all or nothing; each pass is in the answer once. */
@RestController
class PassBatchApiController {

    /** One person: {@code id} or {@code mail}, not both. */
    record BatchUser(Long id, String mail) {
    }

    record BatchRequest(OffsetDateTime startDateTime, Integer lifetimeInMinutes,
                        @JsonProperty("isUsableOnce") Boolean isUsableOnce, List<BatchUser> users) {
    }

    record BatchItem(long userId, String mail, String displayName, PassResource pass) {
    }

    record BatchResponse(List<BatchItem> value) {
    }

    private final PassBatches batches;
    private final TapPolicies policies;
    private final Clock clock;

    PassBatchApiController(PassBatches batches, TapPolicies policies, Clock clock) {
        this.batches = batches;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping("/api/v1/temporary-access-passes/batch")
    ResponseEntity<BatchResponse> issueBatch(@RequestBody BatchRequest body, @AuthenticationPrincipal CurrentUser user) {
        List<Recipient> recipients = body.users() == null ? null : body.users().stream()
                .map(u -> u == null ? null : new Recipient(u.id(), u.mail())).toList();
        IssueRequest request = new NewPassRequest(body.startDateTime(), body.lifetimeInMinutes(), body.isUsableOnce())
                .toIssueRequest();
        List<PassBatches.Issued> issued;
        try {
            issued = batches.issue(recipients, request, user);
        } catch (BatchRefusedException e) {
            throw asInvalidInput(e);
        }
        TapPolicy policy = policies.current();
        Instant now = clock.instant();
        List<BatchItem> items = issued.stream().map(i -> new BatchItem(i.account().id(), i.account().email(),
                i.account().displayName(), PassResource.created(i.pass(), policy, now))).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new BatchResponse(items));
    }

    private static InvalidInputException asInvalidInput(BatchRefusedException e) {
        List<Problem> problems = new ArrayList<>(e.settings());
        e.entries().forEach(entry -> problems.add(new Problem("users[" + entry.index() + "]", entry.messageCode())));
        return new InvalidInputException(problems);
    }
}
