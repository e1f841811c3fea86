#!/usr/bin/env bash
# Brings the system services the course runs for real: PostgreSQL, RabbitMQ and a
# browser with its driver. Installs them on Debian/Ubuntu when it may (root or sudo);
# elsewhere it says what to install and carries on, because `python -m course_app doctor`
# and the notebooks explain what each missing piece costs.
set -euo pipefail

packages=(postgresql rabbitmq-server chromium chromium-driver)

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || command -v postgres >/dev/null; }
have_rabbitmq() { command -v rabbitmq-server >/dev/null || [ -x /usr/sbin/rabbitmq-server ]; }
have_browser() {
  { command -v chromium >/dev/null && command -v chromedriver >/dev/null; } ||
  { command -v firefox >/dev/null && command -v geckodriver >/dev/null; }
}

if have_postgres && have_rabbitmq && have_browser; then
  exit 0
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}

if command -v apt-get >/dev/null && as_root true; then
  echo "Installing system packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi

if command -v apt-get >/dev/null; then
  echo "Missing system packages. Install them with: sudo apt-get install ${packages[*]}"
else
  echo "Missing system services. Install PostgreSQL, RabbitMQ and Chromium+chromedriver"
  echo "(or Firefox+geckodriver) with your package manager, or use conda:"
  echo "  conda env create -f environment.yml"
fi
echo "The course still starts; 'python -m course_app doctor' shows what works."
