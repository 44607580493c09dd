-- A channel's backlog summary is a storm without a device: its alarms' devices, parallel to alarm_ids (empty for a
-- device's storm). Its watch is the channel's storm_watches row with device_id ''.
ALTER TABLE storms ADD COLUMN device_ids text[] NOT NULL DEFAULT '{}';
