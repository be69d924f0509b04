# hookseal. `make demo` and `make test` are the two commands the README starts with: each installs
# what it needs (idempotently, outside the work tree) and then runs.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

RUST_TARGETS := wasm32-unknown-unknown thumbv7em-none-eabi

.PHONY: test demo bench setup-rust lint test-rust no-std

## Everything CI runs: formatting, lints, docs, unit/vector/property tests, the no_std build.
test: setup-rust lint test-rust no-std

## The main job, run locally.
demo: setup-rust
	cargo run --quiet -p hookseal --example demo

## Benchmarks side by side with the peers (measurements, never pass/fail on time).
bench:
	cargo bench -p hookseal

setup-rust:
	@for target in $(RUST_TARGETS); do \
	  rustup target list --installed | grep -qx "$$target" || rustup target add "$$target"; \
	done

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

test-rust:
	cargo test --workspace --all-features

## Proves the core is no_std + alloc: a target without std.
no-std:
	cargo build -p hookseal --no-default-features --target thumbv7em-none-eabi
