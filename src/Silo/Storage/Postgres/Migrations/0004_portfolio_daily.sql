-- The portfolio's closing snapshot of each UTC day (JSON in bytea), for the executives' trends.
CREATE TABLE portfolio_daily (
    day         date        PRIMARY KEY,
    snapshot    bytea       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
