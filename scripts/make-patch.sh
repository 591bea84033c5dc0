#!/bin/sh
# Regenerate patches/@push.rocks+smartmongo+2.2.0.patch from the edited files in node_modules.
set -e
cd "$(dirname "$0")/.."
REAL_NPM="$(command -v npm)" APP_PKG="$PWD/package.json" PATH="$PWD/scripts/npm-shim:$PATH" \
  npx patch-package @push.rocks/smartmongo
