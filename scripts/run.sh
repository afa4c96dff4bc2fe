#!/usr/bin/env bash
# Starts the whole bot in the foreground: the action server, the Rasa server,
# the staff inbox, the background worker and the website widget's demo page.
# Ctrl-C (or SIGTERM to the process group) stops all of it. Called by `make run`
# after set-up and training.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv

# Health data: every file the bot writes is readable by its own user only.
umask 077
export BOT_DATA_DIR=$(mkdir -p "${BOT_DATA_DIR:-$ROOT/var}" && cd "${BOT_DATA_DIR:-$ROOT/var}" && pwd)
chmod 700 "$BOT_DATA_DIR"
chmod -R go-rwx "$BOT_DATA_DIR" 2>/dev/null || true   # files from before this rule
export RASA_PORT=${RASA_PORT:-5005} ACTION_PORT=${ACTION_PORT:-5055}
export INBOX_PORT=${INBOX_PORT:-8000} WIDGET_PORT=${WIDGET_PORT:-8080}
export BIND_HOST=${BIND_HOST:-127.0.0.1}
export PYTHONPATH=$ROOT${PYTHONPATH:+:$PYTHONPATH}
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p "$BOT_DATA_DIR/logs"
random_token() { "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))'; }
token_note=""
if [ -z "${RASA_AUTH_TOKEN:-}" ]; then
  RASA_AUTH_TOKEN=$(random_token)
  token_note=" (random for this run; set RASA_AUTH_TOKEN to choose one)"
fi
# Rasa sends it to the action server, which answers nothing else (endpoints.yml).
ACTION_SERVER_TOKEN=${ACTION_SERVER_TOKEN:-$(random_token)}
export RASA_AUTH_TOKEN ACTION_SERVER_TOKEN
MODEL=${BOT_MODEL:-$("$VENV/bin/python" -c 'from scripts.train import model_path; print(model_path())')}
[ -f "$MODEL" ] || { echo "no model at $MODEL: run 'make train'"; exit 1; }
# Before any server starts: the widget's session key (the Rasa server and the
# widget server both need the same one) and the escalation reserve, made now so
# that a full disk later cannot stop an emergency being spooled.
"$VENV/bin/python" -c 'from bot import config, escalation
config.persistent_secret("WIDGET_SESSION_SECRET"); escalation.prepare()' \
  || echo "[supervisor] WARNING: could not prepare the widget secret or the escalation reserve"

# Scaling out (CONTRACT.md): with none of TRACKER_STORE_URL, REDIS_URL and
# RASA_REPLICAS set this is one Rasa server with endpoints.yml as it is. With
# them: the endpoints file bot/scaling.py writes, and RASA_REPLICAS Rasa
# servers on internal ports behind HAProxy on RASA_PORT (scripts/balancer.py).
plan=$("$VENV/bin/python" -m bot.scaling plan) || exit 1
REPLICAS=1 REPLICA_PORTS="" ENDPOINTS=endpoints.yml
eval "$plan"
HAPROXY=""
if [ "$REPLICAS" -gt 1 ]; then
  HAPROXY=$(command -v haproxy || { [ -x /usr/sbin/haproxy ] && echo /usr/sbin/haproxy; } || true)
  [ -n "$HAPROXY" ] || { echo "RASA_REPLICAS=$REPLICAS needs HAProxy: run 'make services' (or apt-get install haproxy)"; exit 1; }
  "$VENV/bin/python" -m scripts.balancer --listen "$BIND_HOST:$RASA_PORT" \
    $(for p in $REPLICA_PORTS; do printf -- '--upstream 127.0.0.1:%s ' "$p"; done) \
    > "$BOT_DATA_DIR/haproxy.cfg" || exit 1
  "$HAPROXY" -c -q -f "$BOT_DATA_DIR/haproxy.cfg" || { echo "HAProxy refused $BOT_DATA_DIR/haproxy.cfg"; exit 1; }
fi

pids=()
rasa_pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> stopping"
  # Rasa first (every replica), so no message is half-way through an action
  # when the action server goes; then everything else.
  if [ "${#rasa_pids[@]}" -gt 0 ]; then
    for pid in "${rasa_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 100); do
      alive=""
      for pid in "${rasa_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ -z "$alive" ] && break
      sleep 0.1
    done
  fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap stop INT TERM EXIT

# Each process runs under a small supervisor that restarts it if it dies: the
# Rasa server keeps answering (emergency advice included) while the action
# server is restarted, and the reconciler (in the worker) records what it missed.
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

# A full data disk silences logs, tickets and transcripts: say so here, on the
# terminal (not in a log file on that disk), as soon as it happens.
MIN_FREE_MB=${BOT_MIN_FREE_MB:-32}
watch_disk() {
  local said="" free nap=""
  trap '[ -n "$nap" ] && kill "$nap" 2>/dev/null; exit 0' TERM INT
  while :; do
    sleep 10 & nap=$!
    wait "$nap" || true
    free=$(df -Pk "$BOT_DATA_DIR" 2>/dev/null | awk 'NR==2 {print int($4 / 1024)}')
    if [ -n "$free" ] && [ "$free" -lt "$MIN_FREE_MB" ]; then
      [ -z "$said" ] && echo "[supervisor] WARNING: $BOT_DATA_DIR has only ${free} MB free:" \
        "tickets, transcripts and logs will fail to be written (escalations go to the" \
        "reserve spool and to staff alerts). Free some space now."
      said=1
    elif [ -n "$said" ]; then
      echo "[supervisor] $BOT_DATA_DIR has ${free} MB free again"; said=""
    fi
  done
}

echo "==> starting (logs in $BOT_DATA_DIR/logs)"
start actions "$VENV/bin/python" -m bot.action_server
# The token reaches Rasa through the environment, never on its command line.
rasa_server() { # name, address, port, command prefix...
  local name=$1 address=$2 port=$3; shift 3
  supervise "$name" "$@" "$VENV/bin/python" -m bot.rasa_server run --enable-api \
    -i "$address" -p "$port" -m "$MODEL" --endpoints "$ENDPOINTS" \
    --credentials credentials.yml \
    --cors "http://$BIND_HOST:$WIDGET_PORT" "http://localhost:$WIDGET_PORT" &
  rasa_pids+=($!)
}
if [ "$REPLICAS" -gt 1 ]; then
  # Replicas on loopback behind HAProxy, which tells them the client's address
  # (X-Forwarded-For, trusted from one proxy: rate limits per address).
  i=0
  for port in $REPLICA_PORTS; do
    i=$((i + 1))
    rasa_server "rasa-$i" 127.0.0.1 "$port" env SANIC_PROXIES_COUNT=1
  done
  start balancer "$HAPROXY" -db -f "$BOT_DATA_DIR/haproxy.cfg"
else
  rasa_server rasa "$BIND_HOST" "$RASA_PORT"
fi
start inbox "$VENV/bin/python" -m bot.inbox
# Alert retries, the reconciler and housekeeping (one worker at a time: a lease in clinic.db).
start worker "$VENV/bin/python" -m bot.worker
start widget "$VENV/bin/python" -m bot.widget
watch_disk &
pids+=($!)

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
replica_note=""
[ "$REPLICAS" -gt 1 ] && replica_note="
                     $REPLICAS replicas on 127.0.0.1 ports $REPLICA_PORTS behind HAProxy"
cat <<MSG

==> the bot $state
    Rasa server      http://$BIND_HOST:$RASA_PORT/  (REST: /webhooks/rest/webhook)$replica_note
    auth token       $RASA_AUTH_TOKEN$token_note
    action server    http://127.0.0.1:$ACTION_PORT/health  (Rasa only)
    staff inbox      http://$BIND_HOST:$INBOX_PORT/  (create an account: make admin name=NAME)
    widget demo page http://$BIND_HOST:$WIDGET_PORT/
    data             $BOT_DATA_DIR
    Ctrl-C stops everything.

MSG
wait
