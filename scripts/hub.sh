#!/usr/bin/env bash
# The course's JupyterHub on this machine, for a cohort (run as root: the hub starts each user's server under
# their own Unix account).
#
#   scripts/hub.sh env       → (re)installs the Python environment of all users in $HUB_ENV (the course,
#                              JupyterLab in French, nbgrader, JupyterHub; never the repository's solutions)
#   scripts/hub.sh start     → prepares $HUB_ROOT, starts PostgreSQL (scripts/postgres.sh, the gradebook) and the
#                              hub in the background; prints « <URL of the hub> »
#   scripts/hub.sh stop      → stops the hub (and every user's server) and PostgreSQL
#   scripts/hub.sh run       → start, then wait; Ctrl-C stops everything (this is « make hub »)
#   scripts/hub.sh espace D  → the learner workspace of « make lab » in D (no root needed)
#
# Settings (environment): HUB_ROOT (/srv/communication-digitale), HUB_ENV (/opt/communication-digitale/env),
# HUB_IP (127.0.0.1), HUB_PORT (8000), HUB_INTERNAL_PORT (8081), HUB_PROXY_API_PORT (8001), HUB_MEM_LIMIT (1G),
# HUB_CPU_LIMIT (1), HUB_IDLE_TIMEOUT (3600 s), HUB_CARNET_URL (the gradebook in a lasting PostgreSQL; without it,
# a throw-away server from scripts/postgres.sh that listens on 127.0.0.1 and asks a password that only the
# trainers' servers receive).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HUB_ROOT=${HUB_ROOT:-/srv/communication-digitale}
HUB_ENV=${HUB_ENV:-/opt/communication-digitale/env}
HUB_PORT=${HUB_PORT:-8000}
STATE="$HUB_ROOT/etat"
export HUB_ROOT HUB_ENV HUB_PORT

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "Le hub démarre le serveur de chaque personne sous son propre compte Unix : lancez-le en root (sudo make hub)." >&2
    exit 2
  fi
}

install_env() {
  need_root
  local python=${HUB_PYTHON:-$(command -v python3.11 || command -v python3)}
  [ -x "$HUB_ENV/bin/python" ] || "$python" -m venv "$HUB_ENV"
  "$HUB_ENV/bin/pip" install --quiet --disable-pip-version-check "$REPO[hub]"
  # a fresh copy of the course package (never an editable link into the repository, which learners must not read)
  "$HUB_ENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall "$REPO"
  "$HUB_ENV/bin/python" -m autograder.setup_lab >/dev/null
  chmod -R a+rX "$HUB_ENV"
  touch "$HUB_ENV/.installed"
  echo "Environnement du hub prêt : $HUB_ENV"
}

copy_folder() {  # copy_folder SRC DEST: a clean copy without checkpoints, caches nor learners' state files
  rm -rf "$2"
  mkdir -p "$2"
  (cd "$REPO/$1" && find . -type f ! -path '*/.ipynb_checkpoints/*' ! -path '*/__pycache__/*' ! -name '*.corrompu-*' \
     -print0 | while IFS= read -r -d '' f; do
       if [ "$1" = source ] || [ "$1" = release ] || git -C "$REPO" ls-files --error-unmatch "$1/$f" >/dev/null 2>&1; then
         mkdir -p "$2/$(dirname "$f")" && cp -p "$f" "$2/$f"
       fi
     done)
}

prepare() {
  need_root
  [ -x "$HUB_ENV/bin/jupyterhub" ] || install_env
  mkdir -p "$HUB_ROOT" "$STATE" "$HUB_ROOT/jupyter/tous" "$HUB_ROOT/jupyter/apprenants/labconfig"
  chmod 755 "$HUB_ROOT"
  chmod 700 "$STATE"
  # Lessons and exercises for everyone (read-only: each learner works on their own copy in their home).
  copy_folder course "$HUB_ROOT/contenu/course"
  copy_folder exercises "$HUB_ROOT/contenu/exercises"
  chmod -R a+rX,go-w "$HUB_ROOT/contenu"
  # The trainer's course folder template: the solutions and hidden tests stay readable by root only.
  mkdir -p "$HUB_ROOT/cours"
  for folder in course exercises source release; do copy_folder "$folder" "$HUB_ROOT/cours/$folder"; done
  cp -p "$REPO/nbgrader_config.py" "$HUB_ROOT/cours/nbgrader_config.py"
  # The files of reveal.js (npm, pinned) the jury dossier copies beside its slides, so that they open offline.
  [ -f "$REPO/node_modules/reveal.js/dist/reveal.js" ] || (cd "$REPO" && npm ci --no-audit --no-fund --loglevel=error)
  mkdir -p "$HUB_ROOT/cours/node_modules/reveal.js"
  cp -rp "$REPO/node_modules/reveal.js/dist" "$REPO/node_modules/reveal.js/LICENSE" "$HUB_ROOT/cours/node_modules/reveal.js/"
  chmod -R go-rwx "$HUB_ROOT/cours"
  # nbgrader's multi-user exchange, as its documentation sets it: a system folder everyone can write to;
  # nbgrader itself makes inbound/ write-only (733) and feedback/ traverse-only (711) for the learners.
  mkdir -p "$HUB_ROOT/exchange"
  chmod 777 "$HUB_ROOT/exchange"
  # Configuration of every single-user server, then what learners do not get (formgrader, course list, authoring).
  # JupyterHub 4.1+ forbids framing (« frame-ancestors 'none' »): the formgrader, shown in a frame of JupyterLab
  # on the same server, would stay blank; 'self' allows that frame and nothing from another origin.
  # expose_app_in_browser lets the browser test and the load benchmark drive JupyterLab (window.jupyterapp).
  cat >"$HUB_ROOT/jupyter/tous/jupyter_server_config.json" <<'JSON'
{
  "ServerApp": {
    "tornado_settings": {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
  },
  "LabApp": {"expose_app_in_browser": true}
}
JSON
  cat >"$HUB_ROOT/jupyter/tous/nbgrader_config.py" <<'PY'
# nbgrader for every user of the hub: the course and the shared exchange (written by scripts/hub.sh).
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "communication-digitale"
c.Exchange.root = os.environ["NBGRADER_EXCHANGE"]
PY
  learner_config "$HUB_ROOT/jupyter/apprenants"
  chmod -R a+rX,go-w "$HUB_ROOT/jupyter"
}

learner_config() {  # learner_config DIR: a Jupyter configuration folder without the trainer's tools
  mkdir -p "$1/labconfig"
  cat >"$1/jupyter_server_config.json" <<'JSON'
{
  "ServerApp": {
    "jpserver_extensions": {
      "nbgrader.server_extensions.formgrader": false,
      "nbgrader.server_extensions.course_list": false
    }
  }
}
JSON
  cat >"$1/labconfig/page_config.json" <<'JSON'
{
  "disabledExtensions": {
    "@jupyter/nbgrader:formgrader": true,
    "@jupyter/nbgrader:course-list": true,
    "@jupyter/nbgrader:create-assignment": true
  }
}
JSON
}

workspace() {  # workspace DEST: the learner workspace of « make lab » (lessons, exercises, their own files)
  local dest=$1 f
  mkdir -p "$dest"
  # the learner's own copy of the committed lessons and exercises: new ones arrive, their copies stay theirs
  (cd "$REPO" && if [ -d .git ]; then git ls-files -z course exercises; else find course exercises -type f -print0; fi) |
    while IFS= read -r -d '' f; do
      if [ ! -e "$dest/$f" ]; then mkdir -p "$dest/$(dirname "$f")" && cp -p "$REPO/$f" "$dest/$f"; fi
    done
  learner_config "$dest/.jupyter-apprenant"
  cat >"$dest/.jupyter-apprenant/nbgrader_config.py" <<'PY'
# nbgrader in the learner workspace (written by scripts/hub.sh): the course and its exchange, nothing else.
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "communication-digitale"
c.Exchange.root = os.environ["NBGRADER_EXCHANGE"]
PY
}

start_postgres() {
  local out url dir port password
  out=$("$REPO/scripts/postgres.sh" start)
  url=${out% *}
  dir=${out##* }
  echo "$dir" >"$STATE/postgres.dir"
  port=${url##*:}
  port=${port%%/*}
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
  # The gradebook belongs to a « formateur » role with a password; over TCP, a password is required of everyone.
  runuser -u postgres -- psql -q -h "$dir" -p "$port" -U postgres -d nbgrader -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE formateur LOGIN PASSWORD '$password'" -c "ALTER DATABASE nbgrader OWNER TO formateur" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n' \
    >"$dir/data/pg_hba.conf"
  runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$dir/data" reload >/dev/null
  (umask 077 && echo "postgresql+psycopg2://formateur:$password@127.0.0.1:$port/nbgrader" >"$STATE/carnet.url")
}

wait_ready() {
  local url=$1 pid=$2
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Le hub s'est arrêté au démarrage : voir $STATE/hub.log" >&2
      tail -n 30 "$STATE/hub.log" >&2
      return 1
    fi
    if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" "$url/hub/api" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "Le hub ne répond pas après 120 s : voir $STATE/hub.log" >&2
  return 1
}

start() {
  prepare
  if [ -s "$STATE/jupyterhub.pid" ] && kill -0 "$(cat "$STATE/jupyterhub.pid")" 2>/dev/null; then
    echo "Un hub tourne déjà (processus $(cat "$STATE/jupyterhub.pid"))." >&2
    exit 1
  fi
  [ -x "$REPO/node_modules/.bin/configurable-http-proxy" ] || (cd "$REPO" && npm ci --no-audit --no-fund --loglevel=error)
  if [ -n "${HUB_CARNET_URL:-}" ]; then  # a lasting PostgreSQL of the organisation (the trainers' servers only)
    (umask 077 && echo "$HUB_CARNET_URL" >"$STATE/carnet.url")
  else  # a throw-away one (scripts/postgres.sh): the gradebook lasts as long as the hub
    start_postgres
  fi
  local ip=${HUB_IP:-127.0.0.1}
  (
    cd "$STATE"
    HUB_PROXY="$REPO/node_modules/.bin/configurable-http-proxy" PATH="$HUB_ENV/bin:$PATH" \
      setsid "$HUB_ENV/bin/jupyterhub" -f "$REPO/hub/jupyterhub_config.py" >"$STATE/hub.log" 2>&1 &
    echo $! >"$STATE/hub.session"
  )
  if ! wait_ready "http://$ip:$HUB_PORT" "$(cat "$STATE/hub.session")"; then
    stop
    exit 1
  fi
  echo "http://$ip:$HUB_PORT"
}

stop() {
  if [ -s "$STATE/hub.session" ]; then
    local pid
    pid=$(cat "$STATE/hub.session")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true  # the hub stops every user's server and the proxy, then exits
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL -- "-$pid" 2>/dev/null || true  # what is left of its session (proxy, culler)
    fi
    rm -f "$STATE/hub.session"
  fi
  if [ -s "$STATE/proxy.pid" ]; then
    kill -TERM "$(cat "$STATE/proxy.pid")" 2>/dev/null || true
    rm -f "$STATE/proxy.pid"
  fi
  # the per-user cgroups the hub made for the limits (hub/jupyterhub_config.py), now empty
  find /sys/fs/cgroup -mindepth 2 -maxdepth 8 -type d -name hub-communication-digitale 2>/dev/null | while read -r dir; do
    find "$dir" -mindepth 1 -maxdepth 1 -type d -exec rmdir {} \; 2>/dev/null || true
    rmdir "$dir" 2>/dev/null || true
  done
  if [ -s "$STATE/postgres.dir" ]; then
    "$REPO/scripts/postgres.sh" stop "$(cat "$STATE/postgres.dir")" || true
    rm -f "$STATE/postgres.dir" "$STATE/carnet.url"
  fi
}

first_trainer() {  # make hub with no trainer yet: one account « formateur », its password shown once
  if [ -z "$(getent group formateurs | cut -d: -f4)" ] && ! getent passwd formateur >/dev/null; then
    printf 'identifiant;nom;e-mail\nformateur;Formateur du cours;formateur@localhost\n' >"$STATE/formateur.csv"
    "$HUB_ENV/bin/python" "$REPO/hub/comptes.py" creer --role formateur --mots-de-passe "$STATE/mots-de-passe.csv" \
      "$STATE/formateur.csv"
    echo "Identifiant « formateur », mot de passe : $(tail -n 1 "$STATE/mots-de-passe.csv" | cut -d';' -f2)"
  fi
}

case "${1:-}" in
  env) install_env ;;
  espace) workspace "${2:?dossier attendu : scripts/hub.sh espace DOSSIER}" ;;
  start) need_root; start ;;
  stop) need_root; stop ;;
  run)
    need_root
    trap stop EXIT
    trap 'exit 0' INT TERM
    url=$(start | tail -n 1)
    first_trainer
    echo "JupyterHub du cours : $url (formateurs : groupe « formateurs », apprenants : groupe « apprenants »)."
    echo "Comptes de la cohorte : python hub/comptes.py creer cohorte.csv — Ctrl-C arrête le hub."
    wait_pid=$(cat "$STATE/hub.session")
    while kill -0 "$wait_pid" 2>/dev/null; do sleep 2; done
    ;;
  *)
    echo "Usage : scripts/hub.sh env | start | stop | run | espace DOSSIER" >&2
    exit 2
    ;;
esac
