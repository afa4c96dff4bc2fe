#!/usr/bin/env bash
# Starts the whole bot in the foreground: the action server, the Rasa server,
# the staff inbox and the website widget's demo page. Ctrl-C (or SIGTERM to the
# process group) stops all of it. Called by `make run` after set-up and training.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv

export BOT_DATA_DIR=$(mkdir -p "${BOT_DATA_DIR:-$ROOT/var}" && cd "${BOT_DATA_DIR:-$ROOT/var}" && pwd)
export RASA_PORT=${RASA_PORT:-5005} ACTION_PORT=${ACTION_PORT:-5055}
export INBOX_PORT=${INBOX_PORT:-8000} WIDGET_PORT=${WIDGET_PORT:-8080}
export BIND_HOST=${BIND_HOST:-127.0.0.1} SANIC_HOST=${BIND_HOST:-127.0.0.1}
export PYTHONPATH=$ROOT${PYTHONPATH:+:$PYTHONPATH}
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p "$BOT_DATA_DIR/logs"
token_note=""
if [ -z "${RASA_AUTH_TOKEN:-}" ]; then
  RASA_AUTH_TOKEN=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))')
  token_note=" (random for this run; set RASA_AUTH_TOKEN to choose one)"
fi
export RASA_AUTH_TOKEN
MODEL=${BOT_MODEL:-$("$VENV/bin/python" -c 'from scripts.train import model_path; print(model_path())')}
[ -f "$MODEL" ] || { echo "no model at $MODEL: run 'make train'"; exit 1; }

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap stop INT TERM EXIT

# Each process runs under a small supervisor that restarts it if it dies: the
# Rasa server keeps answering (emergency advice included) while the action
# server is restarted, and the reconciler records what it missed.
RESTART_DELAY=${BOT_RESTART_DELAY:-3}
supervise() { # name, command...
  local name=$1; shift
  local child=""
  trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
  while :; do
    "$@" > >(tee -a "$BOT_DATA_DIR/logs/$name.log" | sed -u "s/^/[$name] /") 2>&1 &
    child=$!
    code=0
    wait "$child" || code=$?
    echo "[$name] stopped with exit code $code; restarting in ${RESTART_DELAY}s (log: $BOT_DATA_DIR/logs/$name.log)"
    sleep "$RESTART_DELAY"
  done
}

start() { # name, command...
  supervise "$@" &
  pids+=($!)
}

echo "==> starting (logs in $BOT_DATA_DIR/logs)"
start actions "$VENV/bin/rasa" run actions --actions actions -p "$ACTION_PORT" --cors ""
start rasa "$VENV/bin/rasa" run --enable-api --auth-token "$RASA_AUTH_TOKEN" \
  -i "$BIND_HOST" -p "$RASA_PORT" -m "$MODEL" --endpoints endpoints.yml \
  --credentials credentials.yml \
  --cors "http://$BIND_HOST:$WIDGET_PORT" "http://localhost:$WIDGET_PORT"
start inbox "$VENV/bin/python" -m bot.inbox
start widget "$VENV/bin/python" -m bot.widget

ready() {
  "$VENV/bin/python" - "$@" <<'PY' 2>/dev/null
import sys, urllib.request
for url in sys.argv[1:]:
    urllib.request.urlopen(url, timeout=2).read()
PY
}
state="is up"
for i in $(seq 1 300); do
  ready "http://127.0.0.1:$RASA_PORT/" "http://127.0.0.1:$ACTION_PORT/health" && break
  [ "$i" = 300 ] && state="is NOT ready after 300 s (see the logs); still trying"
  sleep 1
done
cat <<MSG

==> the bot $state
    Rasa server      http://$BIND_HOST:$RASA_PORT/  (REST: /webhooks/rest/webhook)
    auth token       $RASA_AUTH_TOKEN$token_note
    action server    http://$BIND_HOST:$ACTION_PORT/health
    staff inbox      http://$BIND_HOST:$INBOX_PORT/  (create an account: make admin name=NAME)
    widget demo page http://$BIND_HOST:$WIDGET_PORT/
    data             $BOT_DATA_DIR
    Ctrl-C stops everything.

MSG
wait
