#!/usr/bin/env bash
# Lint benchmark: dbtool migrate lint vs squawk (PyPI squawk-cli, installed in
# a venv under target/) on a generated 20,000-statement corpus, in the same
# run: wall time, statements/second and peak RSS (/usr/bin/time -v); then the
# finding counts per rule of both tools on the corpus and on ./migrations.
# Prints a table and writes the `## lint` section of docs/benchmarks.md.
# Usage: benches/lint.sh [statements]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."

statements="${1:-20000}"
target="${CARGO_TARGET_DIR:-target}"
work="$target/lint-bench"
venv="$target/squawk-venv"
squawk_version="2.70.0"
runs=3

# 1. Tools.
cargo build --release --quiet --bin dbtool
dbtool="$target/release/dbtool"
if ! [ -x "$venv/bin/squawk" ] || ! "$venv/bin/squawk" --version | grep -q "$squawk_version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "squawk-cli==$squawk_version"
fi
squawk="$venv/bin/squawk"

# Many small files: the fixed cost per run (start-up, configuration, rule
# set-up) next to squawk's, on 342 tiny migrations (1–3 statements each) in
# one directory. Writes the `## lint: many small files` section.
many_small_files() {
  local dir="$target/lint-bench-small" n=342
  rm -rf "$dir" && mkdir -p "$dir/m"
  python3 - "$dir/m" "$n" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
shapes = [
    "ALTER TABLE orders ADD COLUMN c{i} text;",
    "CREATE INDEX orders_c{i}_idx ON orders (c{i});",
    "CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);",
    "ALTER TABLE orders ADD CONSTRAINT orders_ck{i} CHECK (amount > {i}) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_ck{i};",
    "UPDATE orders SET status = 'x' WHERE id = {i};",
    "DROP INDEX CONCURRENTLY IF EXISTS orders_old{i}_idx;",
    "ALTER TABLE orders ALTER COLUMN c{i} SET NOT NULL;",
    "BEGIN;\nALTER TABLE orders RENAME COLUMN a{i} TO b{i};\nCOMMIT;",
]
for i in range(1, n + 1):
    with open(os.path.join(out, f"V{i}__case_{i}.sql"), "w") as f:
        f.write(shapes[i % len(shapes)].format(i=i) + "\n")
PY
  local one="$dir/m/V1__case_1.sql"
  # Milliseconds matter here: best wall time of 20 runs with a monotonic
  # clock (`time -v` counts in 10 ms steps), peak RSS of the children.
  measure_ms() { # command…; prints "seconds rss_kb"
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
best = None
for _ in range(20):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = time.perf_counter() - t
    best = d if best is None or d < best else best
print(best, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
  }
  read -r d1_secs d1_rss < <(measure_ms "$dbtool" migrate lint "$one" --format json)
  read -r s1_secs s1_rss < <(measure_ms "$squawk" --reporter json "$one")
  read -r dn_secs dn_rss < <(measure_ms "$dbtool" migrate lint "$dir/m" --format json)
  read -r sn_secs sn_rss < <(measure_ms "$squawk" --reporter json "$dir"/m/*.sql)
  local ms='BEGIN{ printf "%.1f", s * 1000 }'
  local small_section
  small_section=$(cat <<EOF
## lint: many small files

\`benches/lint.sh\` on $(uname -sm), $(nproc) cores, $(date -u +%Y-%m-%d): the fixed cost of a run, on one
tiny migration and on $n tiny migrations (1–3 statements each) in one directory, both tools in the same
run, JSON output, best of 20 runs (\`LINT_BENCH_ONLY=many-files benches/lint.sh\` runs only this part).

| case | dbtool wall | dbtool peak RSS | squawk $squawk_version wall | squawk peak RSS |
|---|---|---|---|---|
| 1 file | $(awk -v s="$d1_secs" "$ms") ms | $(mb "$d1_rss") MB | $(awk -v s="$s1_secs" "$ms") ms | $(mb "$s1_rss") MB |
| $n files | $(awk -v s="$dn_secs" "$ms") ms | $(mb "$dn_rss") MB | $(awk -v s="$sn_secs" "$ms") ms | $(mb "$sn_rss") MB |
EOF
)
  echo "$small_section"
  write_section "## lint: many small files" "$small_section"
}

# Replaces (or appends) one `## ` section of docs/benchmarks.md.
write_section() { # heading, text
  local doc=docs/benchmarks.md
  [ -f "$doc" ] || printf '# Benchmarks\n' > "$doc"
  python3 - "$doc" "$1" "$2" <<'PY'
import re, sys
path, heading, section = sys.argv[1], sys.argv[2], sys.argv[3].rstrip() + "\n"
text = open(path).read()
m = re.search(r"^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
if m:
    text = text[:m.start()] + section + ("\n" if text[m.end():] else "") + text[m.end():]
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
  echo "wrote the $1 section of $doc"
}

# 2. Corpus: files of 50 statements, a realistic mix of safe and unsafe DDL.
rm -rf "$work" && mkdir -p "$work/corpus"
python3 - "$work/corpus" "$statements" <<'PY'
import os, sys
out, total = sys.argv[1], int(sys.argv[2])
templates = [
    "CREATE TABLE t{n} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());",
    "CREATE TABLE u{n} (id serial PRIMARY KEY, code varchar(20), at timestamp, payload json);",
    "ALTER TABLE orders ADD COLUMN c{n} text;",
    "ALTER TABLE orders ADD COLUMN r{n} uuid DEFAULT gen_random_uuid();",
    "ALTER TABLE orders ADD COLUMN q{n} bigint NOT NULL;",
    "CREATE INDEX orders_c{n}_idx ON orders (customer_id, created_at);",
    "ALTER TABLE orders ADD CONSTRAINT orders_ck{n} CHECK (amount > 0);",
    "ALTER TABLE orders ADD CONSTRAINT orders_ck{n}nv CHECK (amount > 0) NOT VALID;",
    "ALTER TABLE orders ADD CONSTRAINT orders_fk{n} FOREIGN KEY (customer_id) REFERENCES customers (id);",
    "ALTER TABLE orders ALTER COLUMN amount{n} TYPE bigint;",
    "ALTER TABLE orders ALTER COLUMN note{n} SET NOT NULL;",
    "ALTER TABLE orders RENAME COLUMN a{n} TO b{n};",
    "ALTER TABLE orders DROP COLUMN old{n};",
    "UPDATE orders SET status = 'x' WHERE id = {n};",
    "INSERT INTO audit (id, note) VALUES ({n}, 'generated row {n}');",
    "COMMENT ON TABLE t{n} IS 'table {n}';",
    "GRANT SELECT ON t{n} TO reporting;",
    "CREATE OR REPLACE VIEW v{n} AS SELECT id, name FROM t{n} WHERE created_at > now() - interval '1 day';",
    "CREATE OR REPLACE FUNCTION f{n}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;",
    "DROP INDEX orders_old{n}_idx;",
]
per_file = 50
n = 0
f = 0
while n < total:
    f += 1
    lines = []
    for _ in range(min(per_file, total - n)):
        lines.append(templates[n % len(templates)].format(n=n))
        n += 1
    with open(os.path.join(out, f"V{f}__generated_{f}.sql"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
PY
files=$(ls "$work/corpus" | wc -l)

# 3. Timing: best of $runs, peak RSS of that run.
measure() { # name, then the command; prints "seconds rss_kb"
  local name="$1"; shift
  local best="" best_rss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
    local secs rss
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best="$secs"; best_rss="$rss"; fi
  done
  echo "$best $best_rss"
}
if [ "${LINT_BENCH_ONLY:-}" = "many-files" ]; then
  mb() { awk -v k="$1" 'BEGIN{ printf "%.1f", k / 1024 }'; }
  many_small_files
  exit 0
fi
read -r d_secs d_rss < <(measure dbtool "$dbtool" migrate lint "$work/corpus" --format json)
# squawk does not walk directories: it gets the file names.
read -r s_secs s_rss < <(measure squawk "$squawk" --reporter json "$work"/corpus/*.sql)

rate() { awk -v n="$statements" -v s="$1" 'BEGIN{ if (s <= 0) s = 0.001; printf "%.0f", n / s }'; }
mb() { awk -v k="$1" 'BEGIN{ printf "%.1f", k / 1024 }'; }

# The shape of a real project (benches/corpus.py: 196 files, ~1.5 MB, long
# CREATE TABLEs): both tools get the files with the placeholder replaced.
python3 benches/corpus.py "$work/c196raw" > "$work/c196.bytes"
mkdir -p "$work/c196"
for f in "$work"/c196raw/*.sql; do sed 's/\${schema}/app/g' "$f" > "$work/c196/$(basename "$f")"; done
read -r dc_secs dc_rss < <(measure dbtool_c196 "$dbtool" migrate lint "$work/c196" --format json)
read -r sc_secs sc_rss < <(measure squawk_c196 "$squawk" --reporter json "$work"/c196/*.sql)
kib=$(( $(cat "$work/c196.bytes") / 1024 ))
mbps() { awk -v k="$kib" -v s="$1" 'BEGIN{ if (s <= 0) s = 0.001; printf "%.2f", k / 1024 / s }'; }
corpus_table=$(cat <<EOF
| tool | files | KiB | wall time (best of $runs) | MB/s | peak RSS |
|---|---|---|---|---|---|
| dbtool migrate lint | 196 | $kib | ${dc_secs}s | $(mbps "$dc_secs") | $(mb "$dc_rss") MB |
| squawk | 196 | $kib | ${sc_secs}s | $(mbps "$sc_secs") | $(mb "$sc_rss") MB |
| dbtool / squawk | | | $(awk -v a="$dc_secs" -v b="$sc_secs" 'BEGIN{ printf "%.2f×", a / (b > 0 ? b : 0.001) }') (goal ≤ 0.67×) | | $(awk -v a="$dc_rss" -v b="$sc_rss" 'BEGIN{ printf "%.2f×", a / b }') (goal ≤ 1×) |
EOF
)
table=$(cat <<EOF
| tool | version | statements | files | wall time (best of $runs) | statements/s | peak RSS |
|---|---|---|---|---|---|---|
| dbtool migrate lint | $("$dbtool" --version | awk '{print $2}') | $statements | $files | ${d_secs}s | $(rate "$d_secs") | $(mb "$d_rss") MB |
| squawk | $squawk_version | $statements | $files | ${s_secs}s | $(rate "$s_secs") | $(mb "$s_rss") MB |
EOF
)

# 4. Finding counts per rule, on the corpus and on ./migrations.
count_dbtool() { "$dbtool" migrate lint "$@" --format json 2>/dev/null | python3 -c 'import json,sys,collections; c=collections.Counter(f["rule"] for f in json.load(sys.stdin)); print(json.dumps(c))'; }
count_squawk() { "$squawk" --reporter json "$@" 2>/dev/null | python3 -c 'import json,sys,collections; d=sys.stdin.read().strip() or "[]"; c=collections.Counter(f["rule_name"] for f in json.loads(d)); print(json.dumps(c))'; }
compare() { # title, dbtool counts, squawk counts, squawk --assume-in-transaction counts
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import json, sys
title, d, s, t = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
print(f"\n{title}\n")
print("| rule | dbtool | squawk | squawk --assume-in-transaction |")
print("|---|---|---|---|")
for r in sorted(set(d) | set(s) | set(t)):
    n = d.get(r, 0)
    mark = lambda v: f"{v}" if v == n else f"{v} ≠"
    print(f"| `{r}` | {n} | {mark(s.get(r, 0))} | {mark(t.get(r, 0))} |")
PY
}
corpus_files=("$work"/corpus/*.sql)
corpus_cmp=$(compare "Findings per rule on the generated corpus:" "$(count_dbtool "$work/corpus")" \
  "$(count_squawk "${corpus_files[@]}")" "$(count_squawk --assume-in-transaction "${corpus_files[@]}")")
repo_cmp=$(compare "Findings per rule on this repository's migrations/:" "$(count_dbtool migrations)" \
  "$(count_squawk migrations/*.sql)" "$(count_squawk --assume-in-transaction migrations/*.sql)")
# Real-world SQL available on any machine with PostgreSQL installed: the
# extension install/upgrade scripts (psql meta-commands, functions, types, operators).
ext_cmp=""
ext_dir=$(ls -d /usr/share/postgresql/*/extension 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$ext_dir" ]; then
  mkdir -p "$work/pgext" && cp "$ext_dir"/*.sql "$ext_dir"/../*.sql "$work/pgext/" 2>/dev/null || true
  ext_files=("$work"/pgext/*.sql)
  ext_cmp=$(compare "Findings per rule on PostgreSQL's own SQL scripts ($(dirname "$ext_dir") and its extension/, ${#ext_files[@]} files):" \
    "$(count_dbtool "$work/pgext")" "$(count_squawk "${ext_files[@]}")" \
    "$(count_squawk --assume-in-transaction "${ext_files[@]}")")
fi

section=$(cat <<EOF
## lint

\`benches/lint.sh\` on $(uname -sm), $(nproc) cores, $(date -u +%Y-%m-%d): a generated corpus of
$statements statements in $files files (20 statement shapes: safe and unsafe DDL, DML, views,
PL/pgSQL functions), both tools in the same run, JSON output, best of $runs runs.

$table

The shape of a real Flyway project (\`benches/corpus.py\`, placeholder replaced for both tools):

$corpus_table
$corpus_cmp
$repo_cmp
$ext_cmp

Disagreements are explained in [lint.md](lint.md#compared-with-squawk).
EOF
)
echo "$section"

# 5. docs/benchmarks.md: replace (or append) only the `## lint` section.
doc=docs/benchmarks.md
[ -f "$doc" ] || printf '# Benchmarks\n' > "$doc"
python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2].rstrip() + "\n"
text = open(path).read()
m = re.search(r"^## lint\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
if m:
    text = text[:m.start()] + section + ("\n" if text[m.end():] else "") + text[m.end():]
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w").write(text)
PY
echo "wrote the lint section of $doc"

many_small_files
