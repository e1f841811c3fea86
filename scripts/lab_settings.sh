#!/usr/bin/env bash
# JupyterLab settings the course ships with, for every way in (make lab, Binder, conda):
# no "would you like to receive Jupyter news?" prompt and no update checks, which would
# cover a corner of every page and reach out to the internet. JupyterLab reads them from
# {sys.prefix}/share/jupyter/lab/settings/overrides.json of the Python that runs it;
# a learner can still change them in Settings.
#   bash scripts/lab_settings.sh [PYTHON]     (default: python3 on the PATH)
set -euo pipefail
python=${1:-python3}
settings=$("$python" -c 'import sys; print(sys.prefix)')/share/jupyter/lab/settings
mkdir -p "$settings"
cat > "$settings/overrides.json" <<'JSON'
{
  "@jupyterlab/apputils-extension:notification": {
    "fetchNews": "false",
    "checkForUpdates": false
  }
}
JSON
