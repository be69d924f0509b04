# The browser playground (npm/playground/): `make playground` assembles the static site into
# npm/playground/dist/ (the page, the package's browser build, samples.json from tests/fixtures);
# `node npm/playground/serve.mjs [port]` serves it on 127.0.0.1. Included from the root Makefile.
# Its browser tests (npm/test/playground.test.mjs) run in `make test-npm`, on a copy they build.

.PHONY: playground

playground: npm
	node npm/playground/build.mjs
