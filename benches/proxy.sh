#!/usr/bin/env bash
# Benchmark: `pgbench -S -c 4 -j 2 -T SECS` through `dbtool proxy` and
# through pgbouncer (the peer: session pooling, SCRAM-SHA-256 both ways)
# against the same run straight to the server, the CPU each of the two
# middlemen spends per transaction, and the connection set-up time (pgbench
# -C: a new connection per transaction) all three ways. The server is a
# throwaway sandbox (SCRAM password authentication, no TLS: the upstream hop
# of the proxy here is SCRAM with the password read per connection; an RDS
# target adds TLS and a token signature, measured by benches/env.sh at ~5 ms
# per process, of which signing is a fraction).
# The triples (direct, proxy, pgbouncer) run REPS times back to back; the
# table shows the median of each, and the median of the per-triple ratios
# (the machine is shared: a ratio from the same triple is steadier than
# either figure). CPU per transaction is the middleman's utime + stime
# (/proc/PID/stat, all its threads) over the run divided by the transactions
# pgbench counted: on cores shared by pgbench, the server and the middleman,
# it is the fair figure (every µs the middleman spends is one the others
# lack).
# pgbouncer is installed with apt-get when missing and the script runs as
# root (it is then run as the `postgres` user: pgbouncer refuses root);
# without it, its column says why it is missing.
# Prints a table and writes the `## proxy` section of docs/benchmarks.md
# (only that section). BENCH_NO_DOCS=1: print only.
# Usage: benches/proxy.sh [SECS [REPS]]   (default 20 s, 3 triples)
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

# The peer, installed idempotently.
bouncer_note=
if ! command -v pgbouncer >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing pgbouncer (apt-get)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null 2>&1; } || true
    # Only the binary is wanted: the package's own service (port 6432) stays off.
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      systemctl disable --now pgbouncer >/dev/null 2>&1 || true
    fi
  fi
  command -v pgbouncer >/dev/null ||
    bouncer_note="pgbouncer not measured: not found on PATH (and not installable here with apt-get, which needs root)"
fi
bouncer_bin=$(command -v pgbouncer || true)
if [ -z "$bouncer_note" ] && [ "$(id -u)" = 0 ] && ! { id postgres >/dev/null 2>&1 && command -v setpriv >/dev/null; }; then
  bouncer_note="pgbouncer not measured: it refuses to run as root, and there is no postgres user or no setpriv to run it as that user"
fi

work=$(mktemp -d)
chmod 711 "$work"
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
  XDG_CONFIG_HOME="$work/config" DBTOOL_SANDBOX_DIR="$work/sandbox"
unset XDG_RUNTIME_DIR PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE DATABASE_URL DBTOOL_DATABASE_URL DBTOOL_ENV
mkdir -p "$HOME" && chmod 711 "$HOME"
proxy_pid=
bouncer_pid=
cleanup() {
  [ -n "$proxy_pid" ] && kill -INT "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
  [ -n "$bouncer_pid" ] && kill -INT "$bouncer_pid" 2>/dev/null && wait "$bouncer_pid" 2>/dev/null || true
  (cd "$work" && "$bin" sandbox reset --yes >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

url=$("$bin" sandbox up 2>/dev/null | head -1)
pgbench -q -i -s 10 "$url" >/dev/null 2>&1
port=$(free_port)
"$bin" --output-format json proxy sandbox --port "$port" --passfile >"$work/proxy.json" 2>"$work/proxy.err" &
proxy_pid=$!
for _ in $(seq 100); do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/proxy.json" 2>/dev/null && break
  sleep 0.1
done
passfile=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["passfile"])' "$work/proxy.json")
proxied=(-h 127.0.0.1 -p "$port" -U postgres postgres)

# pgbouncer: session pooling, SCRAM-SHA-256 with the clients (auth_file)
# and with the server, TCP on 127.0.0.1 only.
bouncer=()
if [ -z "$bouncer_note" ]; then
  read -r pg_host pg_port pg_password < <(python3 -c '
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1]); print(p.hostname, p.port, u.unquote(p.password))' "$url")
  bdir="$work/pgbouncer"
  mkdir -p "$bdir" && chmod 700 "$bdir"
  bport=$(free_port)
  printf '"postgres" "%s"\n' "$pg_password" >"$bdir/userlist.txt"
  cat >"$bdir/pgbouncer.ini" <<EOT
[databases]
postgres = host=$pg_host port=$pg_port dbname=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bport
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $bdir/userlist.txt
pool_mode = session
max_client_conn = 100
default_pool_size = 20
logfile = $bdir/pgbouncer.log
pidfile = $bdir/pgbouncer.pid
EOT
  as=()
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$bdir"
    # setpriv execs: $! is pgbouncer itself.
    as=(setpriv --reuid=postgres --regid=postgres --init-groups)
  fi
  "${as[@]}" "$bouncer_bin" "$bdir/pgbouncer.ini" >"$work/pgbouncer.out" 2>&1 &
  bouncer_pid=$!
  for _ in $(seq 100); do
    PGPASSWORD="$pg_password" psql -qAtX -h 127.0.0.1 -p "$bport" -U postgres -c 'select 1' postgres >/dev/null 2>&1 && break
    sleep 0.1
  done
  if PGPASSWORD="$pg_password" psql -qAtX -h 127.0.0.1 -p "$bport" -U postgres -c 'select 1' postgres >/dev/null 2>&1; then
    bouncer=(-h 127.0.0.1 -p "$bport" -U postgres postgres)
  else
    bouncer_note="pgbouncer not measured: it did not start ($(tail -1 "$bdir/pgbouncer.log" 2>/dev/null || tail -1 "$work/pgbouncer.out"))"
    kill "$bouncer_pid" 2>/dev/null || true
    bouncer_pid=
  fi
fi
[ -n "$bouncer_note" ] && echo "$bouncer_note" >&2

hz=$(getconf CLK_TCK)
# "TICKS SWITCHES" of PID: utime + stime in clock ticks (fields 14 and 15 of
# /proc/PID/stat, all threads; the command name in field 2 may hold
# spaces), and context switches, voluntary and involuntary, of all threads.
usage() {
  local ticks
  ticks=$(sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}')
  echo "$ticks $(cat /proc/"$1"/task/*/status | awk '/^(non)?voluntary_ctxt_switches:/ {n += $2} END {print n}')"
}
# "TPS CPU_US_PER_TRANSACTION SWITCHES_PER_TRANSACTION" (both 0 without PID).
tps() {
  local pid="$1"
  shift
  local before="0 0" after="0 0" out
  [ -n "$pid" ] && before=$(usage "$pid")
  out=$(pgbench -n -S -c 4 -j 2 -T "$secs" "$@" 2>/dev/null)
  [ -n "$pid" ] && after=$(usage "$pid")
  awk -v b="$before" -v a="$after" -v hz="$hz" '
    /^number of transactions actually processed: / {n = $6}
    /^tps = / {t = $3}
    END {
      split(b, x, " "); split(a, y, " ")
      printf "%s %.2f %.2f\n", t, (n > 0 ? (y[1] - x[1]) * 1e6 / hz / n : 0), (n > 0 ? (y[2] - x[2]) / n : 0)
    }' <<<"$out"
}
# System calls per transaction of PID over a 5 s run of its own, counted
# by `perf stat` on the syscall tracepoints (little overhead), else by
# `strace -c -f` (which slows the process and lets more events gather per
# epoll_wait: its epoll_wait count is low): "N recvfrom + N sendto + N
# epoll_wait = TOTAL (TOOL)", or "–" with neither.
syscall_counter=
if perf stat -e raw_syscalls:sys_enter -o /dev/null true 2>/dev/null; then
  syscall_counter=perf
elif command -v strace >/dev/null; then
  syscall_counter=strace
fi
syscalls() {
  local pid="$1" trace="$work/syscalls.$1" out n
  shift
  case "$syscall_counter" in
    perf) perf stat -x, -e raw_syscalls:sys_enter,syscalls:sys_enter_recvfrom,syscalls:sys_enter_sendto,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_read,syscalls:sys_enter_write \
            -p "$pid" -o "$trace" 2>/dev/null & ;;
    strace) strace -c -f -q -p "$pid" -o "$trace" 2>/dev/null & ;;
    *) echo "–"; return ;;
  esac
  local spid=$!
  sleep 1
  out=$(pgbench -n -S -c 4 -j 2 -T 5 "$@" 2>/dev/null)
  kill -INT "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null || true
  n=$(awk '/^number of transactions actually processed: / {print $6}' <<<"$out")
  awk -v n="$n" -v tool="$syscall_counter" '
    # perf stat -x,: COUNT,,EVENT,...
    tool == "perf" && /^[0-9]+,/ {
      split($0, f, ","); e = f[3]
      if (e == "raw_syscalls:sys_enter") total = f[1]
      else { sub(/^syscalls:sys_enter_/, "", e); c[e] = f[1] }
    }
    # strace -c: % time, seconds, usecs/call, calls, [errors,] syscall
    tool == "strace" && $NF == "total" {total = $4}
    tool == "strace" && $NF ~ /^(sendto|recvfrom|epoll_wait|write|read)$/ {c[$NF] = $4}
    END {
      split("recvfrom sendto read write epoll_wait", order, " ")
      s = ""
      for (i = 1; i <= 5; i++) if (c[order[i]] / n >= 0.05) s = s (s == "" ? "" : " + ") sprintf("%.2f %s", c[order[i]] / n, order[i])
      printf "%s = %.2f (%s)\n", s, total / n, tool
    }' "$trace"
}
conn_ms() { pgbench -n -S -C -c 1 -T 5 "$@" 2>/dev/null | awk '/average connection time/ {print $5; exit}'; }

load_before=$(cut -d' ' -f1 /proc/loadavg)
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# Columns of $work/runs: direct tps, proxy tps, proxy/direct, proxy µs/tx,
# pgbouncer tps, pgbouncer/direct, pgbouncer µs/tx, connection ms direct,
# proxy, pgbouncer, context switches per transaction proxy, pgbouncer
# (pgbouncer columns "-" when it is not measured).
: >"$work/runs"
for _ in $(seq "$reps"); do
  read -r d _ _ < <(tps "" "$url")
  read -r p pcpu psw < <(PGPASSFILE="$passfile" tps "$proxy_pid" "${proxied[@]}")
  b=- bcpu=- bc=- bsw=-
  if [ ${#bouncer[@]} -gt 0 ]; then
    read -r b bcpu bsw < <(PGPASSWORD="$pg_password" tps "$bouncer_pid" "${bouncer[@]}")
  fi
  dc=$(conn_ms "$url")
  pc=$(PGPASSFILE="$passfile" conn_ms "${proxied[@]}")
  [ ${#bouncer[@]} -gt 0 ] && bc=$(PGPASSWORD="$pg_password" conn_ms "${bouncer[@]}")
  br=$([ "$b" = - ] && echo - || awk -v a="$b" -v b="$d" 'BEGIN {print a/b}')
  echo "$d $p $(awk -v a="$p" -v b="$d" 'BEGIN {print a/b}') $pcpu $b $br $bcpu $dc $pc $bc $psw $bsw" | tee -a "$work/runs" >&2
done
col() { awk -v c="$1" '{print $c}' "$work/runs" | median; }
fixed() { awk -v d="$1" '{printf "%." d "f", $1}'; }
pairs() { awk -v c="$1" '{printf "%s%.2f", (NR > 1 ? ", " : ""), $c}' "$work/runs"; }
direct_tps=$(col 1)
proxy_tps=$(col 2)
proxy_ratio=$(col 3 | fixed 2)
proxy_cpu=$(col 4 | fixed 1)
direct_conn=$(col 8)
proxy_conn=$(col 9)
proxy_switches=$(col 11 | fixed 2)
proxy_syscalls=$(PGPASSFILE="$passfile" syscalls "$proxy_pid" "${proxied[@]}")
if [ ${#bouncer[@]} -gt 0 ]; then
  bouncer_tps=$(col 5 | fixed 0)
  bouncer_ratio=$(col 6 | fixed 2)
  bouncer_cpu=$(col 7 | fixed 1)
  bouncer_conn="$(col 10) ms"
  bouncer_switches=$(col 12 | fixed 2)
  bouncer_syscalls=$(PGPASSWORD="$pg_password" syscalls "$bouncer_pid" "${bouncer[@]}")
  bouncer_tps_cell="$bouncer_tps (median ratio ${bouncer_ratio}× direct, runs: $(pairs 6))"
  bouncer_cpu_cell="$bouncer_cpu µs"
  bouncer_version=$("$bouncer_bin" --version | head -1)
else
  bouncer_tps_cell="–" bouncer_cpu_cell="–" bouncer_conn="–" bouncer_version="pgbouncer: –"
  bouncer_switches="–" bouncer_syscalls="–"
fi

table=$(cat <<EOT
| measurement | direct | through \`dbtool proxy\` | through pgbouncer |
|---|---|---|---|
| \`pgbench -S -c 4 -j 2 -T $secs\` (scale 10), tps, median of $reps | ${direct_tps%.*} | ${proxy_tps%.*} (median ratio ${proxy_ratio}× direct, runs: $(pairs 3); goal ≥ 0.9×) | ${bouncer_tps_cell} |
| CPU of the middleman per transaction (utime + stime), median of $reps | – | ${proxy_cpu} µs | ${bouncer_cpu_cell} |
| context switches of the middleman per transaction (voluntary + involuntary), median of $reps | – | ${proxy_switches} | ${bouncer_switches} |
| system calls of the middleman per transaction (a 5 s run of its own) | – | ${proxy_syscalls} | ${bouncer_syscalls} |
| connection set-up, \`pgbench -S -C -c 1 -T 5\` average, median of $reps | ${direct_conn} ms | ${proxy_conn} ms | ${bouncer_conn} |
EOT
)
echo "$table"
[ -n "$bouncer_note" ] && echo "$bouncer_note"

cd - >/dev/null
[ "${BENCH_NO_DOCS:-}" = 1 ] && exit 0
python3 - "$table" "$build" "$(pgbench --version)" "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" "$bouncer_version" "$bouncer_note" <<'PY'
import pathlib, re, sys, datetime
table, build, pgbench, load_before, load_after, bouncer, note = sys.argv[1:8]
path = pathlib.Path("docs/benchmarks.md")
text = path.read_text()
section = ("## proxy\n\n`benches/proxy.sh` on " + datetime.date.today().isoformat() + ", dbtool " + build + ", " + pgbench +
           ", " + bouncer + " (session pooling, SCRAM-SHA-256 with clients and server), the sandbox server on the same "
           "2-core machine as pgbench and the middleman (all three share the cores), direct, proxied and pgbouncer runs "
           "alternating; load average " + load_before + " before, " + load_after + " at the end. Through the proxy, each new "
           "connection is: local md5 check, the sandbox password read again, a new upstream connection with SCRAM-SHA-256; "
           "pgbouncer keeps its server connections, so its set-up time is the client side only. CPU per transaction is the "
           "middleman process's utime + stime over the run (/proc/PID/stat) divided by the transactions pgbench counted. "
           "Where the proxy's time per round trip goes, and why neither middleman gets near 0.9× on this machine: "
           "[docs/proxy.md](proxy.md#throughput).\n\n"
           + table + "\n\n" + (note + "\n\n" if note else ""))
pattern = re.compile(r"^## proxy\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section, text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
path.write_text(text)
PY
