-- No query reads tasks by customer: a customer's tasks are served from its grain, and the CSM's list
-- goes through tasks_csm_list. The index only cost an entry on every inserted task and on every update
-- that could not be heap-only, which made it about a third of the tasks' index writes during ingestion.
DROP INDEX IF EXISTS tasks_by_customer;
