#!/usr/bin/env bash
# A throw-away PostgreSQL server from Debian's package, for the tests (and a trainer's dry runs).
#
#   scripts/postgres.sh start        → starts a server in a new temporary folder on a free local port and
#                                      prints « <SQLAlchemy URL (psycopg2 driver) of database nbgrader> <folder> »
#   scripts/postgres.sh stop FOLDER  → stops that server and removes its folder
#
# The server runs as an unprivileged user (« postgres » when called as root, as in CI; the caller otherwise),
# listens on 127.0.0.1 only, trusts local connections and keeps no data worth keeping (fsync off).
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "PostgreSQL n'est pas installé (paquet Debian « postgresql ») : lancez « make system-deps »." >&2
  exit 3
fi
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/postgres-autograder-XXXXXX)
    chmod 700 "$dir"
    chown "$owner" "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres nbgrader
    echo "postgresql+psycopg2://postgres@127.0.0.1:$port/nbgrader $dir"
    ;;
  stop)
    dir=${2:?"dossier du serveur attendu : scripts/postgres.sh stop DOSSIER"}
    case "$dir" in /tmp/postgres-autograder-*) ;; *) echo "Dossier inattendu : $dir" >&2; exit 2 ;; esac
    if [ -d "$dir/data" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "Usage : scripts/postgres.sh start | stop DOSSIER" >&2
    exit 2
    ;;
esac
