-- Repeatable: re-applied whenever this file changes.
CREATE OR REPLACE VIEW event_counts AS
SELECT type, count(*) AS events, max(created_at) AS last_seen
FROM events
GROUP BY type;

GRANT SELECT ON event_counts TO ${reader_role};
