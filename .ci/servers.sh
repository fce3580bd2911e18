#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback for the tests that need real
# servers (the queue and the PostgreSQL stores).
#
#   eval "$(.ci/servers.sh start DIR)"   # prints the export lines the tests read
#   .ci/servers.sh stop DIR              # stops both, removes DIR
#
# Both listen on 127.0.0.1 only, on free ports, with all state under DIR.
# PostgreSQL runs as the `postgres` user when started by root (initdb refuses
# root), as the caller otherwise. Redis keeps an append-only file so a restart
# (the Redis restart test) keeps the queue, as production BullMQ setups do.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start() {
  local dir=$1
  mkdir -p "$dir/pg" "$dir/redis"
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir/pg"
  local pg_port redis_port
  pg_port=$(free_port)
  as_pg "'$PG_BIN/initdb' -D '$dir/pg/data' -A trust -U postgres --no-sync -E UTF8 >'$dir/pg/initdb.log' 2>&1"
  as_pg "'$PG_BIN/pg_ctl' -D '$dir/pg/data' -l '$dir/pg/server.log' -w \
    -o \"-p $pg_port -k '$dir/pg' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
  as_pg "'$PG_BIN/createdb' -h 127.0.0.1 -p $pg_port -U postgres sourcetrace_test"
  redis_port=$(free_port)
  cat >"$dir/redis/redis.conf" <<CONF
port $redis_port
bind 127.0.0.1
dir $dir/redis
pidfile $dir/redis/redis.pid
logfile $dir/redis/redis.log
daemonize yes
save ""
appendonly yes
appendfsync always
CONF
  redis-server "$dir/redis/redis.conf"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "export SOURCETRACE_TEST_PG=postgres://postgres@127.0.0.1:$pg_port/sourcetrace_test"
  echo "export SOURCETRACE_TEST_REDIS=redis://127.0.0.1:$redis_port"
  echo "export SOURCETRACE_TEST_REDIS_CONF=$dir/redis/redis.conf"
}

stop() {
  local dir=$1
  if [ -f "$dir/redis/redis.conf" ]; then
    local port
    port=$(awk '/^port /{print $2}' "$dir/redis/redis.conf")
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [ -d "$dir/pg/data" ]; then
    as_pg "'$PG_BIN/pg_ctl' -D '$dir/pg/data' -m immediate -w stop >/dev/null 2>&1" || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?directory}" ;;
  stop) stop "${2:?directory}" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
