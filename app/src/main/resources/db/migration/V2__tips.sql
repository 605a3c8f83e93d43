-- Weekly tips: schedules, one delivery record per (schedule, week), and db-scheduler's table.
-- Portable between H2 (default mode) and PostgreSQL. Never stores message text.

CREATE TABLE tip_schedule (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    platform      VARCHAR(16)  NOT NULL,
    team          VARCHAR(128) NOT NULL,
    channel       VARCHAR(255) NOT NULL,
    day_of_week   VARCHAR(9)   NOT NULL,
    local_time    VARCHAR(5)   NOT NULL,
    zone          VARCHAR(64)  NOT NULL,
    tip_language  VARCHAR(4)   NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    paused_reason VARCHAR(64),
    created_by    VARCHAR(128) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    rotation      BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX tip_schedule_team_idx ON tip_schedule (team);

-- The primary key is the exactly-once guarantee: a delivery is claimed (inserted) BEFORE posting,
-- and only the claimant may post. in_doubt is TRUE from just before a post until its outcome is known.
CREATE TABLE tip_delivery (
    schedule_id  VARCHAR(64)  NOT NULL REFERENCES tip_schedule (id),
    week         VARCHAR(10)  NOT NULL,
    slot_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    tip_id       VARCHAR(32)  NOT NULL,
    tip_position BIGINT       NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    in_doubt     BOOLEAN      NOT NULL DEFAULT FALSE,
    attempts     INT          NOT NULL DEFAULT 0,
    claimed_by   VARCHAR(128) NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    message_ref  VARCHAR(64),
    reason       VARCHAR(64),
    CONSTRAINT tip_delivery_pk PRIMARY KEY (schedule_id, week)
);

-- db-scheduler (com.github.kagkarlsson:db-scheduler) execution table, as its PostgreSQL schema with
-- portable types.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority, execution_time);
