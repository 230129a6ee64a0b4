#!/usr/bin/env python3
"""A generated Flyway corpus with the shape of a real public project: 196
versioned migrations, about 1.5 MB of SQL, versions like 1.0.0.3.1, long
CREATE TABLEs with many foreign keys, a `${schema}` placeholder used some
2,000 times (the schema itself is created by the runner), comment blocks,
COMMENT ON COLUMN, reference-data INSERTs, views, functions, indexes on
tables created by earlier migrations, a few files wrapped in BEGIN/COMMIT
and some ALTERs of earlier tables.

Usage: benches/corpus.py DIR [FILES]   (default 196)
Writes DIR/V*.sql and prints the total size in bytes. Deterministic."""

import os
import random
import sys

out = sys.argv[1]
files = int(sys.argv[2]) if len(sys.argv) > 2 else 196
rng = random.Random(196)
os.makedirs(out, exist_ok=True)

types = [
    "varchar(255)", "varchar(64)", "text", "integer", "bigint", "numeric(19,4)",
    "boolean", "timestamp", "timestamptz", "date", "uuid", "jsonb", "smallint",
]
tables = []  # names created so far


def version(n):
    # 1.0.0.1.1 … : five dotted parts, like the project's release numbering.
    major, rest = divmod(n, 40)
    minor, patch = divmod(rest, 8)
    return f"1.{major}.{minor}.{patch}.{n % 3 + 1}"


def header(n, what):
    return (
        "-- ------------------------------------------------------------------\n"
        f"-- Migration {n}: {what}\n"
        "-- Generated for the dbtool benchmark; the shape follows a public\n"
        "-- Flyway project (long tables, many foreign keys, one placeholder).\n"
        "-- ------------------------------------------------------------------\n\n"
    )


def create_table(name):
    cols = [f"    id bigint NOT NULL"]
    fks = []
    ncols = rng.randint(30, 52)
    for c in range(ncols):
        t = rng.choice(types)
        null = " NOT NULL" if rng.random() < 0.3 else ""
        default = ""
        if t == "boolean" and null:
            default = " DEFAULT false"
        elif t in ("timestamp", "timestamptz") and null:
            default = " DEFAULT now()"
        cols.append(f"    {name}_col_{c} {t}{default}{null}")
    refs = rng.sample(tables, min(len(tables), rng.randint(2, 6))) if tables else []
    for r in refs:
        cols.append(f"    {r}_id bigint")
        fks.append(
            f"    CONSTRAINT fk_{name}_{r} FOREIGN KEY ({r}_id) REFERENCES ${{schema}}.{r} (id)"
        )
    cols.append("    created_by varchar(64) NOT NULL")
    cols.append("    created_at timestamp NOT NULL DEFAULT now()")
    cols.append(f"    CONSTRAINT pk_{name} PRIMARY KEY (id)")
    body = ",\n".join(cols + fks)
    sql = f"CREATE TABLE ${{schema}}.{name} (\n{body}\n);\n\n"
    for c in range(0, ncols, 3):
        sql += f"COMMENT ON COLUMN ${{schema}}.{name}.{name}_col_{c} IS 'Column {c} of {name}: generated description text';\n"
    for r in refs:
        sql += f"CREATE INDEX idx_{name}_{r} ON ${{schema}}.{name} ({r}_id);\n"
    sql += f"CREATE SEQUENCE ${{schema}}.seq_{name} START WITH 1 INCREMENT BY 50;\n\n"
    return sql


total = 0
for n in range(1, files + 1):
    v = version(n)
    kind = n % 7
    parts = []
    if kind in (0, 1, 2, 3) or len(tables) < 3:
        for k in range(rng.randint(2, 4)):
            name = f"t{n}_{k}"
            parts.append(create_table(name))
            tables.append(name)
        what = "new tables"
    elif kind == 4:
        # Reference data.
        t = rng.choice(tables)
        rows = ",\n".join(
            f"    ({n * 1000 + i}, 'code-{i}', 'generated reference row {i} for {t}', 'flyway', now())"
            for i in range(60)
        )
        parts.append(
            f"CREATE TABLE ${{schema}}.ref_{n} (id bigint PRIMARY KEY, code varchar(64) NOT NULL, label text, created_by varchar(64), created_at timestamp);\n"
            f"INSERT INTO ${{schema}}.ref_{n} (id, code, label, created_by, created_at) VALUES\n{rows};\n"
        )
        tables.append(f"ref_{n}")
        what = "reference data"
    elif kind == 5:
        # Alter earlier tables: columns, indexes, constraints.
        for t in rng.sample(tables, 3):
            parts.append(
                f"ALTER TABLE ${{schema}}.{t} ADD COLUMN extra_{n} varchar(255);\n"
                f"ALTER TABLE ${{schema}}.{t} ADD COLUMN flag_{n} boolean NOT NULL DEFAULT false;\n"
                f"CREATE INDEX idx_{t}_extra_{n} ON ${{schema}}.{t} (extra_{n});\n"
                f"UPDATE ${{schema}}.{t} SET extra_{n} = 'x' WHERE id < 0;\n"
            )
        what = "alter tables"
    else:
        # Views and a function, wrapped in BEGIN/COMMIT like some real files.
        t = rng.choice(tables)
        parts.append(
            "BEGIN;\n"
            f"CREATE OR REPLACE VIEW ${{schema}}.v_{n} AS\n    SELECT id, created_by, created_at FROM ${{schema}}.{t} WHERE created_at > now() - interval '30 days';\n"
            f"CREATE OR REPLACE FUNCTION ${{schema}}.fn_{n}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n    NEW.created_at := now();\n    RETURN NEW;\nEND\n$$;\n"
            f"CREATE TRIGGER trg_{n} BEFORE INSERT ON ${{schema}}.{t} FOR EACH ROW EXECUTE FUNCTION ${{schema}}.fn_{n}();\n"
            "COMMIT;\n"
        )
        what = "views and triggers"
    sql = header(n, what) + "".join(parts)
    name = f"V{v}__{what.replace(' ', '_')}_{n}.sql"
    with open(os.path.join(out, name), "w") as fh:
        fh.write(sql)
    total += len(sql.encode())
print(total)
