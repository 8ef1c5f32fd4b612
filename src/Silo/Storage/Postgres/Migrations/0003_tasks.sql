-- Outreach tasks, projected from the task boards: the CSM's list across customers and owners.
-- One row per task id (customer:rule:sequence), so a replay updates a row rather than adding one.
CREATE TABLE tasks (
    task_id     text        PRIMARY KEY,
    customer_id text        NOT NULL,
    owner_id    text        NOT NULL,
    rule        text        NOT NULL,
    priority    integer     NOT NULL,
    state       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    due_at      timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    data        bytea       NOT NULL
);
-- "What should I do today": an owner's open tasks, most urgent first.
CREATE INDEX tasks_csm_list ON tasks (owner_id, state, priority, due_at);
CREATE INDEX tasks_by_customer ON tasks (customer_id);
