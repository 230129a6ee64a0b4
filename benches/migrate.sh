#!/usr/bin/env bash
# Migrate benchmark on a generated corpus, against a real PostgreSQL:
#  (a) applying 500 small migrations to an empty database with `dbtool migrate`
#      vs `psql -1 -f` per file (one psql process per file, in one run);
#  (b) a no-op `dbtool migrate` and `dbtool migrate validate` over 1,000
#      applied migrations;
#  (c) peak memory (RSS, /usr/bin/time -v) of each dbtool run;
#  (d) a 196-file, ~1.5 MB corpus shaped like a public Flyway project
#      (benches/corpus.py: long tables, many foreign keys, a ${schema}
#      placeholder thousands of times) on an empty database: `dbtool migrate`
#      vs psql applying the same SQL in one session, wall and CPU time, and
#      the lines dbtool prints; then a no-op migrate and validate over it.
# Prints a table and writes the `## migrate` section of docs/benchmarks.md.
# Usage: benches/migrate.sh [URL]   (default: $DBTOOL_BENCH_URL, else
# postgresql://postgres@127.0.0.1:5432/postgres?sslmode=disable). The user
# must be able to create databases; the benchmark databases are dropped after.
set -euo pipefail
cd "$(dirname "$0")/.."

url="${1:-${DBTOOL_BENCH_URL:-postgresql://postgres@127.0.0.1:5432/postgres?sslmode=disable}}"
target="${CARGO_TARGET_DIR:-target}"
work="$target/migrate-bench"
runs=5

# 1. Tools.
if [ -n "${DBTOOL_BIN:-}" ]; then
  dbtool="$DBTOOL_BIN"
else
  cargo build --release --quiet --bin dbtool
  dbtool="$target/release/dbtool"
fi
command -v psql > /dev/null || { echo "psql is needed (apt-get install postgresql-client)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

# 2. Corpus: 1,000 small migrations (a table, a row, an index, a comment each).
rm -rf "$work" && mkdir -p "$work/m500" "$work/m1000"
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
for n in range(1, 1001):
    sql = (
        f"CREATE TABLE t{n} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\n"
        f"INSERT INTO t{n} (id, name) VALUES (1, 'row {n}');\n"
        f"CREATE INDEX t{n}_name_idx ON t{n} (name);\n"
        f"COMMENT ON TABLE t{n} IS 'generated {n}';\n"
    )
    name = f"V{n}__create_t{n}.sql"
    for d, limit in (("m500", 500), ("m1000", 1000)):
        if n <= limit:
            with open(os.path.join(work, d, name), "w") as fh:
                fh.write(sql)
PY

db_url() { # database name -> URL on the same server
  python3 - "$url" "$1" <<'PY'
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit((p.scheme, p.netloc, "/" + sys.argv[2], p.query, p.fragment)))
PY
}
fresh() { # name: (re)creates an empty database
  psql -X -q "$url" -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\"" > /dev/null
}
now_ms() { date +%s%3N; }
rss_of() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

# 3. (a) 500 migrations on an empty database: best of $runs for each tool.
best_dbtool=""; rss_apply=""
best_psql=""
for i in $(seq "$runs"); do
  fresh dbtool_bench_a
  t0=$(now_ms)
  /usr/bin/time -v -o "$work/apply.time" "$dbtool" --no-progress -q migrate --url "$(db_url dbtool_bench_a)" --locations "$work/m500" > /dev/null
  t=$(( $(now_ms) - t0 ))
  if [ -z "$best_dbtool" ] || [ "$t" -lt "$best_dbtool" ]; then best_dbtool=$t; rss_apply=$(rss_of "$work/apply.time"); fi

  fresh dbtool_bench_p
  purl="$(db_url dbtool_bench_p)"
  t0=$(now_ms)
  for f in $(ls "$work/m500" | sort -t V -k2 -n); do
    psql -X -q -v ON_ERROR_STOP=1 -1 -f "$work/m500/$f" "$purl" > /dev/null
  done
  t=$(( $(now_ms) - t0 ))
  if [ -z "$best_psql" ] || [ "$t" -lt "$best_psql" ]; then best_psql=$t; fi
done
applied=$(psql -X -qtA "$(db_url dbtool_bench_a)" -c "SELECT count(*) FROM flyway_schema_history WHERE success")
[ "$applied" = 500 ] || { echo "expected 500 applied migrations, found $applied" >&2; exit 1; }

# 4. (b) No-op migrate and validate over 1,000 applied migrations: median of $runs.
fresh dbtool_bench_b
burl="$(db_url dbtool_bench_b)"
"$dbtool" --no-progress -q migrate --url "$burl" --locations "$work/m1000" > /dev/null
median_of() { # command...: prints "median_ms rss_kb_of_median_run"
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t
    t0=$(now_ms)
    /usr/bin/time -v -o "$work/noop.time" "$@" > /dev/null
    t=$(( $(now_ms) - t0 ))
    times+=("$t $(rss_of "$work/noop.time")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
read -r noop_ms noop_rss < <(median_of "$dbtool" --no-progress -q migrate --url "$burl" --locations "$work/m1000")
read -r validate_ms validate_rss < <(median_of "$dbtool" --no-progress -q migrate validate --url "$burl" --locations "$work/m1000")

# 5. (d) The real-corpus shape: best of $runs wall times for each tool.
python3 benches/corpus.py "$work/c196" > "$work/c196.bytes"
python3 - "$work/c196" "$work/c196.sql" <<'PY'
import os, re, sys
src, out = sys.argv[1], sys.argv[2]
def key(name):
    return [int(p) for p in re.match(r"V([0-9.]+)__", name).group(1).split(".")]
with open(out, "w") as fh:
    fh.write("CREATE SCHEMA app;\n")
    for name in sorted(os.listdir(src), key=key):
        fh.write(open(os.path.join(src, name)).read().replace("${schema}", "app"))
        fh.write("\n")
PY
cpu_of() { awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%d", (u + s) * 1000}' "$1"; }
best_c_dbtool=""; cpu_c_dbtool=""; rss_c_dbtool=""
best_c_psql=""; cpu_c_psql=""; rss_c_psql=""
for i in $(seq "$runs"); do
  fresh dbtool_bench_c
  t0=$(now_ms)
  /usr/bin/time -v -o "$work/c.time" "$dbtool" --no-progress migrate --url "$(db_url dbtool_bench_c)" \
    --locations "$work/c196" --schemas app --placeholder schema=app > /dev/null 2> "$work/c.stderr"
  t=$(( $(now_ms) - t0 ))
  if [ -z "$best_c_dbtool" ] || [ "$t" -lt "$best_c_dbtool" ]; then
    best_c_dbtool=$t; cpu_c_dbtool=$(cpu_of "$work/c.time"); rss_c_dbtool=$(rss_of "$work/c.time")
  fi
  fresh dbtool_bench_q
  t0=$(now_ms)
  /usr/bin/time -v -o "$work/q.time" psql -X -q -v ON_ERROR_STOP=1 -f "$work/c196.sql" "$(db_url dbtool_bench_q)" > /dev/null
  t=$(( $(now_ms) - t0 ))
  if [ -z "$best_c_psql" ] || [ "$t" -lt "$best_c_psql" ]; then
    best_c_psql=$t; cpu_c_psql=$(cpu_of "$work/q.time"); rss_c_psql=$(rss_of "$work/q.time")
  fi
done
c_lines=$(wc -l < "$work/c.stderr")
c_applied=$(psql -X -qtA "$(db_url dbtool_bench_c)" -c "SELECT count(*) FROM app.flyway_schema_history WHERE success AND version IS NOT NULL")
[ "$c_applied" = 196 ] || { echo "expected 196 applied migrations, found $c_applied" >&2; cat "$work/c.stderr" >&2; exit 1; }
curl_c="$(db_url dbtool_bench_c)"
read -r c_noop_ms _ < <(median_of "$dbtool" --no-progress -q migrate --url "$curl_c" --locations "$work/c196" --schemas app --placeholder schema=app)
read -r c_validate_ms _ < <(median_of "$dbtool" --no-progress -q migrate validate --url "$curl_c" --locations "$work/c196" --schemas app --placeholder schema=app)

for d in dbtool_bench_a dbtool_bench_p dbtool_bench_b dbtool_bench_c dbtool_bench_q; do
  psql -X -q "$url" -c "DROP DATABASE IF EXISTS \"$d\"" > /dev/null
done

# 6. Report.
ratio=$(awk -v a="$best_dbtool" -v b="$best_psql" 'BEGIN { printf "%.2f", a / b }')
c_ratio=$(awk -v a="$best_c_dbtool" -v b="$best_c_psql" 'BEGIN { printf "%.2f", a / b }')
c_cpu_ratio=$(awk -v a="$cpu_c_dbtool" -v b="$cpu_c_psql" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')
c_kb=$(( $(cat "$work/c196.bytes") / 1024 ))
server=$(psql -X -qtA "$url" -c "SHOW server_version")
version=$("$dbtool" --version)
table=$(cat <<EOF
| measurement | result | goal |
|---|---|---|
| (a) 500 migrations, empty database: \`dbtool migrate\` | ${best_dbtool} ms | |
| (a) 500 migrations: \`psql -1 -f\` per file | ${best_psql} ms | |
| (a) dbtool / psql | ${ratio}× | ≤ 0.5× |
| (b) no-op \`dbtool migrate\`, 1,000 applied | ${noop_ms} ms | < 150 ms |
| (b) \`dbtool migrate validate\`, 1,000 applied | ${validate_ms} ms | < 150 ms |
| (c) peak RSS: apply 500 | $(( rss_apply / 1024 )) MiB | |
| (c) peak RSS: no-op migrate / validate over 1,000 | $(( noop_rss / 1024 )) MiB / $(( validate_rss / 1024 )) MiB | |
| (d) 196 files, ${c_kb} KiB, empty database: \`dbtool migrate\` | ${best_c_dbtool} ms, CPU ${cpu_c_dbtool} ms, $(( rss_c_dbtool / 1024 )) MiB | |
| (d) the same SQL: \`psql -f\` in one session | ${best_c_psql} ms, CPU ${cpu_c_psql} ms, $(( rss_c_psql / 1024 )) MiB | |
| (d) dbtool / psql: wall, CPU | ${c_ratio}×, ${c_cpu_ratio}× | ≤ 1.2×, ≤ 3× |
| (d) lines dbtool printed (stderr, not a terminal) | ${c_lines} | ≤ 196 + 10 |
| (d) no-op \`dbtool migrate\` / \`validate\`, 196 applied | ${c_noop_ms} ms / ${c_validate_ms} ms | < 100 ms |
EOF
)
echo "$table"

section=$(cat <<EOF
## migrate

\`benches/migrate.sh\` on $(date -u +%Y-%m-%d), ${version}, PostgreSQL ${server} on the same machine ($(nproc) cores).
Best of ${runs} runs for (a), median of ${runs} for (b); wall time includes process start and connecting.
Corpus for (a)–(c): generated files of four statements each (table, row, index, comment).
Corpus for (d): \`benches/corpus.py\`, the shape of a public Flyway project (196 files; long CREATE TABLEs, many foreign keys, a \`\${schema}\` placeholder, comments, BEGIN/COMMIT-wrapped files); psql gets the same SQL with the placeholder replaced, in one session (CPU is the client's, user + system).

${table}
EOF
)
doc=docs/benchmarks.md
[ -f "$doc" ] || printf '# Benchmarks\n\nNumbers written by the scripts in `benches/`.\n' > "$doc"
python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2].rstrip() + "\n"
text = open(path).read()
pattern = re.compile(r"^## migrate\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text)
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w").write(text.rstrip() + "\n")
PY
echo "wrote the ## migrate section of $doc"
