-- Mails sent or given up are kept for a while (helpdesk.notifications.keep-sent) and then deleted in batches,
-- oldest first. These indexes let each batch read just the rows old enough, and a run that finds none read
-- nothing, however many mails are kept.
create index notification_outbox_sent_idx on notification_outbox (sent_at);
create index notification_outbox_given_up_idx on notification_outbox (given_up_at);
