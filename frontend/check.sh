#!/usr/bin/env bash
# CI check: rebuild the front-end assets and fail if the committed copies in
# web/static/redress are out of date (changed or new files).
set -euo pipefail

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$FRONTEND_DIR/.." && pwd)"

"$FRONTEND_DIR/build.sh"

cd "$REPO_DIR"
stale=0
if ! git diff --exit-code --stat -- web/static/redress; then
  stale=1
fi
untracked="$(git status --porcelain -- web/static/redress)"
if [ -n "$untracked" ]; then
  echo "$untracked"
  stale=1
fi

if [ "$stale" -ne 0 ]; then
  echo "Built assets are stale: run frontend/build.sh and commit web/static/redress" >&2
  exit 1
fi
echo "Built assets in web/static/redress are up to date."
