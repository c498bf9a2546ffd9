-- Single sign-on (spec 3): whether each OpenID Connect provider is offered and the label of its button.
-- The client id, secret and issuer are configuration, never stored here; a provider starts switched off.
create table sso_settings (
    provider      varchar(32)  primary key,
    enabled       boolean      not null,
    button_label  varchar(60)  not null,
    updated_at    timestamp with time zone,
    updated_by    bigint
);

insert into sso_settings (provider, enabled, button_label) values ('google', false, 'Sign in with Google');
insert into sso_settings (provider, enabled, button_label) values ('microsoft', false, 'Sign in with Microsoft');
