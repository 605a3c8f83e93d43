-- Conversation references of the Teams chats and channels PartnerBot is installed in (for weekly
-- tips). Ids and the connector URL only, taken from authenticated turns; never message text.
CREATE TABLE teams_conversation_reference (
    tenant_id       VARCHAR(64)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    reference_json  VARCHAR(8000) NOT NULL,
    installed_at    TIMESTAMP     NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);
