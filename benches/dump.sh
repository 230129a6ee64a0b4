#!/usr/bin/env bash
# Benchmark: `dbtool dump` against the equivalent raw `pg_dump` (the same
# arguments, taken from dbtool's own plan) on a generated database of at least
# 1 GB, in the same run, and `--format directory --jobs 2` against `-Fc`.
# Prints a table and writes the `## dump` section of docs/benchmarks.md; drops
# the generated database at the end.
# Usage: benches/dump.sh [RUNS]   (default 5; runs alternate dbtool / pg_dump)
# Server: BENCH_URL (a superuser URL, default the trust-auth server on
# 127.0.0.1:5432), e.g. the sandbox's URL from `dbtool sandbox up`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
server="${BENCH_URL:-postgresql://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
db="dbtool_bench_dump_$$"
url="${server/\/postgres\?//$db?}"
[ "$url" != "$server" ] || { echo "BENCH_URL must end in /postgres?…" >&2; exit 2; }
cargo build --release --quiet --bin dbtool
bin="$PWD/target/release/dbtool"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  psql -X -q "$server" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "generating $db (about 1.1 GB)…" >&2
psql -X -q "$server" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 "$url" <<'SQL'
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100000) g;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers, created timestamptz NOT NULL, note text);
INSERT INTO orders SELECT g, g % 100000 + 1, now() - g * interval '1 second',
       md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text)
  FROM generate_series(1, 3600000) g;
CREATE TABLE events (id bigint, at date NOT NULL, kind text, payload text) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO events SELECT g, date '2024-01-01' + (g % 730), 'kind ' || (g % 17),
       md5(g::text) || md5((g * 3)::text) || md5((g * 5)::text)
  FROM generate_series(1, 3600000) g;
VACUUM ANALYZE;
SQL
size=$(psql -X -At "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
bytes=$(psql -X -At "$url" -c "SELECT pg_database_size(current_database())")
echo "database: $size" >&2
[ "$bytes" -ge 1073741824 ] || { echo "generated database is smaller than 1 GB" >&2; exit 1; }

# The exact pg_dump arguments dbtool plans (connection through PG* variables).
mapfile -t args < <("$bin" --output-format json dump --url "$url" --dry-run -f x | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["plan"]["args"]))')
eval "$(python3 - "$url" <<'PY'
import sys, urllib.parse as u
p = u.urlparse(sys.argv[1]); q = dict(u.parse_qsl(p.query))
env = {"PGHOST": p.hostname or "localhost", "PGPORT": str(p.port or 5432), "PGUSER": u.unquote(p.username or "postgres"),
       "PGDATABASE": p.path.lstrip("/"), "PGSSLMODE": q.get("sslmode", "prefer")}
if p.password: env["PGPASSWORD"] = u.unquote(p.password)
print(" ".join(f"export {k}='{v}';" for k, v in env.items()))
PY
)"

secs() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1000}'; }

ours=(); theirs=(); dir=(); fc=()
echo "warm-up…" >&2
pg_dump "${args[@]}" --file="$work/w.dump" 2>/dev/null; rm -f "$work/w.dump"
load0=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq "$runs"); do
  echo "run $i/$runs…" >&2
  rm -f "$work/a.dump" "$work/b.dump"
  # Alternate which goes first, so neither always meets a warmer cache.
  if (( i % 2 )); then
    theirs+=("$(secs pg_dump "${args[@]}" --file="$work/b.dump")")
    ours+=("$(secs "$bin" -q --no-progress dump --url "$url" -f "$work/a.dump")")
  else
    ours+=("$(secs "$bin" -q --no-progress dump --url "$url" -f "$work/a.dump")")
    theirs+=("$(secs pg_dump "${args[@]}" --file="$work/b.dump")")
  fi
  [ -s "$work/a.dump" ] || { echo "dbtool dump wrote nothing" >&2; exit 1; }
done
dump_size=$(du -h "$work/a.dump" | cut -f1)
for i in $(seq "$runs"); do
  rm -rf "$work/d.dir" "$work/c.dump"
  fc+=("$(secs "$bin" -q --no-progress dump --url "$url" -f "$work/c.dump")")
  dir+=("$(secs "$bin" -q --no-progress dump --url "$url" --format directory --jobs 2 -f "$work/d.dir")")
done
load1=$(cut -d' ' -f1 /proc/loadavg)
o=$(median "${ours[@]}"); t=$(median "${theirs[@]}"); c=$(median "${fc[@]}"); d=$(median "${dir[@]}")
overhead=$(awk -v a="$o" -v b="$t" 'BEGIN {printf "%+.1f", (a - b) / b * 100}')
speedup=$(awk -v a="$c" -v b="$d" 'BEGIN {printf "%.2f", a / b}')
pgv=$(pg_dump --version | awk '{print $3}')

table=$(cat <<EOT
| measurement | median of $runs | goal |
|---|---|---|
| raw \`pg_dump ${args[*]}\` (-Fc) | ${t} s | |
| \`dbtool dump\` (same arguments, plan + progress tracking) | ${o} s | |
| dbtool overhead | ${overhead} % | ≤ 3 % |
| \`dbtool dump\` -Fc | ${c} s | |
| \`dbtool dump --format directory --jobs 2\` | ${d} s | |
| speed-up of \`--jobs 2\` | ${speedup}× | |
EOT
)
echo "$table"

python3 - "$table" "$size" "$dump_size" "$pgv" "$load0" "$load1" <<'PY'
import pathlib, re, sys, datetime
table, size, dump_size, pgv, load0, load1 = sys.argv[1:7]
path = pathlib.Path("docs/benchmarks.md")
text = path.read_text() if path.exists() else "# Benchmarks\n\nNumbers written by the scripts in `benches/`.\n"
section = ("## dump\n\n`benches/dump.sh` on " + datetime.date.today().isoformat() +
           f", pg_dump {pgv}, local server on the same 2-core machine. Generated database of {size} "
           f"(customers, 3.6 M orders, 3.6 M events in two partitions); custom-format dump {dump_size}. "
           "After one warm-up dump, runs alternate dbtool and raw pg_dump (and which goes first) so both see "
           f"the same cache and load; the machine is shared (load average {load0} at the start, {load1} at the end), "
           "so differences of a few per cent either way are noise.\n\n" + table + "\n")
pattern = re.compile(r"^## dump\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
path.write_text(text)
PY
