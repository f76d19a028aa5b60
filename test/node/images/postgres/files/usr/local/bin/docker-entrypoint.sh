#!/bin/sh
# The official image's contract, in short: POSTGRES_USER/PASSWORD/DB (or *_FILE), PGDATA initialised on first
# start, arguments starting with "-" passed to postgres, connections from the network with a password.
set -eu
[ "${1#-}" != "$1" ] && set -- postgres "$@"
read_var() { eval "file=\${${1}_FILE:-}"; if [ -n "$file" ]; then cat "$file"; else eval "printf %s \"\${$1:-$2}\""; fi; }
user="$(read_var POSTGRES_USER postgres)"
password="$(read_var POSTGRES_PASSWORD '')"
db="${POSTGRES_DB:-$user}"
# initdb must look the user up: a uid without an entry (70, as in the alpine images) gets one through nss_wrapper,
# as the official image does.
if ! getent passwd "$(id -u)" >/dev/null; then
  printf 'postgres:x:%s:%s:PostgreSQL:%s:/bin/false\n' "$(id -u)" "$(id -g)" "$PGDATA" >/tmp/nss-passwd
  printf 'postgres:x:%s:\n' "$(id -g)" >/tmp/nss-group
  export NSS_WRAPPER_PASSWD=/tmp/nss-passwd NSS_WRAPPER_GROUP=/tmp/nss-group LD_PRELOAD="$(echo /usr/lib/*/libnss_wrapper.so)"
fi
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  printf '%s\n' "$password" >/tmp/pwfile
  initdb -D "$PGDATA" -U "$user" --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f /tmp/pwfile
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then echo "CREATE DATABASE \"$db\"" | postgres --single -D "$PGDATA" -j postgres >/dev/null; fi
  echo "stand-in postgres: initialised $PGDATA for $user/$db"
fi
[ "$1" = postgres ] && shift && exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
exec "$@"
