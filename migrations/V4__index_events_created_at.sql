-- CONCURRENTLY cannot run inside a transaction: this file has it alone, and
-- dbtool (like Flyway) runs it outside one.
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);
