-- Exactly-once answering across instances: the identity of each user message PartnerBot answers
-- (Slack team:channel:ts, Teams conversation:activity id), claimed once by whichever instance gets it
-- first. Platform ids only, never message text. Expired rows are deleted by a periodic cleanup.
CREATE TABLE message_claim (
    claim_key  VARCHAR(600) NOT NULL PRIMARY KEY,
    claimed_at TIMESTAMP    NOT NULL,
    expires_at TIMESTAMP    NOT NULL
);
CREATE INDEX message_claim_expires ON message_claim (expires_at);

-- OAuth state of Slack installs in progress, so that an install begun on one instance can finish on
-- another. A state is valid once, until it expires.
CREATE TABLE slack_oauth_state (
    state      VARCHAR(200) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP    NOT NULL
);
