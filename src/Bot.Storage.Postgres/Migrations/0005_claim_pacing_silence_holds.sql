-- A claim carries its scope's pacing across replicas: not_before is when the scope's platform allows the next post
-- after the holder's last one (a replica taking the scope over waits until then); claimed_at is when the present
-- holder took it (a statement that takes it over sees its own start there, a renewal an older one).
ALTER TABLE channel_claims ADD COLUMN not_before timestamptz NOT NULL DEFAULT 'epoch';
ALTER TABLE channel_claims ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now();

-- The replica announcing a silence's end holds it until then (Storage:Postgres:ChannelClaim): the line is posted once.
ALTER TABLE silences ADD COLUMN held_until bigint NOT NULL DEFAULT 0;

-- The storage sweep finds finished escalations and quiet storms by age.
CREATE INDEX escalations_ended ON escalations (started_at) WHERE due_at IS NULL;
CREATE INDEX storms_latest ON storms (latest_at);
