# The two commands of the course:  make lab   and   make test
# Both set themselves up: the system services (where the platform allows), then the
# pinned Python environment in .venv. Re-running them is fast and changes nothing.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST := $(BIN)/python -m pytest
export PACT_DO_NOT_TRACK := true
export SE_OFFLINE := true

.PHONY: lab test bench setup system-packages lock clean-env test-debian13 lint format \
        test-unit test-integration test-contract test-e2e test-security \
        test-performance test-provisioning test-course test-notebooks test-grading test-browser

# The whole repository is browsable (course_app/ is what the notebooks test); the first
# page is notebook 00. Jupyter refuses root unless told, and containers often run as root.
LAB_OPTIONS := --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_welcome.ipynb \
               $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup  ## Start JupyterLab on notebook 00
	$(BIN)/jupyter lab $(LAB_OPTIONS)

setup: system-packages $(STAMP)

system-packages:
	@bash scripts/system_packages.sh

$(STAMP): requirements.lock requirements.exclude pyproject.toml scripts/python_env.sh
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/python_env.sh
	@touch $@

lock:  ## Re-pin every dependency after editing pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --extra course --universal --python-version 3.11 \
		--excludes requirements.exclude -o requirements.lock

clean-env:
	rm -rf $(VENV)

bench: setup  ## Measure: service start-up, and throughput/latency under Locust (prints figures)
	$(BIN)/python benchmarks/bench_provisioning.py
	$(BIN)/python benchmarks/bench_services.py

# ---- the test suite, a target per layer; `make test` runs them all ----
test: setup
	bash scripts/run_tests.sh

lint: setup  ## ruff: lint and format check (the first stage of make test)
	bash scripts/run_tests.sh lint

format: setup  ## ruff: fix what it can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-unit test-integration test-contract test-e2e test-security test-performance \
test-provisioning test-course test-notebooks test-grading test-browser: setup
	bash scripts/run_tests.sh $(subst test-,,$@)

test-debian13:  ## The course on Debian 13 (Python 3.13) in a cached debootstrap chroot; needs root
	bash scripts/debian13.sh

.PHONY: test-lowest
test-lowest: setup  ## Are pyproject's lower bounds true? Oldest direct versions in a throwaway venv (~7 min)
	bash scripts/lowest_deps.sh
