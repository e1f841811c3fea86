#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image.
# The course is in /autograder/source/course (Gradescope unpacks the bundle to /autograder/source).
# It installs the system packages the course's notebooks use (PostgreSQL, RabbitMQ, a
# browser, Node.js) and the locked Python environment, built with the uv and Python the
# course's CI uses.
set -euo pipefail
COURSE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/course"
cd "$COURSE"
apt-get update -qq
apt-get install -y -qq --no-install-recommends curl ca-certificates >/dev/null
bash scripts/system_packages.sh
curl -LsSf https://astral.sh/uv/0.13.9/install.sh | env UV_INSTALL_DIR=/usr/local/bin sh
uv venv .venv --python 3.11
uv pip install --python .venv/bin/python --excludes requirements.exclude -r requirements.lock
uv pip install --python .venv/bin/python --no-deps -e .
