-- The applied watermark: every event at or below this position has been applied by its
-- customer grain (and that grain's state written). A restart replays the log after it.
CREATE TABLE log_checkpoint (
    id               integer PRIMARY KEY CHECK (id = 1),
    applied_position bigint  NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO log_checkpoint (id, applied_position) VALUES (1, 0);
