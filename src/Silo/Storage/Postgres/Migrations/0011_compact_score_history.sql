-- No change to the tables. Customer states from here on store their score history compactly (each
-- change as [at, from, to, cause] instead of an object with named properties). This engine reads both
-- forms, but an engine from before this version would fail on the new one. The version marks the
-- change, so such an engine refuses the database at start instead of failing on a customer's state.
SELECT 1;
