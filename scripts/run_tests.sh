#!/usr/bin/env bash
# Runs the course's checks, stage by stage, in the order of the testing pyramid:
#   bash scripts/run_tests.sh            every stage (what `make test` and CI run)
#   bash scripts/run_tests.sh unit e2e   only those stages, one after the other
# Most stages, run alone, leave one of the two cores idle much of the time (servers
# starting, Locust runs, timeouts that must pass). So the full run goes in two lanes side
# by side on the 2-core machine, of about equal length: the layers from unit to security
# (but contract), then the course stage, in the background; browser, contract,
# performance, grading and the notebooks in the terminal.
# The background lane writes its output to reports/lane-background.log, printed whole when
# both are done; a line per stage says how each went as it ends. TEST_LANES=1 runs the
# full list one stage at a time.
# Each stage writes JUnit XML to reports/, and (except the notebooks) reports/metrics-<stage>.json:
# every test's layer, service, outcome, duration and reruns (workbook.suite_metrics).
# The last lines sum them up: tests and time per layer, then passed/failed/skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
PY=$BIN/python
export PACT_DO_NOT_TRACK=true SE_OFFLINE=true
# Python writes bytecode beside the course's modules (__pycache__/, ignored by git and by
# the grader's repository copies), so every process after the first finds them compiled,
# pytest's rewritten test modules too. Without it, each of the run's hundreds of kernels,
# services and pytest processes compiled them again: ~15 % of a notebook's CPU.
unset PYTHONDONTWRITEBYTECODE
mkdir -p reports
rm -f reports/junit-*.xml reports/metrics-*.json

all_stages=(lint unit provisioning integration contract e2e security performance course browser notebooks grading)
# The two lanes of the full run (lint first, alone: a style finding costs seconds).
background_lane=(unit provisioning integration e2e security course)
foreground_lane=(browser contract performance grading notebooks)
stages=("$@")

cov=(--cov=course_app --cov-report=)
# The suite's coverage data has a file of its own: notebook 09 (and any learner) runs
# pytest --cov from the repository root, which would overwrite a plain .coverage. Each
# covered stage writes a part of it (coverage.data.<stage>: covered stages run in both
# lanes at once), combined into it before the report.
coverage_data=$PWD/reports/coverage.data
# Failed stages go to a file: a lane in the background is a subshell of its own.
failed_list=$PWD/reports/failed-stages.txt
stage_times=$PWD/reports/stage-times.txt
fail() { echo "$1" >>"$failed_list"; }

# pytest for one stage; a folder that does not exist yet is reported, not hidden.
run_pytest() {  # stage, then pytest arguments
  local stage=$1; shift
  echo; echo "==== $stage ===="
  "$PY" -m pytest -p no:cacheprovider --junitxml="reports/junit-$stage.xml" "$@"
  local rc=$?
  if [ $rc -ne 0 ]; then fail "$stage (pytest exit $rc)"; fi
}

# Where each stage's tests live, and which stages count towards course_app's coverage.
declare -A stage_dirs=(
  [unit]=tests/unit [provisioning]=tests/provisioning [integration]=tests/integration
  [contract]=tests/contract [e2e]=tests/e2e [security]=tests/security
  [performance]=tests/performance [course]="tests/course tests/setup"
  [grading]=tests/grading
  # the course in JupyterLab through the system Chromium (as `make lab` starts it)
  [browser]=tests/browser
)
covered=" unit provisioning integration contract e2e security "
# Stages that mostly wait (kernels starting, servers starting, checks that must time out)
# run on three workers (while they wait, the other lane has the CPU); --dist loadfile
# keeps each file in one worker, so a module's fixtures start once. Files go out in
# collection order (tests/course/conftest.py puts the slow ones first and keeps files that
# watch the same temp folders on one worker).
declare -A stage_workers=([course]="-n 3 --dist loadfile --no-loadscope-reorder")

# First and fastest: the code's style (ruff, configured in pyproject.toml). A finding costs
# seconds here instead of a full run.
run_lint() {
  echo; echo "==== lint ===="
  "$PY" -m ruff check . || fail "lint (ruff check; ruff check --fix repairs most)"
  "$PY" -m ruff format --check . || fail "lint (ruff format --check; run ruff format)"
}

run_stage() {  # one stage, timed into reports/stage-times.txt
  local stage=$1 started=$SECONDS
  run_stage_tests "$stage"
  echo "$stage $((SECONDS - started))" >>"$stage_times"
}

run_stage_tests() {
  local stage=$1 dir paths=()
  if [ "$stage" = notebooks ]; then run_notebooks; return 0; fi
  if [ "$stage" = lint ]; then run_lint; return 0; fi
  [ -n "${stage_dirs[$stage]:-}" ] || { echo "Unknown stage '$stage'. Stages: ${all_stages[*]}" >&2; exit 2; }
  for dir in ${stage_dirs[$stage]}; do [ -e "$dir" ] && paths+=("$dir"); done
  if [ ${#paths[@]} -eq 0 ]; then echo; echo "==== $stage: no tests yet ===="; return 0; fi
  # Layer and service from the tests' markers. Not for the notebook stage: its items are
  # cells (timed in reports/cells-*.jsonl), and learner copies' exercise cells fail on purpose.
  local metrics=(-p workbook.suite_metrics --metrics-json="reports/metrics-$stage.json")
  # nbval takes seconds to import and only the notebook stage uses it.
  local workers=(${stage_workers[$stage]:-})
  metrics+=("${workers[@]}")
  if [[ $covered == *" $stage "* ]]; then
    COVERAGE_FILE=$coverage_data.$stage run_pytest "$stage" -p no:nbval "${metrics[@]}" "${paths[@]}" "${cov[@]}"
  else
    run_pytest "$stage" -p no:nbval "${metrics[@]}" "${paths[@]}"
  fi
}

run_notebooks() {
  compgen -G "solutions/*.ipynb" >/dev/null || { echo "(no notebooks yet)"; return; }
  # Learner copies are generated: a stale one fails. Each copy then runs once under nbval:
  # solutions must reproduce their stored outputs (minus what .nbval-sanitize.cfg says
  # varies); in learner copies every cell but the exercises must run. Every cell's result
  # is recorded, so the honesty check (each exercise fails on its stub and passes solved)
  # needs no third and fourth run. A token in the runs' environment finds any server a
  # notebook left running.
  echo; echo "==== notebooks ===="
  "$PY" -m coursekit build --check || fail "notebooks (stale learner copies)"
  # Two notebooks at a time (-n 2): --dist loadfile keeps each notebook's cells in one
  # worker, so one kernel runs it top to bottom, as a learner would. --share-rabbitmq: one
  # broker per run for all the kernels instead of one per notebook (seven notebooks use
  # RabbitMQ, each under names of its own; a start costs ~3 s of CPU and 5 s of wait).
  local token nbval=(--nbval-current-env --nbval-cell-timeout 120 --timeout 900
                     -n 2 --dist loadfile -p workbook.checkrun.nbval_record
                     -p course_app.provision.pytest_plugin --share-rabbitmq)
  token=$("$PY" -c 'import secrets; print(secrets.token_hex(8))')
  rm -f reports/cells-*.jsonl
  COURSEKIT_RUN_TOKEN=$token run_pytest notebooks-solutions --nbval solutions/ "${nbval[@]}" \
      --nbval-sanitize-with .nbval-sanitize.cfg --cell-record=reports/cells-solutions.jsonl
  COURSEKIT_RUN_TOKEN=$token run_pytest notebooks-learner --nbval-lax notebooks/ "${nbval[@]}" \
      --cell-record=reports/cells-learner.jsonl
  COURSEKIT_RUN_TOKEN=$token "$PY" -m coursekit sweep COURSEKIT_RUN_TOKEN \
      || fail "notebooks (left servers running)"
  "$PY" -m coursekit check-exercises --from-records reports/cells-solutions.jsonl \
      reports/cells-learner.jsonl || fail "notebooks (dishonest exercises)"
  # How long each notebook and the slowest check cells took (a report, never a failure).
  "$PY" -m coursekit timing --from-records reports/cells-solutions.jsonl reports/cells-learner.jsonl
}

# The background lane, stage after stage; a line on the terminal as each one ends.
run_background_lane() {
  local stage
  for stage in "${background_lane[@]}"; do
    run_stage "$stage"
    # The other lane writes to the same list: look for this stage's own line.
    if grep -q "^$stage (" "$failed_list"; then
      printf '\n[background lane] %s FAILED (its output: reports/lane-background.log)\n' "$stage" >&3
    else
      printf '\n[background lane] %s passed\n' "$stage" >&3
    fi
  done
}

rm -f "$coverage_data" "$coverage_data".* "$failed_list" "$stage_times" reports/lane-*.log
touch "$failed_list"
if [ ${#stages[@]} -gt 0 ] || [ "${TEST_LANES:-2}" = 1 ]; then
  [ ${#stages[@]} -gt 0 ] || stages=("${all_stages[@]}")
  for stage in "${stages[@]}"; do run_stage "$stage"; done
else
  run_stage lint
  # Job control gives the lane a process group of its own: an interrupt stops all of it,
  # and each test run's own clean-up stops the servers it started.
  set -m
  run_background_lane 3>&1 >reports/lane-background.log 2>&1 &
  lane_pid=$!
  set +m
  trap 'kill -INT -- -$lane_pid 2>/dev/null; wait $lane_pid; exit 130' INT TERM
  trap 'kill -INT -- -$lane_pid 2>/dev/null' EXIT  # whatever ends this script ends the lane
  echo "(${background_lane[*]} run alongside, in the background: reports/lane-background.log)"
  for stage in "${foreground_lane[@]}"; do run_stage "$stage"; done
  wait $lane_pid
  trap - INT TERM EXIT
  echo; echo "==== the background lane's output (it ran alongside the stages above) ===="
  cat reports/lane-background.log
fi

if compgen -G "$coverage_data.*" >/dev/null; then
  COVERAGE_FILE=$coverage_data "$PY" -m coverage combine --quiet "$coverage_data".* \
    || fail "coverage (combining the stages' data)"
fi
if [ -f "$coverage_data" ]; then
  echo; echo "==== coverage of course_app ===="
  COVERAGE_FILE=$coverage_data "$PY" -m coverage report --skip-covered | tail -n 25
fi

if compgen -G "reports/metrics-*.json" >/dev/null; then
  echo; echo "==== tests and time per layer ===="
  "$PY" -m workbook.metrics_summary reports/metrics-*.json
fi
echo; echo "==== seconds per stage (wall; the two lanes overlap) ===="
while read -r stage seconds; do printf '%-14s %5s\n' "$stage" "$seconds"; done <"$stage_times"
"$PY" scripts/summarise_junit.py reports/junit-*.xml
if [ -s "$failed_list" ]; then
  echo "Failed stages: $(paste -sd ';' "$failed_list" | sed 's/;/; /g')"
  exit 1
fi
