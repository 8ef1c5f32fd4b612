-- A customer that cancelled its subscription counts as churned in the executives' figures, not in a
-- band or the value at risk. Entries stored before this version read as not churned until their
-- customer sends its entry again, which it does at its next activation.
ALTER TABLE portfolio_entries ADD COLUMN churned_at timestamptz;
