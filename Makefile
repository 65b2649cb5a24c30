# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test install build clean

run: $(STAMP)  ## set up, build the index if needed, serve http://127.0.0.1:7860
	$(BIN)/baclofen-qa serve

test: $(STAMP)  ## set up and run the whole test suite
	$(BIN)/python -m pytest

build: $(STAMP)  ## (re)build the default index
	$(BIN)/baclofen-qa build

install: $(STAMP)

# torch first, pinned: the CPU wheel lies on this machine's disk; anything else pulls CUDA.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info
