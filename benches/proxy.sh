#!/usr/bin/env bash
# Benchmark: `pgbench -S -c 4 -T SECS` through `dbtool proxy` against the
# same run straight to the server, and the connection set-up time (pgbench
# -C: a new connection per transaction) both ways. The server is a throwaway
# sandbox (SCRAM password authentication, no TLS: the upstream hop of the
# proxy here is SCRAM with the password read per connection; an RDS target
# adds TLS and a token signature, measured by benches/env.sh at ~5 ms per
# process, of which signing is a fraction).
# The pairs (direct, then proxy) run REPS times back to back; the table shows
# the median of each, and the median of the per-pair ratios (the machine is
# shared: a ratio from the same pair is steadier than either figure).
# Prints a table and writes the `## proxy` section of docs/benchmarks.md.
# Usage: benches/proxy.sh [SECS [REPS]]   (default 20 s, 3 pairs)
# DBTOOL_BIN: the dbtool binary to measure (default: a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
reps="${2:-3}"
bin="${DBTOOL_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin dbtool
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/dbtool"
fi
build=$(file -b "$bin" | grep -q 'with debug_info' && echo "debug build" || echo "release build")
work=$(mktemp -d)
chmod 711 "$work"
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
  XDG_CONFIG_HOME="$work/config" DBTOOL_SANDBOX_DIR="$work/sandbox"
unset XDG_RUNTIME_DIR PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE DATABASE_URL DBTOOL_DATABASE_URL DBTOOL_ENV
mkdir -p "$HOME" && chmod 711 "$HOME"
proxy_pid=
cleanup() {
  [ -n "$proxy_pid" ] && kill -INT "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
  (cd "$work" && "$bin" sandbox reset --yes >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

url=$("$bin" sandbox up 2>/dev/null | head -1)
pgbench -q -i -s 10 "$url" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --output-format json proxy sandbox --port "$port" --passfile >"$work/proxy.json" 2>"$work/proxy.err" &
proxy_pid=$!
for _ in $(seq 100); do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/proxy.json" 2>/dev/null && break
  sleep 0.1
done
passfile=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["passfile"])' "$work/proxy.json")
proxied=(-h 127.0.0.1 -p "$port" -U postgres postgres)

tps() { pgbench -n -S -c 4 -j 2 -T "$secs" "$@" 2>/dev/null | awk '/^tps = / {print $3; exit}'; }
conn_ms() { pgbench -n -S -C -c 1 -T 5 "$@" 2>/dev/null | awk '/average connection time/ {print $5; exit}'; }

load_before=$(cut -d' ' -f1 /proc/loadavg)
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
: >"$work/runs"
for _ in $(seq "$reps"); do
  d=$(tps "$url")
  p=$(PGPASSFILE="$passfile" tps "${proxied[@]}")
  dc=$(conn_ms "$url")
  pc=$(PGPASSFILE="$passfile" conn_ms "${proxied[@]}")
  echo "$d $p $(awk -v a="$p" -v b="$d" 'BEGIN {print a/b}') $dc $pc" | tee -a "$work/runs" >&2
done
col() { awk -v c="$1" '{print $c}' "$work/runs" | median; }
direct_tps=$(col 1)
proxy_tps=$(col 2)
ratio=$(col 3 | awk '{printf "%.2f", $1}')
direct_conn=$(col 4)
proxy_conn=$(col 5)
pairs=$(awk '{printf "%s%.2f", (NR > 1 ? ", " : ""), $3}' "$work/runs")

table=$(cat <<EOT
| measurement | direct | through \`dbtool proxy\` |
|---|---|---|
| \`pgbench -S -c 4 -j 2 -T $secs\` (scale 10), tps, median of $reps | ${direct_tps%.*} | ${proxy_tps%.*} (median ratio ${ratio}× direct, pairs: ${pairs}; goal ≥ 0.9×) |
| connection set-up, \`pgbench -S -C -c 1 -T 5\` average, median of $reps | ${direct_conn} ms | ${proxy_conn} ms |
EOT
)
echo "$table"

cd - >/dev/null
python3 - "$table" "$build" "$(pgbench --version)" "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import pathlib, re, sys, datetime
path = pathlib.Path("docs/benchmarks.md")
text = path.read_text()
section = ("## proxy\n\n`benches/proxy.sh` on " + datetime.date.today().isoformat() + ", dbtool " + sys.argv[2] + ", " + sys.argv[3] +
           ", the sandbox server on the same 2-core machine as pgbench and the proxy (all three share the cores), "
           "direct and proxied runs alternating; load average " + sys.argv[4] + " before, " + sys.argv[5] + " at the end. Through the proxy, each new connection is: local md5 check, the sandbox password read "
           "again, a new upstream connection with SCRAM-SHA-256.\n\n" + sys.argv[1] + "\n\n")
pattern = re.compile(r"^## proxy\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
path.write_text(text)
PY
