-- On-call people, escalation timers and storm cards (all of it shared by the replicas and kept across restarts).

-- A channel's on-call people; position keeps the order they were added (ties, from adds at the same instant, by id).
CREATE TABLE on_call (
    channel_key text NOT NULL,
    person_id text NOT NULL,
    name text NOT NULL,
    position bigint NOT NULL,
    PRIMARY KEY (channel_key, person_id)
);

-- One alarm's escalation in one channel (id = alarm id | channel key); due_at null once it is over.
CREATE TABLE escalations (
    id text PRIMARY KEY,
    alarm_id text NOT NULL,
    channel_key text NOT NULL,
    started_at bigint NOT NULL,
    next_step int NOT NULL,
    steps int NOT NULL,
    due_at bigint,
    ended_because text
);
CREATE INDEX escalations_due ON escalations (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX escalations_alarm ON escalations (alarm_id);

-- A storm card's state; behind while it shows fewer alarms than it holds (the presenter's read).
CREATE TABLE storms (
    id text PRIMARY KEY,
    channel_key text NOT NULL,
    device_id text NOT NULL,
    alarm_ids text[] NOT NULL,
    first_at bigint NOT NULL,
    latest_at bigint NOT NULL,
    message_ref text,
    shown_count int NOT NULL DEFAULT 0,
    next_edit_at bigint NOT NULL DEFAULT 0,
    behind boolean NOT NULL
);
CREATE INDEX storms_behind ON storms (next_edit_at) WHERE behind;

-- A device's recent alarms with cards of their own in one channel (parallel arrays), and its storm there. The row is
-- what folding locks: one decision at a time per channel and device.
CREATE TABLE storm_watches (
    channel_key text NOT NULL,
    device_id text NOT NULL,
    recent_ids text[] NOT NULL DEFAULT '{}',
    recent_at bigint[] NOT NULL DEFAULT '{}',
    storm_id text,
    PRIMARY KEY (channel_key, device_id)
);

-- The replica working on an escalation's step or a storm's card holds it until then (Storage:Postgres:ChannelClaim),
-- so two replicas do not notify or post for the same one; a dead replica's hold runs out.
ALTER TABLE escalations ADD COLUMN held_until bigint NOT NULL DEFAULT 0;
ALTER TABLE storms ADD COLUMN held_until bigint NOT NULL DEFAULT 0;
