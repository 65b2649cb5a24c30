# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

# The quality gate `make test` applies to the held-out test split, just below the answer issue's bars
# (README, "Quality"): exact quotes and the disclaimer stay at 100%, no emergency may be missed.
EVAL_GATE := --fail-under exact_quotes=1 --fail-under disclaimer=1 --fail-under 'emergency_missed<=0' \
	--fail-under top_quote_hit=0.89 --fail-under any_quote_hit=0.96 --fail-under quote_precision=0.72 \
	--fail-under hit@5=0.95 --fail-under mrr@10=0.92 --fail-under numbers_ok=0.85 --fail-under ref_recall=0.94 \
	--fail-under status_accuracy=0.95 --fail-under not_covered:status_accuracy=0.94 \
	--fail-under out_of_scope:status_accuracy=0.94 --fail-under emergency:status_accuracy=0.94 \
	--fail-under follow_up:top_quote_hit=0.85 --fail-under 'median_quote_chars<=300'

.PHONY: run test eval bench install build clean chromium

run: $(STAMP)  ## set up, build the index if needed, serve http://127.0.0.1:7860
	$(BIN)/baclofen-qa serve

test: $(STAMP) chromium  ## set up and run the whole test suite, then the quality gate on the test split
	$(BIN)/python -m pytest
	$(BIN)/baclofen-qa eval --split test --out eval/reports/ci --quiet --max-failures 20 $(EVAL_GATE)

eval: $(STAMP)  ## score the engine and the quick-start baseline on the dev split; reports in eval/reports/latest
	$(BIN)/baclofen-qa eval --split dev --out eval/reports/latest

bench: $(STAMP)  ## benchmark (about 20 min on 2 cores): figures in bench/results/*.json and docs/benchmarks.md
	GRADIO_ANALYTICS_ENABLED=False $(BIN)/python -m bench.run $(BENCH_ARGS)

build: $(STAMP)  ## (re)build the default index
	$(BIN)/baclofen-qa build

install: $(STAMP)

# The browser test drives Debian's Chromium, never a downloaded browser.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# torch first, pinned: the CPU wheel lies on this machine's disk; anything else pulls CUDA.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info
