#!/usr/bin/env bash
# Installs dbtool and what it needs, idempotently.
#   ./install.sh              system packages (if missing) + dbtool + completions + man page
#   ./install.sh --no-deps    skip system packages
#   ./install.sh --deps-only  only system packages (what CI and the tests need)
# Debian/Ubuntu (apt) and macOS (Homebrew). Prints what it did.
set -euo pipefail
cd "$(dirname "$0")"

deps=1 build=1
for arg in "$@"; do
  case "$arg" in
    --no-deps) deps=0 ;;
    --deps-only) build=0 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'install.sh: %s\n' "$*"; }
sudo_cmd() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_apt() {
  local want=(postgresql postgresql-client python3 python3-venv python3-pip libclang-dev build-essential pkg-config ca-certificates)
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # python3 from elsewhere (pyenv) with a working venv module is fine.
  if command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing=("${missing[@]/python3-venv}"); missing=("${missing[@]/python3-pip}"); missing=("${missing[@]/python3}")
  fi
  local list=()
  for p in "${missing[@]}"; do [ -n "$p" ] && list+=("$p"); done
  if [ ${#list[@]} -eq 0 ]; then
    say "system packages already installed"
    return
  fi
  say "installing with apt: ${list[*]}"
  sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${list[@]}" >/dev/null
  say "installed: ${list[*]}"
}

install_brew() {
  command -v brew >/dev/null || { say "Homebrew not found: install it from brew.sh, or use --no-deps"; exit 1; }
  for p in postgresql@17 llvm python; do
    if brew list "$p" >/dev/null 2>&1; then say "$p already installed"; else say "brew install $p"; brew install "$p"; fi
  done
  say "add \$(brew --prefix postgresql@17)/bin to PATH if psql is not found"
}

if [ "$deps" -eq 1 ]; then
  case "$(uname -s)" in
    Linux)
      if command -v apt-get >/dev/null; then install_apt
      else say "not a Debian/Ubuntu system: install PostgreSQL (server and client), python3 with venv and libclang yourself, then rerun with --no-deps"; fi ;;
    Darwin) install_brew ;;
    *) say "unsupported system $(uname -s): install the prerequisites yourself and use --no-deps" ;;
  esac
  if ! command -v cargo >/dev/null; then
    say "cargo not found: install Rust from https://rustup.rs, then rerun"
    exit 1
  fi
fi

if [ "$build" -eq 1 ]; then
  say "building and installing dbtool (cargo install --path . --locked)"
  cargo install --path . --locked --quiet --force
  bin="$(command -v dbtool || echo "${CARGO_HOME:-$HOME/.cargo}/bin/dbtool")"
  say "installed $bin ($("$bin" --version))"
  data="${XDG_DATA_HOME:-$HOME/.local/share}"
  install -d "$data/bash-completion/completions" "$data/zsh/site-functions" "$data/fish/vendor_completions.d" "$data/man/man1"
  install -m 0644 completions/dbtool.bash "$data/bash-completion/completions/dbtool"
  install -m 0644 completions/_dbtool "$data/zsh/site-functions/_dbtool"
  install -m 0644 completions/dbtool.fish "$data/fish/vendor_completions.d/dbtool.fish"
  install -m 0644 docs/man/dbtool.1 "$data/man/man1/dbtool.1"
  say "installed completions (bash, zsh, fish) and the man page under $data"
  case ":$PATH:" in
    *":$(dirname "$bin"):"*) ;;
    *) say "add $(dirname "$bin") to your PATH" ;;
  esac
  say "next: dbtool sandbox up && dbtool migrate"
fi
