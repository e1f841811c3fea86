#!/usr/bin/env bash
# Creates .venv with exactly the versions in requirements.lock (the same pins CI, make
# and Binder use) and installs the course in it. Make calls this only when the lock or
# pyproject.toml changed, so re-running `make` is fast and changes nothing.
set -euo pipefail
python=${PYTHON:-python3}
venv=${VENV:-.venv}
uv_version=0.13.9  # the installer, pinned like everything else

if ! "$python" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))'; then
  echo "The course needs Python 3.11, 3.12 or 3.13; '$python' is $("$python" -V 2>&1)." \
       "Run make with PYTHON=python3.13 (or python3.11, python3.12)." >&2
  exit 1
fi

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$uv_version"
# --compile-bytecode, as pip does by default: every kernel, service and test process then
# reads the installed packages' bytecode instead of compiling them again (about 0.9 s of
# CPU per kernel start, 0.25 s per service; the suite starts hundreds of them). The
# course's own files are compiled by the first process that imports them.
"$venv/bin/uv" pip install --quiet --python "$venv/bin/python" --compile-bytecode \
  --excludes requirements.exclude -r requirements.lock
# An environment made before a package was excluded still holds it (requirements.exclude
# says why each is left out): take it out, so that every seat runs the same code.
"$venv/bin/uv" pip uninstall --quiet --python "$venv/bin/python" -r requirements.exclude
"$venv/bin/uv" pip install --quiet --python "$venv/bin/python" --no-deps -e .
"$venv/bin/python" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
bash "$(dirname "$0")/lab_settings.sh" "$venv/bin/python"  # no news prompt in JupyterLab
echo "Python environment ready in $venv ($("$venv/bin/python" -V))."
