#!/usr/bin/env bash
# Build the Redress front-end assets (GOV.UK Frontend without GOV.UK branding)
# into web/static/redress/. The output is committed to git, so the app can run
# on a machine with only Python. Deterministic: running it twice gives
# byte-identical files.
set -euo pipefail

FRONTEND_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$FRONTEND_DIR/.." && pwd)"
OUT_DIR="$REPO_DIR/web/static/redress"
GOVUK_DIST="$FRONTEND_DIR/node_modules/govuk-frontend/dist/govuk"

cd "$FRONTEND_DIR"

# Install exactly what package-lock.json pins when node_modules is missing
# (or older than the lockfile).
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

mkdir -p "$OUT_DIR"

# 1. CSS. Asset URLs in the CSS are relative ("assets/images/..."), so they
#    resolve next to app.css. No fonts: we use Arial.
node_modules/.bin/sass \
  --no-source-map \
  --style=compressed \
  --load-path=node_modules \
  app.scss "$OUT_DIR/app.css"

# Guard rails: never ship GDS Transport / font files.
if grep -qiE 'GDS Transport|\.woff|@font-face' "$OUT_DIR/app.css"; then
  echo "build.sh: app.css references GDS Transport or a font file" >&2
  exit 1
fi

# 2. JS: the minified ES module bundle (plus its source map, which the bundle
#    references; Django's ManifestStaticFilesStorage fails on a missing map).
cp "$GOVUK_DIST/govuk-frontend.min.js" "$OUT_DIR/govuk-frontend.min.js"
cp "$GOVUK_DIST/govuk-frontend.min.js.map" "$OUT_DIR/govuk-frontend.min.js.map"

# 3. Images + manifest referenced by the CSS/template. Not the fonts folder.
rm -rf "$OUT_DIR/assets"
mkdir -p "$OUT_DIR/assets/images"
cp "$GOVUK_DIST"/assets/images/* "$OUT_DIR/assets/images/"
cp "$GOVUK_DIST/assets/manifest.json" "$OUT_DIR/assets/manifest.json"
chmod 0644 "$OUT_DIR/app.css" "$OUT_DIR"/govuk-frontend.min.js* \
  "$OUT_DIR/assets/manifest.json" "$OUT_DIR"/assets/images/*

echo "Built $OUT_DIR (govuk-frontend $(node -p "require('govuk-frontend/package.json').version"))"
