-- The portfolio's NPS counts a customer's latest answer only while it is at most a year old, so each
-- entry keeps when that answer was given. Entries stored before this version have none and count as
-- before until their customer sends its entry again, at its next evaluation (an event, a wake-up, a
-- profile change or a task action).
ALTER TABLE portfolio_entries ADD COLUMN latest_nps_at timestamptz;
