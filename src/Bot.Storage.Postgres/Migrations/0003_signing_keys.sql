-- Keys the bot makes for itself (the call-token key): made once by whichever replica asks first, shared by all.
CREATE TABLE signing_keys (
    name text PRIMARY KEY,
    value bytea NOT NULL
);

-- A confirmation card's pending call now travels in the card; calls are stored from their first click on, and the
-- card's message reference (for an expiry edit) is no longer kept.
ALTER TABLE calls DROP COLUMN surface_ref;
