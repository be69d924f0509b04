// Deterministic random bodies for interoperability tests: unicode, emoji, whitespace, JSON and
// raw text, sizes from 0 bytes to 1 MiB. Seeded, so a failure reproduces.

export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["a", "Z", "0", " ", "  ", "\t", "\n", "\r\n", "{", "}", "\"", "\\", ":", ",", "é", "ß", "中文", "🚽", "👩‍🔧", "\u00a0", "\u2028", "💧", "null"];

/** Text of about `size` UTF-8 bytes. */
export function randomText(random, size) {
  let text = "";
  let bytes = 0;
  while (bytes < size) {
    const piece = PIECES[Math.floor(random() * PIECES.length)];
    text += piece;
    bytes += new TextEncoder().encode(piece).length;
  }
  return text;
}

/** A JSON document of about `size` bytes whose strings hold random text. */
export function randomJson(random, size) {
  return JSON.stringify({ type: "job.completed", id: `evt_${Math.floor(random() * 1e9)}`, data: { note: randomText(random, size) } });
}

export const SIZES = [0, 1, 17, 255, 1024, 4096, 65536, 1024 * 1024];

/**
 * Bodies of `size` bytes built to make a diagnosis slow (issue #9 §3): deep nesting that
 * re-indenting would blow up, long strings, nothing but line breaks, and plain pretty JSON.
 */
export function adversarialBodies(size) {
  const repeat = (unit) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const items = [];
  for (let bytes = 0; bytes < size; bytes += 60) items.push({ id: items.length, ok: true, tags: ["a", "b"] });
  return {
    "nested [": repeat("["),
    "nested {\"a\":": repeat('{"a":'),
    "nested [ closed": `${"[".repeat(size / 2)}${"]".repeat(size / 2)}`,
    "short arrays": `[${repeat("[1],").slice(0, size - 4)}[1]]`,
    "long string": `["${repeat("a").slice(4)}"]`,
    "line breaks": repeat("\n"),
    "pretty JSON": JSON.stringify(items, null, 2).slice(0, size),
  };
}

/** `body` with one code point replaced (or one added to an empty body). */
export function tamper(body, random) {
  const points = Array.from(body);
  if (points.length === 0) return "x";
  const at = Math.floor(random() * points.length);
  points[at] = points[at] === "a" ? "b" : "a";
  return points.join("");
}

/** A body named in an assertion message: its size and first characters. */
export const describeBody = (body) => `body of ${Buffer.byteLength(body)} bytes starting ${JSON.stringify(body.slice(0, 40))}`;

/** The clock, in Unix seconds. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
