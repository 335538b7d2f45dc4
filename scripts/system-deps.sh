#!/usr/bin/env bash
# Install the system programs the course needs, where they are missing:
#   graphviz  -> `dot`, which draws the computation graphs
#   chromium  -> the headless browser of the site's browser test
# Usage: scripts/system-deps.sh graphviz [chromium]
set -euo pipefail

missing=()
for want in "$@"; do
  case "$want" in
    graphviz) command -v dot >/dev/null 2>&1 || missing+=(graphviz) ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    *) echo "system-deps: unknown package '$want'" >&2; exit 2 ;;
  esac
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
