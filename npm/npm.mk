# The npm package: `make npm` builds and packs it, `make test-npm` tests the packed tarball in
# Node (CJS and ESM), workerd, Chromium, Bun and Deno, and checks it with attw and publint;
# `make bench-npm` measures it against the peers (and diagnose on adversarial bodies).
# Included from the root Makefile.

NPM_VERSION := $(shell node -p 'require("./npm/package.json").version' 2>/dev/null)
NPM_TARBALL := npm/hookseal-$(NPM_VERSION).tgz
NODE_TEST := node --test --test-timeout=180000

.PHONY: npm test-npm bench-npm setup-npm setup-npm-test install-npm-tarball

# The build's tools (binaryen, esbuild) and the tests' (peers' SDKs, TypeScript, attw, publint,
# Bun and Deno from their npm packages): `npm ci` when a lock file changed (the root's npm-ci).
setup-npm:
	@$(call npm-ci,npm)
setup-npm-test:
	@$(call npm-ci,npm/test)

npm: setup-rust setup-wasm-bindgen setup-npm
	bash npm/scripts/build.sh

# The tests import "hookseal" from npm/test/node_modules: the packed tarball, installed as users
# install it. With the lock file (never --no-package-lock, which re-resolves the whole test tree
# away from its lock); --no-save leaves package.json and the lock as they are.
install-npm-tarball: npm setup-npm-test
	cd npm/test && npm install --no-save --no-audit --no-fund --loglevel=error ../$(notdir $(NPM_TARBALL))

# Node (CJS and ESM), workerd, Chromium, Bun and Deno (runtimes.test.mjs), and the tarball's
# types and manifest under attw and publint (packaging.test.mjs).
test-npm: install-npm-tarball setup-chromium
	cd npm/test && $(NODE_TEST) *.test.mjs *.test.cjs

bench-npm: install-npm-tarball
	cd npm/test && node bench/verify.mjs
	cd npm/test && node bench/diagnose.mjs
