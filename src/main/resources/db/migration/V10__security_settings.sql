-- The one row of security settings of the installation (spec 3, 5): whether agents must register a second
-- factor, and the shortest password allowed (NIST SP 800-63B 5.1.1.2: at least 8).
create table security_settings (
    id                                int      primary key,
    require_second_factor_for_agents  boolean  not null,
    password_minimum_length           int      not null,
    updated_at                        timestamp with time zone,
    updated_by                        bigint,
    constraint security_settings_single_row check (id = 1),
    constraint security_settings_password_minimum check (password_minimum_length between 8 and 64)
);

insert into security_settings (id, require_second_factor_for_agents, password_minimum_length)
values (1, false, 8);
