# The Cloudflare Worker (cloudflare-worker/): build, tests in real workerd, demo, benchmark.
# Included from the root Makefile; paths are relative to the repository root ($(CURDIR)).
# Tools are installed idempotently outside the work tree (~/.cargo/bin; wasm-bindgen by the root
# Makefile's setup-wasm-bindgen), npm packages into the git-ignored cloudflare-worker/node_modules
# (by the root Makefile's npm-ci: reinstalled only when package-lock.json changes).

WORKER_DIR := $(CURDIR)/cloudflare-worker
WORKER_BUILD_VERSION := 0.8.7
WORKER_BUNDLE := $(WORKER_DIR)/build/index.js
WORKER_SOURCES := $(shell find $(CURDIR)/core/src $(WORKER_DIR)/src -name '*.rs') \
	$(wildcard $(WORKER_DIR)/admin-page/*) \
	$(CURDIR)/core/Cargo.toml $(WORKER_DIR)/Cargo.toml $(CURDIR)/Cargo.toml $(CURDIR)/Cargo.lock

# wrangler and Miniflare stay off the network.
WORKER_OFFLINE := WRANGLER_SEND_METRICS=false WRANGLER_HIDE_BANNER=true \
	CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_ERROR_REPORTS=false
# worker-build uses the local wasm-bindgen and npm binaryen's wasm-opt (never Debian's binaryen,
# and never a download); the Worker is built size-tuned (opt-level z) without touching the
# workspace's [profile.release], which the npm package's wasm build uses as it is.
WORKER_BUILD_ENV := WASM_BINDGEN_BIN=$(WASM_BINDGEN) \
	WASM_OPT_BIN=$(WORKER_DIR)/node_modules/binaryen/bin/wasm-opt \
	CARGO_PROFILE_RELEASE_OPT_LEVEL=z RUSTFLAGS="-C target-feature=+simd128"

.PHONY: worker test-worker demo-worker bench-worker setup-worker

## Installs what the Worker's build and tests need, when missing or at another version.
setup-worker: setup-rust setup-wasm-bindgen
	@worker-build --version 2>/dev/null | grep -qx "$(WORKER_BUILD_VERSION)" || \
	  cargo install worker-build --version $(WORKER_BUILD_VERSION)
	@$(call npm-ci,$(WORKER_DIR))

## Builds the deployable Worker into cloudflare-worker/build/ (index.js + index_bg.wasm).
worker: setup-worker $(WORKER_BUNDLE)

$(WORKER_BUNDLE): $(WORKER_SOURCES) | setup-worker
	cd $(WORKER_DIR) && $(WORKER_BUILD_ENV) worker-build --release
	@touch $@

## The Worker in real workerd (Miniflare) against an origin stub on 127.0.0.1. The timeout
## bounds a whole test file (node applies it per file too): generous, for shared, loaded machines.
test-worker: worker setup-chromium
	cd $(WORKER_DIR) && $(WORKER_OFFLINE) node --test --test-timeout=300000 --test-concurrency=1 \
	  test/*.test.mjs

## wrangler dev on localhost with demo routes; signed vendor samples and a forged one go through.
## DEMO_ONCE=1 exits after the table.
demo-worker: worker
	cd $(WORKER_DIR) && $(WORKER_OFFLINE) node scripts/demo.mjs

## Local load through the Worker vs straight to the origin stub, and the bundle size.
bench-worker: worker
	cd $(WORKER_DIR) && $(WORKER_OFFLINE) node scripts/bench.mjs
