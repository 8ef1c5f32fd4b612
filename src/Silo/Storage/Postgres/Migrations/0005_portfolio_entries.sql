-- Portfolio partitions keep one row per customer instead of one JSON document per partition, so a
-- checkpoint writes the entries that changed and a restart reads narrow rows. Task boards are no
-- longer kept in PostgreSQL mode: the tasks table is every owner's list.
CREATE TABLE portfolio_entries (
    partition          smallint    NOT NULL,
    customer_id        text        NOT NULL,
    segment            text,
    owner_id           text,
    band               smallint,             -- HealthBand: 0 healthy, 1 watch, 2 at risk
    annual_value       numeric     NOT NULL,
    latest_nps         smallint,
    entered_at_risk_at timestamptz,
    open_tasks_by_rule integer[]   NOT NULL,  -- indexed by RuleId
    PRIMARY KEY (partition, customer_id)
);

INSERT INTO portfolio_entries
SELECT g.grain_key::smallint, e.key, e.value->>'segment', e.value->>'ownerId', (e.value->>'band')::smallint,
       coalesce((e.value->>'annualValue')::numeric, 0), (e.value->>'latestNps')::smallint,
       (e.value->>'enteredAtRiskAt')::timestamptz,
       ARRAY(SELECT t.n::int FROM jsonb_array_elements_text(e.value->'openTasksByRule') WITH ORDINALITY AS t(n, i) ORDER BY t.i)
FROM grain_state g
CROSS JOIN LATERAL jsonb_each(convert_from(g.data, 'UTF8')::jsonb -> 'entries') AS e
WHERE g.grain_type = 'portfolio-partition' AND g.state_name = 'portfolio';

DELETE FROM grain_state WHERE grain_type IN ('portfolio-partition', 'task-board');
