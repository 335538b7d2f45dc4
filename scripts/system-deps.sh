#!/usr/bin/env bash
# Install the system programs the course needs, where they are missing:
#   graphviz  -> `dot`, which draws the computation graphs
#   node      -> Node.js and npm, which fetch and bundle the in-page Python runtime, the graph
#                renderer and the editor (build tools only: the site itself runs no Node)
#   chromium  -> the headless browser of the site's browser tests: Chromium's headless shell
#                where apt offers it (Debian: it drives the pages with about a third less
#                work), Chromium itself for Lighthouse; any Chromium-based browser will do
#                elsewhere (GitHub's Ubuntu runners ship Chrome)
# Usage: scripts/system-deps.sh graphviz [node] [chromium]
set -euo pipefail

# Whether apt can install a package here (it knows of a version of it).
offered() {
  command -v apt-cache >/dev/null 2>&1 && [[ $(apt-cache policy "$1" 2>/dev/null) == *"Candidate: "[0-9]* ]]
}

have() {
  case "$1" in
    graphviz) command -v dot >/dev/null ;;
    node) command -v node && command -v npm ;;
    chromium)
      { command -v chromium || command -v chromium-browser || command -v google-chrome; } &&
        { command -v chromium-headless-shell || ! offered chromium-headless-shell; } ;;
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
      chromium) debian+=(chromium)
        offered chromium-headless-shell && debian+=(chromium-headless-shell) ;;
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
