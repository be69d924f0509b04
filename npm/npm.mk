# The npm package: `make npm` builds and packs it, `make test-npm` tests the packed tarball in
# Node (CJS and ESM), workerd and Chromium, `make bench-npm` measures it against the peers (and
# diagnose on adversarial bodies).
# Included from the root Makefile.

NPM_VERSION := $(shell node -p 'require("./npm/package.json").version' 2>/dev/null)
NPM_TARBALL := npm/hookseal-$(NPM_VERSION).tgz
NODE_TEST := node --test --test-timeout=180000

.PHONY: npm test-npm bench-npm

# npm ci only when the lock file changed since the last install.
npm/node_modules/.package-lock.json: npm/package-lock.json
	cd npm && npm ci --no-audit --no-fund --loglevel=error
npm/test/node_modules/.package-lock.json: npm/test/package-lock.json
	cd npm/test && npm ci --no-audit --no-fund --loglevel=error

npm: setup-rust setup-wasm-bindgen npm/node_modules/.package-lock.json
	bash npm/scripts/build.sh

# The tests import "hookseal" from npm/test/node_modules: the packed tarball, installed as users install it.
test-npm: npm setup-chromium npm/test/node_modules/.package-lock.json
	cd npm/test && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error ../$(notdir $(NPM_TARBALL))
	cd npm/test && $(NODE_TEST) *.test.mjs *.test.cjs

bench-npm: npm npm/test/node_modules/.package-lock.json
	cd npm/test && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error ../$(notdir $(NPM_TARBALL))
	cd npm/test && node bench/verify.mjs
	cd npm/test && node bench/diagnose.mjs
