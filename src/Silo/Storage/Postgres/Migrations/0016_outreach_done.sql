-- "How fast outreach happens": each entry lists the tasks a CSM completed that its customer still
-- holds, as triples (done at, time to done, on time) of UTC ticks, ticks and 0/1, and beside them the
-- CSM whose list each task was on. Entries stored before this version have none until their customer
-- sends its entry again, at its next evaluation.
ALTER TABLE portfolio_entries ADD COLUMN outreach_done bigint[], ADD COLUMN outreach_owners text[];
