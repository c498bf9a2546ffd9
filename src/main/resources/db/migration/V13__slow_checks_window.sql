-- Until when a sign-in must do the slow hash on every path: the latest end of any pass stored with the slow
-- scheme (PBKDF2, for passes under 112 bits). Such a pass can be compared until the purge removes it, some time
-- after its end; while one can, every attempt does one slow hash, whatever the account holds, so that the time
-- taken tells nothing. When none can (a policy of long passes, kept under the keyed hash alone), no attempt does.
alter table tap_policy add column slow_checks_until timestamp with time zone;
update tap_policy set slow_checks_until =
    (select max(ends_at) from temporary_access_passes where verifier like 'pbkdf2-sha256$%')
where id = 1;
