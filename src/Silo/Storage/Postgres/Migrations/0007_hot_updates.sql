-- Room in every page for the next version of its rows. Most task updates change only a task's
-- evidence (data, updated_at) and most portfolio updates only an entry's figures; with free space on
-- the page PostgreSQL writes them as heap-only tuples, without a new entry in every index. Applies
-- to pages written from now on; existing pages gain room as they are rewritten.
ALTER TABLE tasks SET (fillfactor = 70);
ALTER TABLE portfolio_entries SET (fillfactor = 70);
