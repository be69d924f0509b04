# hookseal. `make demo` and `make test` are the two commands the README starts with: each installs
# what it needs (idempotently, outside the work tree) and then runs.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

RUST_TARGETS := wasm32-unknown-unknown thumbv7em-none-eabi
# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock (pinned with = in
# Cargo.toml). The one install of it, for the npm package and the Worker alike: setup-wasm-bindgen.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
WASM_BINDGEN := $(HOME)/.cargo/bin/wasm-bindgen

# The one way an npm project here (npm/, npm/test/, cloudflare-worker/) is kept fresh: `npm ci`
# when its package-lock.json's content differs from the one last installed, whose hash is kept
# in its git-ignored node_modules/ (file times would not tell: a checkout or a copy sets them).
# $(call npm-ci,DIR)
npm-ci = want="$$(sha256sum $(1)/package-lock.json | cut -d' ' -f1)"; \
  if [ "$$(cat $(1)/node_modules/.hookseal-lock.sha256 2>/dev/null)" != "$$want" ]; then \
    (cd $(1) && npm ci --no-audit --no-fund --loglevel=error) && echo "$$want" > $(1)/node_modules/.hookseal-lock.sha256; \
  fi

.PHONY: test demo bench setup-rust setup-wasm-bindgen setup-chromium lint test-rust no-std readme-table events

## Everything CI runs: formatting, lints, docs, unit/vector/property tests, the no_std build, the
## npm package in Node, workerd and Chromium.
test: setup-rust lint test-rust no-std test-npm test-worker

## The main job, run locally: every scheme signed and verified by the core, then the Worker in
## local workerd (wrangler dev) in front of a demo origin with signed samples going through, and
## the playground served next to it. Stays up; DEMO_ONCE=1 exits after the tables.
demo: setup-rust playground worker
	cargo run --quiet -p hookseal --example demo
	$(MAKE) --no-print-directory demo-worker

## Benchmarks side by side with the peers (measurements, never pass/fail on time).
bench: bench-npm bench-worker
	cargo bench -p hookseal

setup-rust:
	@for target in $(RUST_TARGETS); do \
	  rustup target list --installed | grep -qx "$$target" || rustup target add "$$target"; \
	done

# Installed into ~/.cargo/bin once per machine (2.5 to 5 minutes). Never with --locked: the CLI's
# own Cargo.lock pins a webpki-roots release that the crate registry here does not have.
setup-wasm-bindgen:
	@"$(WASM_BINDGEN)" --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
	  cargo install wasm-bindgen-cli --version "$(WASM_BINDGEN_VERSION)"

# Debian's Chromium for the browser tests (never a browser download of a test tool's own).
setup-chromium:
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; }

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

test-rust:
	cargo test --workspace --all-features

## Proves the core is no_std + alloc: a target without std.
# The README's provider table, regenerated from the catalog (CI checks it is current).
readme-table:
	HOOKSEAL_BLESS=1 cargo test -p hookseal --test catalog the_readme_provider_table_is_the_catalog

no-std:
	cargo build -p hookseal --no-default-features --target thumbv7em-none-eabi
	cargo build -p hookseal --no-default-features --features events --target thumbv7em-none-eabi

# The typed events, rewritten from schemas/ (the one source of truth for the vendors' events):
# the Rust types and tables, hookseal/events' tables and TypeScript types, the playground's
# field list. CI checks they are current (core/tests/event_schemas.rs).
events:
	HOOKSEAL_BLESS=1 cargo test -p hookseal --test event_schemas the_generated_code_is_the_schemas

include npm/npm.mk

include cloudflare-worker/worker.mk

include npm/playground/playground.mk

## Fuzzing (not part of `make test`): installs nightly and cargo-fuzz if missing, seeds
## fuzz/corpus from tests/vectors, then runs each target, one after the other, FUZZ_SECONDS each.
## See fuzz/README.md. FUZZ_SANITIZER=none runs 3 to 7 times as fast (the core has no unsafe code).
FUZZ_SECONDS ?= 60
FUZZ_SANITIZER ?= address
FUZZ_TARGETS := verify sign diagnose worker_config
.PHONY: fuzz setup-fuzz
setup-fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz

fuzz: setup-fuzz
	cargo +nightly run --quiet --release --manifest-path fuzz/Cargo.toml --example seed
	@for target in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$target ($(FUZZ_SECONDS) s)"; \
	  cargo +nightly fuzz run --sanitizer $(FUZZ_SANITIZER) $$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
	    -dict=fuzz/hookseal.dict -print_final_stats=1 || exit 1; \
	done
