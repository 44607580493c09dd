-- The bot's tables. Instants are Unix milliseconds (bigint), as in the LiteDB file: exact and free of time zones.
-- Claims' expiries are the server's own timestamps, so replicas on machines whose clocks differ agree on them.

CREATE TABLE devices (
    id text PRIMARY KEY,
    isdp_device_id text NOT NULL,
    chat_jid text NOT NULL,
    alias text,
    source_product_id text,
    source_device_name text,
    -- productId/deviceName of the device's source identity: how alarms find their device.
    source_key text
);
CREATE INDEX devices_source_key ON devices (source_key) WHERE source_key IS NOT NULL;

CREATE TABLE channels (
    key text PRIMARY KEY,
    platform text NOT NULL,
    external_id text NOT NULL,
    name text,
    tenant_id text,
    reference text,
    updated_at bigint
);

CREATE TABLE mappings (
    channel_key text NOT NULL,
    device_id text NOT NULL,
    PRIMARY KEY (channel_key, device_id)
);
CREATE INDEX mappings_device ON mappings (device_id);

CREATE TABLE family_mappings (
    channel_key text NOT NULL,
    family_id text NOT NULL,
    PRIMARY KEY (channel_key, family_id)
);
CREATE INDEX family_mappings_family ON family_mappings (family_id);

CREATE TABLE calls (
    id text PRIMARY KEY,
    device_id text NOT NULL,
    channel_key text NOT NULL,
    user_platform text NOT NULL,
    user_id text NOT NULL,
    user_name text NOT NULL,
    locale text,
    state text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    confirmed_at bigint,
    finished_at bigint,
    failure_detail text,
    attempts int NOT NULL DEFAULT 0,
    surface_ref text
);
CREATE INDEX calls_state ON calls (state);
CREATE INDEX calls_created_at ON calls (created_at);

CREATE TABLE call_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id text NOT NULL,
    device_id text NOT NULL,
    channel_key text NOT NULL,
    user_key text NOT NULL,
    user_name text NOT NULL,
    at bigint NOT NULL,
    event text NOT NULL,
    detail text
);
CREATE INDEX call_audit_at ON call_audit (at);

CREATE TABLE callers (
    user_key text PRIMARY KEY,
    user_id bigint NOT NULL,
    user_name text NOT NULL,
    user_no text NOT NULL,
    tenant_id int NOT NULL
);

-- Intake order across all sources; gaps (an id already known) are harmless, only the order counts.
CREATE SEQUENCE alarm_seq;

CREATE TABLE alarms (
    id text PRIMARY KEY,
    source text NOT NULL,
    seq bigint NOT NULL UNIQUE,
    category int NOT NULL,
    severity text,
    title text NOT NULL,
    content text NOT NULL,
    raised_at bigint NOT NULL,
    product_id text NOT NULL,
    device_name text NOT NULL,
    device_alias text NOT NULL,
    family_id text NOT NULL,
    family_name text NOT NULL,
    received_at bigint NOT NULL,
    device_id text,
    channels text[] NOT NULL,
    ack_platform text,
    ack_user_id text,
    ack_user_name text,
    ack_at bigint,
    -- Firing, Acknowledged or Resolved, and how many changes the alarm has had (a card built from version n shows them all).
    state text NOT NULL DEFAULT 'Firing',
    version bigint NOT NULL DEFAULT 0,
    -- The latest change: the transition, who, where, when (null before the first).
    last_transition text,
    last_platform text,
    last_user_id text,
    last_user_name text,
    last_channel text,
    last_at bigint,
    -- It came while its device was silenced: its deliveries are held back, never due.
    held boolean NOT NULL DEFAULT false
);
CREATE INDEX alarms_unroutable ON alarms (seq) WHERE cardinality(channels) = 0;
CREATE INDEX alarms_ack_at ON alarms (ack_at) WHERE ack_at IS NOT NULL;
CREATE INDEX alarms_received_at ON alarms (received_at);
CREATE INDEX alarms_held_device ON alarms (device_id, received_at) WHERE held;
-- A channel's list of alarms reads its channel's alarms, newest first.
CREATE INDEX alarms_channels ON alarms USING gin (channels);

-- One card per alarm and channel: the id is alarmId|channelKey, and the pair is unique as well.
CREATE TABLE deliveries (
    id text PRIMARY KEY,
    alarm_id text NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
    channel_key text NOT NULL,
    seq bigint NOT NULL,
    state text NOT NULL,
    -- Pending, or posted and waiting for an edit: the only rows the dispatcher reads (partial indexes).
    due boolean NOT NULL,
    attempts int NOT NULL DEFAULT 0,
    unknown_outcomes int NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    message_ref text,
    last_error text,
    posted_at bigint,
    needs_refresh boolean NOT NULL DEFAULT false,
    -- The alarm version the pending edit must show: a card showing it (or later) needs no edit.
    refresh_version bigint NOT NULL DEFAULT 0,
    -- The alarm version whose change the card's thread must have a line for, and the one it has lines up to.
    log_version bigint NOT NULL DEFAULT 0,
    logged_version bigint NOT NULL DEFAULT 0,
    UNIQUE (alarm_id, channel_key)
);
CREATE INDEX deliveries_due_in_channel ON deliveries (channel_key, seq) WHERE due;
CREATE INDEX deliveries_due_at ON deliveries (next_attempt_at) WHERE due;

-- Every change of an alarm's state, once per version: who moved it, from which channel, when.
CREATE TABLE alarm_changes (
    alarm_id text NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
    version bigint NOT NULL,
    transition text NOT NULL,
    from_state text NOT NULL,
    to_state text NOT NULL,
    platform text NOT NULL,
    user_id text NOT NULL,
    user_name text NOT NULL,
    channel_key text NOT NULL,
    at bigint NOT NULL,
    PRIMARY KEY (alarm_id, version)
);

-- One silence per device, replaced by a newer one; an ended one waits to be announced.
CREATE TABLE silences (
    device_id text PRIMARY KEY,
    since bigint NOT NULL,
    until bigint NOT NULL,
    platform text NOT NULL,
    user_id text NOT NULL,
    user_name text NOT NULL,
    channel_key text NOT NULL,
    ended_by_platform text,
    ended_by_id text,
    ended_by_name text,
    announced boolean NOT NULL DEFAULT false
);
CREATE INDEX silences_until ON silences (until);

CREATE TABLE alarm_cursors (
    source text PRIMARY KEY,
    value text NOT NULL
);

-- Which replica posts to a channel now: a lease its lane renews; an expired one is anybody's.
CREATE TABLE channel_claims (
    channel_key text PRIMARY KEY,
    owner text NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Platform event ids already handled (Slack retries an event it did not hear back about), on any replica.
CREATE TABLE seen_events (
    key text PRIMARY KEY,
    seen_at bigint NOT NULL
);
CREATE INDEX seen_events_seen_at ON seen_events (seen_at);

-- Every change to devices, channels and mappings is announced, so each replica's read model follows within a moment.
-- Payload: the table, a colon and the changed row's key (the trigger's arguments name its columns, tab-separated).
-- Row triggers: a statement that changed nothing announces nothing.
CREATE FUNCTION announce_model_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    key text := '';
BEGIN
    FOR i IN 0 .. TG_NARGS - 1 LOOP
        key := key || CASE WHEN i > 0 THEN E'\t' ELSE '' END || coalesce(changed ->> TG_ARGV[i], '');
    END LOOP;
    PERFORM pg_notify('bot_model', TG_TABLE_NAME || ':' || key);
    RETURN NULL;
END $$;
CREATE TRIGGER devices_changed AFTER INSERT OR UPDATE OR DELETE ON devices FOR EACH ROW EXECUTE FUNCTION announce_model_change('id');
CREATE TRIGGER channels_changed AFTER INSERT OR UPDATE OR DELETE ON channels FOR EACH ROW EXECUTE FUNCTION announce_model_change('key');
CREATE TRIGGER mappings_changed AFTER INSERT OR UPDATE OR DELETE ON mappings FOR EACH ROW EXECUTE FUNCTION announce_model_change('channel_key', 'device_id');
CREATE TRIGGER family_mappings_changed AFTER INSERT OR UPDATE OR DELETE ON family_mappings FOR EACH ROW EXECUTE FUNCTION announce_model_change('channel_key', 'family_id');
