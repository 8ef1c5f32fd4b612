-- A customer that cancelled its subscription counts as churned in the executives' figures, not in a
-- band or the value at risk. Entries stored before this version read as not churned until their
-- customer sends its entry again, at its next evaluation (an event, a wake-up, a profile change or a task
-- action); a customer that cancelled before and stays silent keeps its stored band.
ALTER TABLE portfolio_entries ADD COLUMN churned_at timestamptz;
