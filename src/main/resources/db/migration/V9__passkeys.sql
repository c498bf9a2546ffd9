-- Passkeys (WebAuthn). passkey_users gives each account that registered a passkey one random WebAuthn user handle
-- (base64url), the id an authenticator returns at sign-in; the account is found by that handle, never by a name a
-- person can change. user_credentials is the table Spring Security's JdbcUserCredentialRepository reads and
-- writes (its columns and names as shipped in spring-security-web), with each credential tied to its handle.
create table passkey_users (
    account_id   bigint        not null references accounts (id) on delete cascade,
    user_handle  varchar(200)  not null,
    created_at   timestamp with time zone not null,
    constraint passkey_users_pk primary key (account_id),
    constraint passkey_users_handle_unique unique (user_handle)
);

create table user_credentials (
    credential_id                 varchar(1000) not null,
    user_entity_user_id           varchar(200)  not null references passkey_users (user_handle) on delete cascade,
    public_key                    bytea         not null,
    signature_count               bigint,
    uv_initialized                boolean,
    backup_eligible               boolean       not null,
    authenticator_transports      varchar(1000),
    public_key_credential_type    varchar(100),
    backup_state                  boolean       not null,
    attestation_object            bytea,
    attestation_client_data_json  bytea,
    created                       timestamp,
    last_used                     timestamp,
    label                         varchar(1000) not null,
    constraint user_credentials_pk primary key (credential_id)
);

create index user_credentials_user_ix on user_credentials (user_entity_user_id);
