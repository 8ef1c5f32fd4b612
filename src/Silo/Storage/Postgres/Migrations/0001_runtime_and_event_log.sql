-- Grain state, durable wake-ups and the event log.

-- One row per grain state. JSON (UTF-8) in bytea: cheaper to write than jsonb;
-- inspect with convert_from(data, 'UTF8')::jsonb.
CREATE TABLE grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    etag        bigint      NOT NULL,
    data        bytea       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);

-- At most one due time per grain; the silo scans it in due order.
CREATE SEQUENCE wake_up_tokens;
CREATE TABLE wake_ups (
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    due_at        timestamptz NOT NULL,
    token         bigint      NOT NULL,
    claimed_until timestamptz NULL,
    PRIMARY KEY (grain_type, grain_key)
);
CREATE INDEX wake_ups_by_due ON wake_ups (due_at);

-- The event log: every accepted touchpoint, once (the integrator's id is the idempotency key).
-- partition is a stable hash of the customer id; a silo consumes its partitions in position order.
CREATE TABLE events (
    position     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     text        NOT NULL,
    customer_id  text        NOT NULL,
    partition    integer     NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      bytea       NOT NULL,
    appended_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_event_id_unique UNIQUE (event_id)
);
CREATE INDEX events_by_partition ON events (partition, position);
CREATE INDEX events_by_customer ON events (customer_id, position);
