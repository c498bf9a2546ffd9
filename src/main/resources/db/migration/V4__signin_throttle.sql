-- Sign-in throttling state, shared by every instance (spec 5, NIST SP 800-63B 5.2.2).
-- Keys: '<method>:<email key>' counts consecutive failures for one account and method;
-- 'address:<client address>' counts failures from one address within a window.
create table signin_throttle (
    throttle_key     varchar(320) primary key,
    failures         int          not null,
    window_start     timestamp with time zone not null,
    last_failure_at  timestamp with time zone not null,
    blocked_until    timestamp with time zone
);

create index signin_throttle_last_failure_idx on signin_throttle (last_failure_at);
