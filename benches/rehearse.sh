#!/usr/bin/env bash
# Rehearsal benchmark: the throwaway-cluster commands on generated corpora.
#  (a) `dbtool migrate test` on 200 files (versioned, 20 with an undo file,
#      2 repeatables), cluster start and removal included;
#  (b) `dbtool migrate drift` against a database of 500 tables (applied from
#      500 files), the expected schema built on a throwaway cluster;
#  (c) `dbtool migrate lint --trace` on the 200 files (every statement run
#      twice, measured once).
# Prints a table and writes the `## rehearse` section of docs/benchmarks.md.
# Usage: benches/rehearse.sh [URL]   (the drift target's server; default:
# $DBTOOL_BENCH_URL, else a sandbox started for the run in a directory of its
# own and removed after). DBTOOL_BIN=path uses that binary instead of a
# release build (the section says which).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
runs=3

if [ -n "${DBTOOL_BIN:-}" ]; then
  dbtool="$DBTOOL_BIN"; build="binary \`$DBTOOL_BIN\`"
else
  cargo build --release --quiet --bin dbtool
  dbtool="$target/release/dbtool"; build="release build"
fi
command -v psql > /dev/null || { echo "psql is needed (apt-get install postgresql-client)" >&2; exit 2; }

# A scratch directory the `postgres` user can pass through (the clusters run
# as postgres when this runs as root).
work=$(mktemp -d /tmp/dbtool-rehearse-bench.XXXXXX)
chmod 711 "$work"
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$XDG_DATA_HOME" && chmod 711 "$HOME" "$work/home/.local" "$XDG_DATA_HOME"
sandbox_dir="$work/sandbox"
cleanup() {
  DBTOOL_SANDBOX_DIR="$sandbox_dir" "$dbtool" -q sandbox reset --yes > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

url="${1:-${DBTOOL_BENCH_URL:-}}"
if [ -z "$url" ]; then
  url=$(DBTOOL_SANDBOX_DIR="$sandbox_dir" "$dbtool" -q sandbox up)
fi

# Corpora.
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
for d in ("c200", "c500"):
    os.makedirs(os.path.join(work, d, "migrations"))
    open(os.path.join(work, d, ".git"), "w").close()
for n in range(1, 501):
    sql = (
        f"create table t{n} (id bigint primary key, name text not null, created_at timestamptz not null default now());\n"
        f"create index t{n}_name_idx on t{n} (name);\n"
        f"alter table t{n} add column note text;\n"
        f"comment on table t{n} is 'generated {n}';\n"
    )
    name = f"V{n}__t{n}.sql"
    for d, limit in (("c200", 200), ("c500", 500)):
        if n <= limit:
            open(os.path.join(work, d, "migrations", name), "w").write(sql)
    if n <= 200 and n % 10 == 0:
        open(os.path.join(work, "c200", "migrations", f"U{n}__t{n}.sql"), "w").write(f"drop table t{n};\n")
for r in ("a", "b"):
    open(os.path.join(work, "c200", "migrations", f"R__view_{r}.sql"), "w").write(
        f"create or replace view view_{r} as select id, name from t1;\n")
PY

now_ms() { date +%s%3N; }
best_of() { # dir command...: best wall time in ms of $runs runs (exit 0 or 1 accepted)
  local dir=$1; shift
  local best="" t0 t rc
  for _ in $(seq "$runs"); do
    t0=$(now_ms)
    rc=0; (cd "$dir" && "$@" > /dev/null 2> "$work/err") || rc=$?
    t=$(( $(now_ms) - t0 ))
    if [ "$rc" -gt 1 ]; then cat "$work/err" >&2; exit 1; fi
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}

# (a) migrate test, 200 files.
test_ms=$(best_of "$work/c200" "$dbtool" --no-progress migrate test)

# (b) drift against 500 applied tables.
db="dbtool_rehearse_bench"
psql -X -q "$url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" > /dev/null
durl=$(python3 - "$url" "$db" <<'PY'
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit((p.scheme, p.netloc, "/" + sys.argv[2], p.query, p.fragment)))
PY
)
(cd "$work/c500" && "$dbtool" --no-progress -q migrate --url "$durl" > /dev/null)
(cd "$work/c500" && "$dbtool" --no-progress -q migrate drift --url "$durl" > /dev/null) \
  || { echo "drift found differences on a fresh apply" >&2; exit 1; }
drift_ms=$(best_of "$work/c500" "$dbtool" --no-progress migrate drift --url "$durl")
objects=$(psql -X -qtA "$durl" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
psql -X -q "$url" -c "DROP DATABASE IF EXISTS $db" > /dev/null

# (c) lint --trace, 200 files.
trace_ms=$(best_of "$work/c200" "$dbtool" --no-progress migrate lint --trace)
statements=$(cd "$work/c200" && "$dbtool" --no-progress migrate lint --trace --output-format json 2> /dev/null \
  | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')

server=$(psql -X -qtA "$url" -c "SHOW server_version")
version=$("$dbtool" --version)
table=$(cat <<EOF
| measurement | result | goal |
|---|---|---|
| (a) \`dbtool migrate test\`, 200 files (20 undone and re-applied, 2 repeatables twice) | ${test_ms} ms | well under 10 s |
| (b) \`dbtool migrate drift\`, 500 tables (${objects} relations in public) | ${drift_ms} ms | < 10 s |
| (c) \`dbtool migrate lint --trace\`, 200 files (${statements} statements) | ${trace_ms} ms | |
EOF
)
echo "$table"

section=$(cat <<EOF
## rehearse

\`benches/rehearse.sh\` on $(date -u +%Y-%m-%d), ${version} (${build}), PostgreSQL ${server}, $(nproc) cores
(load average $(cut -d' ' -f1 /proc/loadavg) when it finished). Best of ${runs} runs, wall time including
the throwaway cluster's start and removal. Corpus: generated files of four statements each (table
with a primary key, index, added column, comment). Most of (b) is applying the 500 migrations to the
throwaway cluster (the engine's apply speed on an idle machine is \`## migrate\` (a)).

${table}
EOF
)
doc=docs/benchmarks.md
python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2].rstrip() + "\n"
text = open(path).read()
pattern = re.compile(r"^## rehearse\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text)
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w").write(text.rstrip() + "\n")
PY
echo "wrote the ## rehearse section of $doc"
