#!/usr/bin/env bash
# Install the system programs the course needs, where they are missing:
#   graphviz  -> `dot`, which draws the computation graphs
#   node      -> Node.js and npm, which fetch and bundle the in-page Python runtime, the graph
#                renderer and the editor (build tools only: the site itself runs no Node)
#   chromium  -> the headless browser of the site's browser tests
#                (any Chromium-based browser will do: GitHub's Ubuntu runners ship Chrome)
# Usage: scripts/system-deps.sh graphviz [node] [chromium]
set -euo pipefail

have() {
  case "$1" in
    graphviz) command -v dot >/dev/null ;;
    node) command -v node && command -v npm ;;
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
  debian=()
  for pkg in "${missing[@]}"; do
    case "$pkg" in
      node) debian+=(nodejs npm) ;;
      *) debian+=("$pkg") ;;
    esac
  done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${debian[@]}" >/dev/null
elif command -v brew >/dev/null 2>&1; then
  for pkg in "${missing[@]}"; do
    case "$pkg" in
      chromium) brew install --cask chromium ;;
      node) brew install node ;;
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
