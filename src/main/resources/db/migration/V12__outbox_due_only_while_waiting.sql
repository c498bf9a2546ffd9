-- A mail that was sent or given up is due no more: its next attempt is cleared, so that the index of due mails
-- (next_attempt_at, id) holds only mails still waiting, and claiming a batch reads just those however many sent
-- mails are kept.
alter table notification_outbox alter column next_attempt_at drop not null;
update notification_outbox set next_attempt_at = null where sent_at is not null or given_up_at is not null;
