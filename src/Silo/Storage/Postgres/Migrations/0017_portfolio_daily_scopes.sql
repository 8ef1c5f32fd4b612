-- The daily history keeps a point per scope, so each filter of the live snapshot has its trend: the
-- whole portfolio (segment and owner_id both ''), each segment, each CSM, each CSM within a segment.
-- Days recorded before this version hold the whole portfolio's point only. A history query reads one
-- scope over a range of days, so the key leads with the scope. Keys compare byte-wise, as every text
-- key since schema 13.
ALTER TABLE portfolio_daily ADD COLUMN segment text COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN owner_id text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE portfolio_daily DROP CONSTRAINT portfolio_daily_pkey;
ALTER TABLE portfolio_daily ADD PRIMARY KEY (segment, owner_id, day);
-- Recording a day replaces all of its scopes and drops the days beyond the kept range.
CREATE INDEX portfolio_daily_by_day ON portfolio_daily (day);
