-- Helpful / not helpful feedback, counted per behaviour and principle. Never the message text.
CREATE TABLE feedback_count (
    platform    VARCHAR(16)  NOT NULL,
    label_kind  VARCHAR(16)  NOT NULL,
    label_id    VARCHAR(64)  NOT NULL,
    helpful     BIGINT       NOT NULL DEFAULT 0,
    not_helpful BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, label_kind, label_id)
);
