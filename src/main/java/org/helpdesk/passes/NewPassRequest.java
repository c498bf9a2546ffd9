package org.helpdesk.passes;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of a request for a pass; every field may be left out (now, the policy's default, reusable). */
record NewPassRequest(OffsetDateTime startDateTime, Integer lifetimeInMinutes,
                      @JsonProperty("isUsableOnce") Boolean isUsableOnce) {

    IssueRequest toIssueRequest() {
        return new IssueRequest(startDateTime == null ? null : startDateTime.toInstant(), lifetimeInMinutes,
                Boolean.TRUE.equals(isUsableOnce));
    }
}
