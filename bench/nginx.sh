#!/usr/bin/env bash
# A throw-away nginx for `make bench` (issue 13): the reference static server that Parcours is
# compared with, serving files saved from Parcours (the same bytes) on 127.0.0.1.
#
#   bench/nginx.sh start DIR PORT   write DIR/nginx.conf, start nginx, wait until it answers
#   bench/nginx.sh stop DIR         stop it (nothing to do if it is not running)
#
# DIR/root/ holds the files: URL /a/b is the file DIR/root/a/b, served as
# "text/html; charset=utf-8", except /healthz served as "text/plain; charset=utf-8" (as
# Parcours does). Everything nginx writes (pid, logs, temporary files) stays in DIR: no system
# configuration is read, no system service is touched. It runs as the current user (workers
# included), with one worker per core, the access log on (Parcours keeps one too) and
# otherwise nginx's defaults.
set -euo pipefail

die() {
  echo "bench/nginx.sh: $*" >&2
  exit 1
}

cmd_start() {
  local dir port user=""
  dir=$(realpath -m "$1")
  port=$2
  command -v nginx >/dev/null || die "nginx is missing (apt-get install nginx-light)"
  mkdir -p "$dir/root" "$dir/logs" "$dir/tmp"
  # As root, nginx would hand its workers to "nobody": keep them with the current user.
  [[ $(id -u) -eq 0 ]] && user="user $(id -un) $(id -gn);"
  cat >"$dir/nginx.conf" <<EOF
# Written by bench/nginx.sh for make bench; nothing here is read from /etc/nginx.
$user
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    types { }
    default_type "text/html; charset=utf-8";
    server {
        listen 127.0.0.1:$port;
        root $dir/root;
        location = /healthz {
            default_type "text/plain; charset=utf-8";
        }
    }
}
EOF
  stop_quietly "$dir"
  # -e: even the error log of the start-up goes to DIR, not to /var/log/nginx.
  nginx -e "$dir/logs/error.log" -p "$dir" -c "$dir/nginx.conf" ||
    die "nginx did not start; see $dir/logs/error.log"
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.1
  done
  stop_quietly "$dir"
  die "nginx does not answer on 127.0.0.1:$port"
}

stop_quietly() {
  local dir=$1 pid _
  [[ -f $dir/nginx.pid ]] || return 0
  pid=$(cat "$dir/nginx.pid")
  kill -TERM "$pid" 2>/dev/null || { rm -f "$dir/nginx.pid"; return 0; }
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/nginx.pid"
}

case "${1:-}" in
  start)
    [[ $# -eq 3 ]] || die "usage: $0 start DIR PORT"
    cmd_start "$2" "$3"
    ;;
  stop)
    [[ $# -eq 2 ]] || die "usage: $0 stop DIR"
    stop_quietly "$(realpath -m "$2")"
    ;;
  *) die "usage: $0 start DIR PORT | stop DIR" ;;
esac
