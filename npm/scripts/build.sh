#!/usr/bin/env bash
# Builds the npm package into npm/dist and packs it to npm/hookseal-<version>.tgz.
# Needs: the wasm32-unknown-unknown Rust target, wasm-bindgen CLI equal to the crate version in
# Cargo.lock, and npm/node_modules (binaryen's wasm-opt, esbuild). `make npm` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(cd .. && pwd)
bin=node_modules/.bin

# Its own target directory: the SIMD flag would otherwise invalidate the workspace's other builds.
export CARGO_TARGET_DIR="$root/target/npm"
# SIMD gives sha2 its wasm backend (1.5-1.8x the HMAC throughput); it needs Safari 16.4+,
# every other current browser, Node 16.4+ and workerd.
# Three modules: `hmac` (verify and sign, HMAC schemes only) for the default browser entry, so
# that its users download neither public-key code nor diagnose and the catalog's documentation;
# `asymmetric` (with Ed25519 and ECDSA) for the browser's `hookseal/asymmetric`; `full` (with
# diagnose and the documentation too) for Node and workerd, and the module browsers load on
# demand for `diagnose()` and `loadDiagnose()` (the playground).
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
for variant in hmac asymmetric full; do
  features=()
  [ "$variant" = asymmetric ] && features=(--features asymmetric)
  [ "$variant" = full ] && features=(--features asymmetric,diagnose)
  RUSTFLAGS="-C target-feature=+simd128" \
    cargo build --quiet --release -p hookseal-wasm --target wasm32-unknown-unknown "${features[@]}"
  cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/hookseal_wasm.wasm" "$modules/$variant.wasm"
done

rm -rf dist
mkdir -p dist/node dist/web dist/asymmetric dist/diagnose dist/workerd
# `nodejs` is CommonJS that compiles the wasm synchronously at require time; `web` is an ES
# module with an async init (browsers) and an initSync (workerd, which imports the .wasm).
bindgen() {
  wasm-bindgen "$modules/$1.wasm" --target "$2" --out-dir "$3" --out-name hookseal \
    --no-typescript --remove-name-section --remove-producers-section
}
bindgen full nodejs dist/node
bindgen hmac web dist/web
bindgen asymmetric web dist/asymmetric
bindgen full web dist/diagnose

# Never Debian's wasm-opt (it corrupts wasm-bindgen's output): binaryen from npm, pinned.
features=(--enable-simd --enable-bulk-memory --enable-mutable-globals --enable-sign-ext
          --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue)
for module in dist/node/hookseal_bg.wasm dist/web/hookseal_bg.wasm dist/asymmetric/hookseal_bg.wasm dist/diagnose/hookseal_bg.wasm; do
  "$bin/wasm-opt" -O3 "${features[@]}" "$module" -o "$module"
done

# One API source (src/api.js, an ES module); Node's CommonJS entry gets it converted by esbuild.
cp src/api.js src/index.d.ts dist/
"$bin/esbuild" src/api.js --format=cjs --log-level=warning --outfile=dist/node/api.cjs
cp src/node/index.cjs src/node/index.mjs dist/node/
# wasm-bindgen's nodejs output is CommonJS in .js files; the package is "type": "module".
echo '{ "type": "commonjs" }' > dist/node/package.json
cp src/web/index.js src/web/browser.js dist/web/
cp src/asymmetric/index.js dist/asymmetric/
cp src/workerd/index.js dist/workerd/
# The SchemeId union of the types, written from the catalog the module just built holds.
node scripts/scheme-ids.mjs >/dev/null

# hookseal/events: plain JavaScript (no WebAssembly), one file per module format; its
# declarations are the hand-written ones and those generated from schemas/ (make events), in one
# file (its .d.cts twin comes with the others' below).
mkdir -p dist/events
"$bin/esbuild" src/events/index.js --bundle --format=esm --log-level=warning --outfile=dist/events/index.js
"$bin/esbuild" src/events/index.js --bundle --format=cjs --log-level=warning --outfile=dist/events/index.cjs
cat src/events/runtime.d.ts src/events/types.d.ts > dist/events/index.d.ts

# Declarations per module format (package.json's exports give each condition its own): the
# package is "type": "module", so a .d.ts declares an ES module, which is wrong for `require`
# (attw's "Masquerading as ESM"). Each .d.ts gets a .d.cts twin for the CommonJS entry, its
# relative imports pointing at the twins (TypeScript maps "./x.cjs" to "./x.d.cts").
find dist -name '*.d.ts' | while read -r declaration; do
  sed -E 's#"(\.\.?/[^"]*)\.js"#"\1.cjs"#g' "$declaration" > "${declaration%.d.ts}.d.cts"
done

# The licenses the manifests declare (MIT OR Apache-2.0), from the repository root.
cp ../LICENSE-MIT ../LICENSE-APACHE .
rm -f hookseal-*.tgz
npm pack --silent >/dev/null
ls hookseal-*.tgz
