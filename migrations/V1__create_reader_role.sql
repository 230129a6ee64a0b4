-- The read-only role that reporting and the `readonly` user are granted.
-- ${reader_role} comes from dbtool.toml ([migrate.placeholders]).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${reader_role}') THEN
        CREATE ROLE ${reader_role} NOLOGIN;
    END IF;
END
$$;
