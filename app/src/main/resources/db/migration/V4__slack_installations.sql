-- Slack workspaces (and Enterprise Grid organisations) that installed PartnerBot through Slack's
-- OAuth flow: one row each, holding the bot token that answers them. User tokens are not kept.
-- installation_key is '<enterprise id or empty>/<team id or empty>' because either id may be
-- missing (an org-wide install has no team) and primary key columns cannot be NULL.
-- bot_token is a credential: grant this table to the application's database user only.
CREATE TABLE slack_installation (
    installation_key      VARCHAR(80)   NOT NULL,
    enterprise_id         VARCHAR(32),
    team_id               VARCHAR(32),
    is_enterprise_install BOOLEAN       NOT NULL,
    app_id                VARCHAR(32),
    bot_id                VARCHAR(32),
    bot_user_id           VARCHAR(32),
    bot_token             VARCHAR(255)  NOT NULL,
    bot_scopes            VARCHAR(2000),
    installed_at          TIMESTAMP     NOT NULL,
    updated_at            TIMESTAMP     NOT NULL,
    PRIMARY KEY (installation_key)
);
