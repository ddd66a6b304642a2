#!/usr/bin/env bash
# Throwaway S3-compatible server for tests (s3rver from npm, locked in .ci/s3rver):
# `.ci/s3.sh start` prints its endpoint and nothing else; `.ci/s3.sh stop` ends it and removes its data.
# s3rver accepts the access key S3RVER with the secret S3RVER; tests create the buckets they use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
S3ROOT=${S3ROOT:-/tmp/clearline-s3}
S3PORT=${S3PORT:-54568}

case "${1:-}" in
  start)
    if [ ! -x "$here/s3rver/node_modules/.bin/s3rver" ]; then
      (cd "$here/s3rver" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
    mkdir -p "$S3ROOT/data"
    nohup "$here/s3rver/node_modules/.bin/s3rver" -d "$S3ROOT/data" -a 127.0.0.1 -p "$S3PORT" --silent \
      >"$S3ROOT/server.log" 2>&1 &
    echo $! >"$S3ROOT/pid"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$S3PORT") 2>/dev/null; then
        echo "http://127.0.0.1:$S3PORT"
        exit 0
      fi
      sleep 0.1
    done
    echo "s3rver did not start; see $S3ROOT/server.log" >&2
    exit 1
    ;;
  stop)
    if [ -s "$S3ROOT/pid" ]; then
      kill "$(cat "$S3ROOT/pid")" 2>/dev/null || true
    fi
    rm -rf "$S3ROOT"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
