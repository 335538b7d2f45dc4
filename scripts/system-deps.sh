#!/usr/bin/env bash
# Install the system programs the course needs, where they are missing:
#   graphviz  -> `dot`, which draws the computation graphs
#   chromium  -> the headless browser of the site's browser test
#                (any Chromium-based browser will do: GitHub's Ubuntu runners ship Chrome)
# Usage: scripts/system-deps.sh graphviz [chromium]
set -euo pipefail

have() {
  case "$1" in
    graphviz) command -v dot >/dev/null ;;
    chromium) command -v chromium || command -v chromium-browser || command -v google-chrome ;;
    *) echo "system-deps: unknown package '$1'" >&2; exit 2 ;;
  esac >/dev/null
}

missing=()
for want in "$@"; do
  have "$want" || missing+=("$want")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v brew >/dev/null 2>&1; then
  for pkg in "${missing[@]}"; do
    case "$pkg" in
      chromium) brew install --cask chromium ;;
      *) brew install "$pkg" ;;
    esac
  done
else
  echo "Please install: ${missing[*]} (no apt-get or brew found)" >&2
  exit 1
fi

for want in "${missing[@]}"; do
  have "$want" || { echo "system-deps: $want was installed but is still not found" >&2; exit 1; }
done
