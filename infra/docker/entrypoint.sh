#!/bin/sh
# The image's entrypoint: runs one Linli process, named by the first argument.
# exec, so the process is PID 1's child-free replacement and receives SIGTERM itself.
set -eu
cd /app
process="${1:-gateway}"
case "$process" in
  gateway) exec node gateway/dist/main.js ;;
  migrate) exec node infra/stack/dist/cli/migrate.js ;;
  *)
    if [ -f "services/$process/dist/main.js" ]; then
      exec node "services/$process/dist/main.js"
    fi
    echo "unknown process '$process' (gateway, migrate, or one of: $(ls services | tr '\n' ' '))" >&2
    exit 64
    ;;
esac
