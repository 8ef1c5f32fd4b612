-- No change to the tables. Customer states from here on store each timeline item as an array
-- ([id, type, channel, at, issue, sentiment, score], trailing nulls left out) instead of an object with
-- named properties, and usage as the days of its window ("window") instead of the whole 35-slot ring.
-- This engine reads both forms, but an engine from before this version would fail on the new ones. The
-- version marks the change, so such an engine refuses the database at start instead of failing on a
-- customer's state.
SELECT 1;
