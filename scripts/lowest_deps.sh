#!/usr/bin/env bash
# Are pyproject.toml's lower bounds honest? Installs the OLDEST version each direct
# dependency admits (uv's --resolution lowest-direct; what they pull in resolves as usual)
# into a throwaway virtual environment and runs the unit and course stages there.
# A failure means a lower bound is a version the code cannot use: raise it.
#   bash scripts/lowest_deps.sh            (make test-lowest)
#   KEEP_VENV=1 bash scripts/lowest_deps.sh   keeps the environment to look into
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-.venv/bin/uv}
python=${PYTHON:-python3}
[ -x "$uv" ] || { echo "No uv at $uv: run 'make setup' first (or set UV=/path/to/uv)." >&2; exit 2; }

venv=$(mktemp -d "${TMPDIR:-/tmp}/course-lowest-XXXXXX")
[ -n "${KEEP_VENV:-}" ] || trap 'rm -rf "$venv"' EXIT INT TERM
start=$(date +%s)
"$uv" venv --quiet --python "$python" "$venv"
"$uv" pip install --quiet --python "$venv/bin/python" --resolution lowest-direct \
  --excludes requirements.exclude -e '.[course]'
echo "Lowest direct versions installed in $(( $(date +%s) - start )) s:"
"$uv" pip list --python "$venv/bin/python" 2>/dev/null | grep -iE \
  '^(fastapi|pydantic|httpx|psycopg|pytest|pytest-asyncio|pact-python|schemathesis|nbval|hypothesis|ipytest) ' || true

# The stages' own runner, pointed at the throwaway environment. Its one test that
# demands exactly the locked versions is the one that cannot hold here.
export PYTEST_ADDOPTS="${PYTEST_ADDOPTS:-} --deselect \
tests/setup/test_packaging.py::test_the_environment_has_exactly_the_locked_versions"
VENV=$venv bash scripts/run_tests.sh unit course
echo "Lowest-direct check passed in $(( $(date +%s) - start )) s."
