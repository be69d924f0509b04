#!/usr/bin/env python3
"""Regenerate hookseal's language-neutral test vectors (tests/vectors/<scheme>.json).

Run from anywhere:  python3 tests/vectors/generate.py

Python 3.11 standard library (hmac, hashlib, base64, json; datetime and os for plumbing), plus
`cryptography` for Ed25519 and ECDSA P-256 (pip install --user cryptography): an implementation
independent of the Rust core, written from README.md. The output is deterministic: no
randomness, no clock. The format and the semantics (error codes, check order, how a string
secret is read) are specified in tests/vectors/README.md.

Besides writing the files, this script checks itself:
  * the published vectors (Standard Webhooks, Svix, GitHub, Slack) are reproduced by this
    script's own HMAC code before anything is written;
  * every case is run through a small reference verifier written from README.md and must give
    exactly its `expect` (and, on `ok`, its `expect_covers`, `expect_id`, `expect_timestamp`,
    `expect_unsigned_id` and `expect_unsigned_event_type`);
  * every `sign` object is replayed through a reference signer and must reproduce `headers`
    exactly (same header set, same values);
  * every timestamp_too_old / timestamp_too_new case is re-run with the clock moved to the
    message's own timestamp and must then pass, so it fails for the timestamp alone.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")

COMPUTED = "computed with python3 hmac (tests/vectors/generate.py)"
DEFAULT_TOLERANCE = 300
MAX_HEADER_BYTES = 8192
MAX_SIGNATURES = 32


# --------------------------------------------------------------------------------------------
# primitives


def mac(key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, hashlib.sha256).digest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive(label: str, n: int = 24) -> bytes:
    """Deterministic pseudo-random bytes for made-up secrets and decoys."""
    return hashlib.sha256(("hookseal test vectors: " + label).encode()).digest()[:n]


def whsec(label: str) -> str:
    return "whsec_" + b64(derive(label))


def fixture(path: str) -> bytes:
    with open(os.path.join(FIXTURES, path), "rb") as f:
        return f.read()


def unix(iso: str) -> int:
    return int(datetime.datetime.fromisoformat(iso).timestamp())


def tamper(data: bytes) -> bytes:
    """Change exactly one byte: the last decimal digit in the body (0<->1, ...)."""
    for i in range(len(data) - 1, -1, -1):
        c = data[i]
        if 0x30 <= c <= 0x39:
            return data[:i] + bytes([0x30 + (c - 0x30 + 1) % 10]) + data[i + 1:]
    raise ValueError("no digit to tamper with")


# --------------------------------------------------------------------------------------------
# secrets

SW_SCHEMES = ("standard-webhooks", "svix")


class VerifyError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def sw_key(secret: str) -> bytes:
    if secret.startswith("v1,"):  # as Supabase shows its secrets
        secret = secret[len("v1,"):]
    if secret.startswith("whsec_"):
        secret = secret[len("whsec_"):]
    try:
        key = unb64(secret)
    except (ValueError, UnicodeEncodeError):
        raise VerifyError("invalid_secret")
    if not key:
        raise VerifyError("invalid_secret")
    return key


def utf8_key(secret: str) -> bytes:
    if secret == "":
        raise VerifyError("invalid_secret")
    return secret.encode("utf-8")


def string_secret_key(scheme, secret: str) -> bytes:
    if isinstance(scheme, dict):
        fmt = scheme.get("secretFormat", "utf8")
        return sw_key(secret) if fmt == "whsec" else utf8_key(secret)
    if scheme in SW_SCHEMES:
        return sw_key(secret)
    return utf8_key(secret)  # stripe included: the whole string, whsec_ and all


def case_keys(scheme, case) -> list:
    if "secrets_base64" in case:
        keys = [unb64(s) for s in case["secrets_base64"]]
        if any(not k for k in keys):
            raise VerifyError("invalid_secret")
        return keys
    return [string_secret_key(scheme, s) for s in case["secrets"]]


# --------------------------------------------------------------------------------------------
# reference signers (the `sign` objects are replayed through these)


def sw_keys(case) -> list:
    """Standard Webhooks keys: whpk_ + base64 of a 32-byte Ed25519 public key, whsk_ + base64 of
    a 64-byte seed and public key (or a 32-byte seed), anything else an HMAC key (whsec_)."""
    if "secrets_base64" in case:
        return [Key("hmac", alg="hmac-sha256", key=k) for k in case_keys("standard-webhooks", case)]
    keys = []
    for s in case["secrets"]:
        if s.startswith(("whpk_", "whsk_")):
            raw = text_bytes(s[5:], "base64")
            if s.startswith("whpk_"):
                if len(raw) != 32:
                    raise VerifyError("invalid_secret")
                keys.append(Key("ed25519", public=raw))
            elif len(raw) == 32:
                keys.append(Key("ed25519", public=ed_public(raw), seed=raw))
            elif len(raw) == 64:
                keys.append(ed_key(raw))
            else:
                raise VerifyError("invalid_secret")
        else:
            keys.append(Key("hmac", alg="hmac-sha256", key=sw_key(s)))
    return keys


def sign_headers(scheme, key, body: bytes, id=None, timestamp=None, event_type=None):
    if scheme in SW_SCHEMES:
        if isinstance(key, Key) and key.kind == "ed25519":
            sig = "v1a," + b64(key.tag(f"{id}.{timestamp}.".encode() + body))
        else:
            key = key.key if isinstance(key, Key) else key
            sig = "v1," + b64(mac(key, f"{id}.{timestamp}.".encode() + body))
        p = "webhook" if scheme == "standard-webhooks" else "svix"
        return {f"{p}-id": id, f"{p}-timestamp": str(timestamp), f"{p}-signature": sig}
    if scheme == "septiccycle":
        return {"x-septiccycle-signature": mac(key, body).hex()}
    if scheme == "x-webhook-signature":
        h = {"x-webhook-signature": "sha256=" + mac(key, body).hex()}
        if event_type is not None:
            h["x-webhook-event"] = event_type
        return h
    if scheme == "github":
        h = {"x-hub-signature-256": "sha256=" + mac(key, body).hex()}
        if id is not None:
            h["x-github-delivery"] = id
        if event_type is not None:
            h["x-github-event"] = event_type
        return h
    if scheme == "stripe":
        sig = mac(key, f"{timestamp}.".encode() + body).hex()
        return {"stripe-signature": f"t={timestamp},v1={sig}"}
    if scheme == "slack":
        sig = mac(key, f"v0:{timestamp}:".encode() + body).hex()
        return {"x-slack-request-timestamp": str(timestamp), "x-slack-signature": "v0=" + sig}
    if scheme == "shopify":
        h = {"x-shopify-hmac-sha256": b64(mac(key, body))}
        if id is not None:
            h["x-shopify-webhook-id"] = id
        if event_type is not None:
            h["x-shopify-topic"] = event_type
        return h
    raise ValueError(f"no signer for {scheme!r}")


# --------------------------------------------------------------------------------------------
# reference verifier, written from tests/vectors/README.md

BUILTIN = ("standard-webhooks", "svix", "septiccycle", "x-webhook-signature", "github",
           "stripe", "slack", "shopify")
HEX64 = re.compile(r"[0-9a-fA-F]{64}")
DIGITS = re.compile(r"[0-9]+")


class Headers:
    def __init__(self, raw: dict):
        lowered = [k.lower() for k in raw]
        assert len(set(lowered)) == len(lowered), "duplicate header names"
        self.h = {k.lower(): v.strip(" \t") for k, v in raw.items()}

    def get(self, name):
        return self.h.get(name.lower())

    def need(self, name):
        v = self.get(name)
        if v is None:
            raise VerifyError("missing_header")
        if v == "" or len(v.encode()) > MAX_HEADER_BYTES:
            raise VerifyError("malformed_header")
        return v


def parse_timestamp(text: str) -> int:
    if not DIGITS.fullmatch(text):
        raise VerifyError("invalid_timestamp")
    return int(text)


def check_tolerance(ts: int, now: int, tolerance: int, future_too=True):
    if now - ts > tolerance:
        raise VerifyError("timestamp_too_old")
    if future_too and ts - now > tolerance:
        raise VerifyError("timestamp_too_new")


def any_match(keys, content: bytes, candidates) -> bool:
    ok = False
    for key in keys:
        want = mac(key, content)
        for cand in candidates:
            if cand is not None and hmac.compare_digest(want, cand):
                ok = True
    return ok


def from_hex(text: str):
    return bytes.fromhex(text) if HEX64.fullmatch(text) else None


def from_b64(text: str):
    try:
        return unb64(text)
    except ValueError:
        return None


class Outcome:
    """What a verified case reports: the signed id and timestamp, and the unsigned metadata."""

    def __init__(self, id=None, timestamp=None, unsigned_id=None, unsigned_event_type=None):
        self.id, self.timestamp = id, timestamp
        # an empty header says nothing: reported as absent
        self.unsigned_id = unsigned_id or None
        self.unsigned_event_type = unsigned_event_type or None


# What each built-in scheme's signature covers (README: "What a signature covers").
COVERS = {
    "standard-webhooks": ["body", "timestamp", "id"], "svix": ["body", "timestamp", "id"],
    "septiccycle": ["body"], "x-webhook-signature": ["body"], "github": ["body"],
    "stripe": ["body", "timestamp"], "slack": ["body", "timestamp"], "shopify": ["body"],
}


def covers(scheme) -> list:
    if isinstance(scheme, str) and scheme in COVERS:
        return COVERS[scheme]
    return spec_covers(scheme_spec(scheme))


def literal_neighbours(template: str, placeholder: str) -> list:
    """The literal characters directly before and after `placeholder` in `template`."""
    at = template.index(placeholder)
    out = []
    if at > 0 and template[at - 1] != "}":
        out.append(template[at - 1])
    end = at + len(placeholder)
    if end < len(template) and template[end] != "{":
        out.append(template[end])
    # touching {timestamp} with nothing between (Twitch): an RFC 3339 timestamp always holds
    # ':', so a value without one cannot take the timestamp in
    if template[:at].endswith("{timestamp}") or template[end:].startswith("{timestamp}"):
        out.append(":")
    return out


# --------------------------------------------------------------------------------------------
# the scheme engine: custom scheme objects and provider presets, one reference verifier and
# signer for both, written from README.md ("Custom scheme objects", "Presets")

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

COMPUTED_ED = "computed with python3 cryptography Ed25519 (tests/vectors/generate.py)"
COMPUTED_EC = ("computed with python3 cryptography ECDSA P-256, RFC 6979 deterministic nonce "
               "(tests/vectors/generate.py)")

ALGORITHMS = ("hmac-sha256", "hmac-sha1", "hmac-sha512", "sha256", "ed25519", "ecdsa-p256",
              "token")
HASHES = {"hmac-sha256": hashlib.sha256, "hmac-sha1": hashlib.sha1,
          "hmac-sha512": hashlib.sha512}
ENCODINGS = ("hex", "base64", "base64url", "raw")
SECRET_FORMATS = ("utf8", "whsec", "base64", "hex")
TIMESTAMP_FORMATS = ("seconds", "milliseconds", "rfc3339")
CUSTOM_FIELDS = {"signatureHeader", "prefix", "encoding", "template", "idHeader",
                 "timestampHeader", "eventTypeHeader", "secretFormat", "toleranceSeconds",
                 "algorithm", "timestampFormat", "signatureKey", "timestampKey",
                 "entrySeparator", "moreSignatureHeaders", "tolerancePastOnly", "signatureField",
                 "timestampField", "idField"}
TCHAR = re.compile(r"[A-Za-z0-9!#$%&'*+\-.^_`|~]+")
ENTRY_KEY = re.compile(r"[A-Za-z0-9_-]+")


def L(text):
    return ("lit", text)


# ---- keys


def ed_seed(label):
    return derive("ed25519 seed: " + label, 32)


def ed_public(seed: bytes) -> bytes:
    return ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()


def ec_private(label):
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    scalar = int.from_bytes(hashlib.sha256(("p256 key: " + label).encode()).digest(), "big")
    return ec.derive_private_key(scalar % (n - 1) + 1, ec.SECP256R1())


def ec_public_der(private) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)


def ec_sign(private, msg: bytes) -> bytes:
    return private.sign(msg, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))


class Key:
    """kind: hmac (alg, key) | sha256 (key) | ed25519 (public, seed or None) | ecdsa (public)
    | token (secret bytes)."""

    def __init__(self, kind, alg=None, key=None, public=None, seed=None):
        self.kind, self.alg, self.key, self.public, self.seed = kind, alg, key, public, seed

    def tag(self, content: bytes):
        if self.kind == "hmac":
            return hmac.new(self.key, content, HASHES[self.alg]).digest()
        if self.kind == "sha256":
            return hashlib.sha256(self.key + content).digest()
        if self.kind == "token":
            return self.key
        if self.kind == "ed25519" and self.seed is not None:
            return ed25519.Ed25519PrivateKey.from_private_bytes(self.seed).sign(content)
        if self.kind == "ecdsa" and self.seed is not None:
            return ec_sign(self.seed, content)  # RFC 6979: the same bytes every time
        return None  # a public key only verifies

    def check(self, content: bytes, candidate: bytes) -> bool:
        if self.kind in ("hmac", "sha256", "token"):
            return hmac.compare_digest(self.tag(content), candidate)
        if self.kind == "ed25519":
            if len(candidate) != 64:
                return False
            try:
                ed25519.Ed25519PublicKey.from_public_bytes(self.public).verify(candidate, content)
                return True
            except InvalidSignature:
                return False
        if self.kind == "ecdsa":
            try:
                self.public.verify(candidate, content, ec.ECDSA(hashes.SHA256()))
                return True
            except (InvalidSignature, ValueError):
                return False
        raise AssertionError(self.kind)


def ed_key(raw: bytes) -> Key:
    if len(raw) == 32:
        return Key("ed25519", public=raw)
    if len(raw) == 64:
        seed, public = raw[:32], raw[32:]
        if ed_public(seed) != public:
            raise VerifyError("invalid_secret")  # the halves are not one key pair
        return Key("ed25519", public=public, seed=seed)
    raise VerifyError("invalid_secret")


def text_bytes(secret: str, fmt: str) -> bytes:
    try:
        if fmt == "utf8":
            raw = secret.encode("utf-8")
        elif fmt == "whsec":
            secret = secret[len("v1,"):] if secret.startswith("v1,") else secret  # Supabase
            raw = unb64(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        elif fmt == "base64":
            raw = unb64(secret)
        else:
            if not re.fullmatch(r"(?:[0-9a-fA-F]{2})*", secret):
                raise ValueError
            raw = bytes.fromhex(secret)
    except (ValueError, UnicodeEncodeError):
        raise VerifyError("invalid_secret")
    if not raw:
        raise VerifyError("invalid_secret")
    return raw


def make_key(spec, raw: bytes) -> Key:
    alg = spec["algorithm"]
    if not raw:
        raise VerifyError("invalid_secret")
    if alg in HASHES:
        return Key("hmac", alg=alg, key=raw)
    if alg == "sha256":
        return Key("sha256", key=raw)
    if alg == "token":
        return Key("token", key=raw)
    if alg == "ed25519":
        return ed_key(raw)
    # a private key is PKCS #8 DER and also verifies; a public key is SubjectPublicKeyInfo DER
    try:
        private = serialization.load_der_private_key(raw, password=None)
        if isinstance(private, ec.EllipticCurvePrivateKey):
            return Key("ecdsa", public=private.public_key(), seed=private)
    except (ValueError, TypeError):
        pass
    try:
        return Key("ecdsa", public=serialization.load_der_public_key(raw))
    except ValueError:
        raise VerifyError("invalid_secret")


def spec_keys(spec, case) -> list:
    if "secrets_base64" in case:
        return [make_key(spec, unb64(s)) for s in case["secrets_base64"]]
    return [make_key(spec, text_bytes(s, spec["secret_format"])) for s in case["secrets"]]


# ---- encodings


def decode_sig(text: str, encoding: str):
    try:
        if encoding == "hex":
            return bytes.fromhex(text) if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", text) else None
        if encoding == "base64":
            return unb64(text)
        if encoding == "base64url":
            t = text.rstrip("=")
            if not re.fullmatch(r"[A-Za-z0-9_-]*", t) or len(t) % 4 == 1:
                return None
            return base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))
        return text.encode("utf-8")
    except ValueError:
        return None


def encode_sig(raw: bytes, encoding: str) -> str:
    if encoding == "hex":
        return raw.hex()
    if encoding == "base64":
        return b64(raw)
    if encoding == "base64url":
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return raw.decode("utf-8")


# ---- timestamps

RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
                     r"(?:([Zz])|([+-])(\d{2}):(\d{2}))")


def parse_ts(text: str, fmt: str) -> int:
    if fmt in ("seconds", "milliseconds"):
        n = parse_timestamp(text)
        return n if fmt == "seconds" else n // 1000
    m = RFC3339.fullmatch(text)
    if not m:
        raise VerifyError("invalid_timestamp")
    y, mo, d, hh, mi, ss = (int(m.group(i)) for i in range(1, 7))
    try:
        day = datetime.datetime(y, mo, d, hh, mi, ss, tzinfo=datetime.timezone.utc)
    except ValueError:
        raise VerifyError("invalid_timestamp")
    offset = 0
    if m.group(9):
        oh, om = int(m.group(10)), int(m.group(11))
        if oh > 23 or om > 59:
            raise VerifyError("invalid_timestamp")
        offset = (oh * 3600 + om * 60) * (1 if m.group(9) == "+" else -1)
    seconds = int(day.timestamp()) - offset
    if y < 1970 or seconds < 0:
        raise VerifyError("invalid_timestamp")
    return seconds


def format_ts(seconds: int, fmt: str) -> str:
    if fmt == "seconds":
        return str(seconds)
    if fmt == "milliseconds":
        return str(seconds * 1000)
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


# ---- JSON body fields (a small exact parser: escapes and duplicates must be seen)


class JsonError(Exception):
    pass


def json_parse(text: str):
    """Objects as lists of (key, key_had_escape, value); strings as ("s", value, had_escape);
    numbers as ("n", text); other scalars as ("x", text); arrays as ("a", items)."""
    at = 0
    ws = " \t\r\n"

    def skip():
        nonlocal at
        while at < len(text) and text[at] in ws:
            at += 1

    def string():
        nonlocal at
        assert text[at] == '"'
        m = re.compile(r'"((?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"').match(text, at)
        if not m:
            raise JsonError("bad string")
        at = m.end()
        raw = m.group(1)
        return json.loads('"' + raw + '"'), "\\" in raw

    def value():
        nonlocal at
        skip()
        if at >= len(text):
            raise JsonError("end")
        c = text[at]
        if c == "{":
            at += 1
            items = []
            skip()
            if at < len(text) and text[at] == "}":
                at += 1
                return ("o", items)
            while True:
                skip()
                if at >= len(text) or text[at] != '"':
                    raise JsonError("key")
                k, esc = string()
                skip()
                if at >= len(text) or text[at] != ":":
                    raise JsonError(":")
                at += 1
                items.append((k, esc, value()))
                skip()
                if at < len(text) and text[at] == ",":
                    at += 1
                    continue
                if at < len(text) and text[at] == "}":
                    at += 1
                    return ("o", items)
                raise JsonError("object")
        if c == "[":
            at += 1
            items = []
            skip()
            if at < len(text) and text[at] == "]":
                at += 1
                return ("a", items)
            while True:
                items.append(value())
                skip()
                if at < len(text) and text[at] == ",":
                    at += 1
                    continue
                if at < len(text) and text[at] == "]":
                    at += 1
                    return ("a", items)
                raise JsonError("array")
        if c == '"':
            s, esc = string()
            return ("s", s, esc)
        m = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?").match(text, at)
        if m and m.end() > at:
            at = m.end()
            return ("n", m.group(0))
        for word in ("true", "false", "null"):
            if text.startswith(word, at):
                at += len(word)
                return ("x", word)
        raise JsonError("value")

    v = value()
    skip()
    if at != len(text):
        raise JsonError("trailing")
    return v


def body_field(body: bytes, path: str):
    """The text of the field at `path` (a string without escapes, or a number), None if absent;
    malformed_body if the body is not a JSON object, or the field (or a key on its path) appears
    twice or is spelt with escapes, or holds anything else."""
    try:
        node = json_parse(body.decode("utf-8"))
    except (UnicodeDecodeError, JsonError):
        raise VerifyError("malformed_body")
    for segment in path.split("."):
        if node[0] != "o":
            raise VerifyError("malformed_body")
        hits = [(esc, v) for k, esc, v in node[1] if k == segment]
        if not hits:
            return None
        if len(hits) > 1 or hits[0][0]:
            raise VerifyError("malformed_body")
        node = hits[0][1]
    if node[0] == "s" and not node[2]:
        return node[1]
    if node[0] == "n":
        return node[1]
    raise VerifyError("malformed_body")


# ---- URLs and forms (Twilio)


def query_param(url: str, name: str):
    if "?" not in url:
        return None
    query = url.split("?", 1)[1].split("#", 1)[0]
    for pair in query.split("&"):
        if "=" in pair and pair.split("=", 1)[0] == name:
            return pair.split("=", 1)[1]
    return None


def form_params(body: bytes) -> bytes:
    from urllib.parse import unquote_to_bytes
    pairs = set()
    for pair in body.split(b"&"):
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        pairs.add((unquote_to_bytes(name.replace(b"+", b" ")),
                   unquote_to_bytes(value.replace(b"+", b" "))))
    return b"".join(n + v for n, v in sorted(pairs))


def url_readings(url: str) -> list:
    m = re.fullmatch(r"(https?)://([^/?#]*)(.*)", url, re.S | re.I)
    if not m:
        return [url]
    scheme, authority, rest = m.groups()
    userinfo, at, hostport = authority.rpartition("@")
    pm = re.fullmatch(r"(.*?)(?::(\d+))?", hostport)
    host, port = pm.group(1), pm.group(2)
    if host.startswith("[") and not host.endswith("]"):
        host, port = hostport, None
    default = "443" if scheme.lower() == "https" else "80"
    base = f"{scheme}://{userinfo}{at}"
    return list(dict.fromkeys([url, f"{base}{host}{rest}", f"{base}{host}:{port or default}{rest}"]))


# ---- presets, in the README's vocabulary

TS, BODY, ID, URL, METHOD, FORM, PATH = "timestamp", "body", "id", "url", "method", "form", "path"


def is_header_part(p) -> bool:
    """A `{header:Name}` part, written "header:<lowercase name>"."""
    return isinstance(p, str) and p.startswith("header:")


def spec(sig, template, fmt=("single", "", "hex"), algorithm="hmac-sha256", secret_format="utf8",
         ts_header=None, ts_format="seconds", tolerance=DEFAULT_TOLERANCE, two_sided=True,
         id_header=None, event_header=None, more=(), body_fields=None, url_ports=False,
         sign_extra=None):
    return {"sig": sig, "template": list(template), "format": fmt, "algorithm": algorithm,
            "secret_format": secret_format, "ts_header": ts_header, "ts_format": ts_format,
            "tolerance": tolerance, "two_sided": two_sided, "id_header": id_header,
            "event_header": event_header, "more": list(more), "body_fields": body_fields or {},
            "url_ports": url_ports, "sign_extra": sign_extra or {}}


PRESETS = {
    "paddle": spec("paddle-signature", [TS, L(":"), BODY], ("kv", ";", "h1", "ts", "hex"),
                   tolerance=5, two_sided=False),
    "mux": spec("mux-signature", [TS, L("."), BODY], ("kv", ",", "v1", "t", "hex"),
                two_sided=False),
    "sanity": spec("sanity-webhook-signature", [TS, L("."), BODY],
                   ("kv", ",", "v1", "t", "base64url"), ts_format="milliseconds"),
    "zendesk": spec("x-zendesk-webhook-signature", [TS, BODY], ("single", "", "base64"),
                    ts_header="x-zendesk-webhook-signature-timestamp", ts_format="rfc3339"),
    "webflow": spec("x-webflow-signature", [TS, L(":"), BODY], ts_header="x-webflow-timestamp",
                    ts_format="milliseconds", two_sided=False),
    "box": spec("box-signature-primary", [BODY, TS], ("single", "", "base64"),
                ts_header="box-delivery-timestamp", ts_format="rfc3339", tolerance=600,
                id_header="box-delivery-id", more=["box-signature-secondary"],
                sign_extra={"box-signature-version": "1",
                            "box-signature-algorithm": "HmacSHA256"}),
    "paystack": spec("x-paystack-signature", [BODY], algorithm="hmac-sha512"),
    "hubspot-v1": spec("x-hubspot-signature", [BODY], algorithm="sha256",
                       sign_extra={"x-hubspot-signature-version": "v1"}),
    "hubspot-v2": spec("x-hubspot-signature", [METHOD, URL, BODY], algorithm="sha256",
                       sign_extra={"x-hubspot-signature-version": "v2"}),
    # Both ways, unlike HubSpot's SDKs: the timestamp touches the URL and body, so with a
    # one-sided window a URL's last digits could move into a far-future timestamp.
    "hubspot-v3": spec("x-hubspot-signature-v3", [METHOD, URL, BODY, TS], ("single", "", "base64"),
                       ts_header="x-hubspot-request-timestamp", ts_format="milliseconds"),
    "square": spec("x-square-hmacsha256-signature", [URL, BODY], ("single", "", "base64")),
    "twilio": spec("x-twilio-signature", [URL, FORM], ("single", "", "base64"),
                   algorithm="hmac-sha1", url_ports=True),
    "mailgun": spec(None, [TS, ID], body_fields={"signature": "signature.signature",
                                                 "timestamp": "signature.timestamp",
                                                 "id": "signature.token"}),
    "linear": spec("linear-signature", [BODY], ts_format="milliseconds", tolerance=60,
                   body_fields={"timestamp": "webhookTimestamp"}),
    "discord": spec("x-signature-ed25519", [TS, BODY], algorithm="ed25519", secret_format="hex",
                    ts_header="x-signature-timestamp"),
    "telnyx": spec("telnyx-signature-ed25519", [TS, L("|"), BODY], ("single", "", "base64"),
                   algorithm="ed25519", secret_format="base64", ts_header="telnyx-timestamp"),
    "sendgrid": spec("x-twilio-email-event-webhook-signature", [TS, BODY], ("single", "", "base64"),
                     algorithm="ecdsa-p256", secret_format="base64",
                     ts_header="x-twilio-email-event-webhook-timestamp"),
    "gitlab": spec("x-gitlab-token", [], ("single", "", "raw"), algorithm="token"),
    "postmark": spec("authorization", [], ("single", "Basic ", "base64"), algorithm="token"),
    "zoom": spec("x-zm-signature", [L("v0:"), TS, L(":"), BODY], ("single", "v0=", "hex"),
                 ts_header="x-zm-request-timestamp"),
    "meta": spec("x-hub-signature-256", [BODY], ("single", "sha256=", "hex")),
    "whatsapp": spec("x-hub-signature-256", [BODY], ("single", "sha256=", "hex")),
    "twitter": spec("x-twitter-webhooks-signature", [BODY], ("single", "sha256=", "base64")),
}


def parse_custom_template(template: str) -> list:
    out, rest = [], template
    while rest:
        if "{" not in rest:
            out.append(L(rest))
            break
        i = rest.index("{")
        if i:
            out.append(L(rest[:i]))
        j = rest.find("}", i)
        if j < 0:
            raise VerifyError("invalid_scheme")
        name = rest[i + 1:j]
        if name.startswith("header:") and TCHAR.fullmatch(name[len("header:"):]):
            name = "header:" + name[len("header:"):].lower()
        elif name not in (ID, TS, BODY, URL, METHOD, PATH, FORM):
            raise VerifyError("invalid_scheme")
        out.append(name)
        rest = rest[j + 1:]
    return out


def custom_spec(s) -> dict:
    """A custom scheme object as a spec, or invalid_scheme (README: Custom scheme objects)."""
    def bad():
        raise VerifyError("invalid_scheme")

    if not isinstance(s, dict) or set(s) - CUSTOM_FIELDS:
        bad()
    strings = ("signatureHeader", "prefix", "encoding", "template", "idHeader", "timestampHeader",
               "eventTypeHeader", "secretFormat", "algorithm", "timestampFormat", "signatureKey",
               "timestampKey", "entrySeparator", "signatureField", "timestampField", "idField")
    if any(k in s and not isinstance(s[k], str) for k in strings):
        bad()
    headers = [s.get(k) for k in ("signatureHeader", "idHeader", "timestampHeader",
                                  "eventTypeHeader") if k in s]
    more = s.get("moreSignatureHeaders", [])
    if not isinstance(more, list) or any(not isinstance(h, str) for h in more):
        bad()
    # the signature is in a header or in a body field, one of the two
    if ("signatureHeader" in s) == ("signatureField" in s):
        bad()
    if any(not TCHAR.fullmatch(h) for h in headers + more):
        bad()
    for field in ("signatureField", "timestampField", "idField"):
        if field in s and not all(k and all(33 <= ord(c) < 127 and c not in '"\\' for c in k)
                                  for k in s[field].split(".")):
            bad()
    algorithm = s.get("algorithm", "hmac-sha256")
    encoding = s.get("encoding", "hex")
    if (algorithm not in ALGORITHMS or encoding not in ENCODINGS
            or s.get("secretFormat", "utf8") not in SECRET_FORMATS
            or s.get("timestampFormat", "seconds") not in TIMESTAMP_FORMATS):
        bad()
    tol = s.get("toleranceSeconds", DEFAULT_TOLERANCE)
    if not isinstance(tol, int) or isinstance(tol, bool) or tol < 0:
        bad()
    if not isinstance(s.get("tolerancePastOnly", False), bool):
        bad()
    prefix = s.get("prefix", "")
    if not all(0x20 <= ord(c) < 0x7f for c in prefix):
        bad()
    if prefix.startswith(" ") or len(prefix) > 256:
        bad()  # HTTP trims a leading space; a long prefix is no signature header
    roles = [s.get(k) for k in ("signatureHeader", "idHeader", "timestampHeader",
                                "eventTypeHeader")] + list(s.get("moreSignatureHeaders", []))
    roles = [r.lower() for r in roles if isinstance(r, str)]
    if len(set(roles)) != len(roles):
        bad()  # one header holds one value
    template = s.get("template", "{body}")
    parts = parse_custom_template(template)
    bodies = parts.count(BODY) + parts.count(FORM)
    in_body = "signatureField" in s
    if bodies > 1 or (bodies == 0 and not in_body) or (bodies and in_body):
        bad()  # the body signed once; a signature inside the body cannot sign it
    fields = [p for p in parts if not isinstance(p, tuple)]
    if len(set(fields)) != len(fields):
        bad()  # each field once
    if any(not isinstance(a, tuple) and not isinstance(b, tuple)
           for a, b in zip(parts, parts[1:])):
        bad()  # two fields touch
    if TS in parts and any(c.isdigit() for c in literal_neighbours(template, "{timestamp}")):
        bad()
    if "idHeader" in s and "idField" in s:
        bad()
    if ID in parts and "idHeader" not in s and "idField" not in s:
        bad()
    sources = sum(k in s for k in ("timestampHeader", "timestampKey", "timestampField"))
    if sources > 1:
        bad()
    if TS in parts and sources == 0:
        bad()
    if sources == 1 and TS not in parts and not ("timestampField" in s and BODY in parts):
        bad()  # an unsigned timestamp proves nothing
    if algorithm == "token" and template != "{body}":
        bad()  # a token signs nothing: no field can be said to be signed
    if encoding == "raw" and algorithm != "token":
        bad()  # only a token is sent as it is
    if "signatureKey" in s:
        sep = s.get("entrySeparator", ",")
        if not ENTRY_KEY.fullmatch(s["signatureKey"]):
            bad()
        if "timestampKey" in s and (not ENTRY_KEY.fullmatch(s["timestampKey"])
                                    or s["timestampKey"] == s["signatureKey"]):
            bad()
        if len(sep) != 1 or sep == "=" or not (sep == " " or (sep.isascii() and not sep.isalnum()
                                                             and sep.isprintable())):
            bad()
        if prefix:
            bad()
        fmt = ("kv", sep, s["signatureKey"], s.get("timestampKey"), encoding)
    else:
        if "timestampKey" in s or "entrySeparator" in s:
            bad()
        fmt = ("single", prefix, encoding)
    body_fields = {role: s[field] for role, field in (("signature", "signatureField"),
                                                      ("timestamp", "timestampField"),
                                                      ("id", "idField")) if field in s}
    return spec(s.get("signatureHeader"), parts, fmt, algorithm=algorithm, body_fields=body_fields,
                secret_format=s.get("secretFormat", "utf8"),
                ts_header=s.get("timestampHeader"),
                ts_format=s.get("timestampFormat", "seconds"), tolerance=tol,
                id_header=s.get("idHeader"), event_header=s.get("eventTypeHeader"), more=more,
                two_sided=not s.get("tolerancePastOnly", False))


def scheme_spec(scheme):
    if isinstance(scheme, dict):
        return custom_spec(scheme)
    if scheme in PRESETS:
        return PRESETS[scheme]
    return None


def spec_covers(sp) -> list:
    t = sp["template"]
    if sp["algorithm"] == "token":
        return []
    body = BODY in t
    bf = sp["body_fields"]
    out = []
    if body:
        out.append("body")
    if TS in t or (body and "timestamp" in bf):
        out.append("timestamp")
    if ID in t or (body and "id" in bf):
        out.append("id")
    if URL in t or PATH in t:
        out.append("url")
    if METHOD in t:
        out.append("method")
    if any(is_header_part(p) for p in t):
        out.append("headers")
    return out


def parse_signatures(fmt, value: str):
    """(candidate texts, timestamp entry or None), or malformed_header."""
    if fmt[0] == "sw":
        return parse_sw_signatures(value)
    if fmt[0] == "single":
        _, prefix, _ = fmt
        if not value.startswith(prefix):
            raise VerifyError("malformed_header")
        return [value[len(prefix):]], None
    _, sep, sig_key, ts_key, _ = fmt
    cands, ts = [], []
    for entry in value.split(sep):
        entry = entry.strip(" \t")
        if "=" not in entry:
            raise VerifyError("malformed_header")
        k, v = entry.split("=", 1)
        if k == ts_key:
            ts.append(v)
        elif k == sig_key:
            cands.append(v)
    if ts_key is not None and len(ts) != 1:
        raise VerifyError("malformed_header")
    return cands, (ts[0] if ts else None)


def verify_spec(sp, case):
    keys = spec_keys(sp, case)
    body = body_bytes(case)
    h = Headers(case["headers"])
    bf = sp["body_fields"]
    encoding = sp["format"][-1]
    template = sp["template"]
    custom_template = "".join(p[1] if isinstance(p, tuple) else "{" + p + "}" for p in template)
    # 1. signatures
    if "signature" in bf:
        text = body_field(body, bf["signature"])
        if text is None:
            raise VerifyError("malformed_body")
        try:
            cands, ts_entry = parse_signatures(sp["format"], text)
        except VerifyError:
            raise VerifyError("malformed_body")
    else:
        cands, ts_entry = parse_signatures(sp["format"], h.need(sp["sig"]))
        for name in sp["more"]:
            v = h.get(name)
            if v is not None:
                if len(v.encode()) > MAX_HEADER_BYTES:
                    raise VerifyError("malformed_header")
                cands += parse_signatures(sp["format"], v)[0]
    if len(cands) > MAX_SIGNATURES:
        raise VerifyError("malformed_header")
    # 2. id
    mid = None
    if "id" in bf:
        mid = body_field(body, bf["id"])
        if ID in template and not mid:
            raise VerifyError("malformed_body")
    elif sp["id_header"]:
        mid = h.need(sp["id_header"]) if ID in template else h.get(sp["id_header"])
    if ID in template and any(c in mid for c in literal_neighbours(custom_template, "{id}")):
        raise VerifyError("malformed_body" if "id" in bf else "malformed_header")
    # 3. timestamp
    ts_text = None
    if sp["format"][0] == "kv" and sp["format"][3] is not None:
        ts_text = ts_entry
    elif "timestamp" in bf:
        ts_text = body_field(body, bf["timestamp"])
        if ts_text is None:
            raise VerifyError("malformed_body")
    elif sp["ts_header"]:
        ts_text = h.need(sp["ts_header"])
    ts = None
    if ts_text is not None:
        ts = parse_ts(ts_text, sp["ts_format"])
        tol = case.get("tolerance_seconds", sp["tolerance"])
        try:
            check_tolerance(ts, case["now"], tol, future_too=sp["two_sided"])
        except VerifyError as e:
            e.ts = ts
            raise
    # 4. request context, and headers signed by name
    url, method = case.get("url"), case.get("method")
    if (URL in template or FORM in template or PATH in template) and url is None:
        raise VerifyError("missing_url")
    named = {}
    for p in template:
        if is_header_part(p):
            value = h.get(p[len("header:"):])
            if value is None:
                raise VerifyError("missing_header")
            if len(value.encode()) > MAX_HEADER_BYTES:
                raise VerifyError("malformed_header")
            if any(c in value for c in literal_neighbours(custom_template, "{" + p + "}")):
                raise VerifyError("malformed_header")  # it would trade bytes with a neighbour
            named[p] = value
    if METHOD in template and method is None:
        raise VerifyError("missing_method")
    form = b""
    if FORM in template:
        expected = query_param(url, "bodySHA256")
        if expected is not None:
            if not hmac.compare_digest(hashlib.sha256(body).hexdigest(), expected):
                raise VerifyError("no_matching_signature")
        else:
            form = form_params(body)
    # 5. signatures
    decoded = [d for d in (decode_sig(c, encoding) for c in cands) if d is not None]
    urls = url_readings(url) if sp["url_ports"] else [url]
    ok = False
    for u in urls:
        content = signed_content(template, body, mid, ts_text, u, method, form, named)
        for key in keys:
            for d in decoded:
                ok |= key.check(content, d)
    if not ok:
        raise VerifyError("no_matching_signature")
    unsigned_id = mid if ID not in template else None
    etype = h.get(sp["event_header"]) if sp["event_header"] else None
    return Outcome(id=mid if ID in template else None, timestamp=ts, unsigned_id=unsigned_id,
                   unsigned_event_type=etype)


def url_path(url: str) -> str:
    """The URL's path and query: what follows scheme and host ("/" at least)."""
    m = re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^#]*)(#.*)?", url, re.S)
    if not m:
        return url
    return m.group(1) or "/"


def signed_content(template, body, mid, ts_text, url, method, form, named=None) -> bytes:
    out = b""
    for p in template:
        if isinstance(p, tuple):
            out += p[1].encode()
        elif is_header_part(p):
            out += named[p].encode()
        elif p == PATH:
            out += url_path(url).encode()
        elif p == BODY:
            out += body
        elif p == ID:
            out += mid.encode()
        elif p == TS:
            out += ts_text.encode()
        elif p == URL:
            out += url.encode()
        elif p == METHOD:
            out += method.encode()
        elif p == FORM:
            out += form
    return out


def sign_spec(sp, key: Key, body: bytes, id=None, timestamp=None, event_type=None, url=None,
              method=None, given_headers=None) -> dict:
    assert not sp["body_fields"].get("signature"), "signature in the body: not signable"
    t = sp["template"]
    ts_text = format_ts(timestamp, sp["ts_format"]) if timestamp is not None else None
    form = b""
    if FORM in t and query_param(url, "bodySHA256") is None:
        form = form_params(body)
    given = {k.lower(): v for k, v in (given_headers or {}).items()}
    named = {p: given[p[len("header:"):]] for p in t if is_header_part(p)}
    raw = key.tag(signed_content(t, body, id, ts_text, url, method, form, named))
    assert raw is not None
    fmt = sp["format"]
    if fmt[0] == "sw":
        sig = "v1," + encode_sig(raw, "base64")
    elif fmt[0] == "single":
        sig = fmt[1] + encode_sig(raw, fmt[2])
    else:
        _, sep, sig_key, ts_key, enc = fmt
        sig = f"{sig_key}={encode_sig(raw, enc)}"
        if ts_key is not None:
            sig = f"{ts_key}={ts_text}{sep}{sig}"
    out = {}
    if sp["id_header"] and id is not None:
        out[sp["id_header"].lower()] = id
    if sp["ts_header"] and ts_text is not None:
        out[sp["ts_header"].lower()] = ts_text
    out[sp["sig"].lower()] = sig
    if sp["event_header"] and event_type is not None:
        out[sp["event_header"].lower()] = event_type
    out.update(sp["sign_extra"])
    out.update({p[len("header:"):]: v for p, v in named.items()})
    return out


def verify(file_scheme, case):
    """Return (id, timestamp, event_type) or raise VerifyError(code)."""
    scheme = case.get("scheme", file_scheme)
    if isinstance(scheme, dict) or scheme in PRESETS:
        return verify_spec(scheme_spec(scheme), case)
    if scheme not in BUILTIN:
        raise VerifyError("invalid_scheme")
    keys = sw_keys(case) if scheme in SW_SCHEMES else case_keys(scheme, case)
    body = body_bytes(case)
    h = Headers(case["headers"])
    now = case["now"]

    if isinstance(scheme, dict):
        tol = case.get("tolerance_seconds", scheme.get("toleranceSeconds", DEFAULT_TOLERANCE))
    else:
        tol = case.get("tolerance_seconds", DEFAULT_TOLERANCE)

    if scheme in SW_SCHEMES:
        # the webhook-* names, or the svix-* names when webhook-signature is absent; no case
        # mixes the two families, so per-header fallback would read these cases the same way
        families = {k.split("-", 1)[0] for k in h.h if k.startswith(("webhook-", "svix-"))}
        assert len(families) <= 1, f"{case['name']!r} mixes webhook-* and svix-* headers"
        p = "webhook" if h.get("webhook-signature") is not None else "svix"
        mid = h.need(f"{p}-id")
        if "." in mid:
            raise VerifyError("malformed_header")  # bytes could move between id and body
        ts_text = h.need(f"{p}-timestamp")
        sig_header = h.need(f"{p}-signature")
        # a trailing comma is no part of an entry (Supabase joins entries with ", ")
        entries = [e[:-1] if e.endswith(",") and "," in e[:-1] else e
                   for e in sig_header.split(" ")]
        if len(entries) > MAX_SIGNATURES or any("," not in e for e in entries):
            raise VerifyError("malformed_header")
        ts = parse_timestamp(ts_text)
        check_tolerance(ts, now, tol)
        # an HMAC key checks the v1 entries, an Ed25519 key the v1a entries
        content = f"{mid}.{ts_text}.".encode() + body
        ok = False
        for key in keys:
            version = "v1a" if key.kind == "ed25519" else "v1"
            for e in entries:
                v, text = e.split(",", 1)
                d = from_b64(text)
                if v == version and d is not None:
                    ok |= key.check(content, d)
        if not ok:
            raise VerifyError("no_matching_signature")
        return Outcome(id=mid, timestamp=ts)

    if scheme == "septiccycle":
        v = h.need("x-septiccycle-signature")
        if not any_match(keys, body, [from_hex(v)]):
            raise VerifyError("no_matching_signature")
        return Outcome()

    if scheme in ("x-webhook-signature", "github"):
        name = "x-webhook-signature" if scheme == "x-webhook-signature" else "x-hub-signature-256"
        v = h.need(name)
        if not v.startswith("sha256="):
            raise VerifyError("malformed_header")
        if not any_match(keys, body, [from_hex(v[len("sha256="):])]):
            raise VerifyError("no_matching_signature")
        if scheme == "github":  # GitHub signs neither its delivery id nor its event name
            return Outcome(unsigned_id=h.get("x-github-delivery"),
                           unsigned_event_type=h.get("x-github-event"))
        return Outcome(unsigned_event_type=h.get("x-webhook-event"))

    if scheme == "stripe":
        v = h.need("stripe-signature")
        items = [i.split("=", 1) for i in v.split(",")]
        ts_items = [i[1] for i in items if len(i) == 2 and i[0] == "t"]
        v1 = [i[1] for i in items if len(i) == 2 and i[0] == "v1"]
        if len(ts_items) != 1 or len(v1) > MAX_SIGNATURES:
            raise VerifyError("malformed_header")
        ts = parse_timestamp(ts_items[0])
        check_tolerance(ts, now, tol, future_too=False)
        if not any_match(keys, f"{ts_items[0]}.".encode() + body, [from_hex(s) for s in v1]):
            raise VerifyError("no_matching_signature")
        return Outcome(timestamp=ts)

    if scheme == "slack":
        v = h.need("x-slack-signature")
        ts_text = h.need("x-slack-request-timestamp")
        if not v.startswith("v0="):
            raise VerifyError("malformed_header")
        ts = parse_timestamp(ts_text)
        check_tolerance(ts, now, tol)
        if not any_match(keys, f"v0:{ts_text}:".encode() + body, [from_hex(v[3:])]):
            raise VerifyError("no_matching_signature")
        return Outcome(timestamp=ts)

    if scheme == "shopify":
        v = h.need("x-shopify-hmac-sha256")
        if not any_match(keys, body, [from_b64(v)]):
            raise VerifyError("no_matching_signature")
        return Outcome(unsigned_id=h.get("x-shopify-webhook-id"),
                       unsigned_event_type=h.get("x-shopify-topic"))

    raise AssertionError(scheme)


def body_bytes(case) -> bytes:
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_base64" in case:
        return unb64(case["body_base64"])
    return fixture(case["body_fixture"])


def run(file_scheme, case, error=False):
    try:
        out = "ok", verify(file_scheme, case)
        return out + (None,) if error else out
    except VerifyError as e:
        return (e.code, None, e) if error else (e.code, None)


# --------------------------------------------------------------------------------------------
# case construction

FIELD_ORDER = ["name", "source", "scheme", "secrets", "secrets_base64", "headers", "url",
               "method", "body",
               "body_base64", "body_fixture", "now", "tolerance_seconds", "expect",
               "expect_covers", "expect_id", "expect_timestamp", "expect_unsigned_id",
               "expect_unsigned_event_type", "sign"]


def case(name, source, expect, headers, now, *, secrets=None, secrets_base64=None, body=None,
         body_base64=None, body_fixture=None, scheme=None, tolerance_seconds=None, sign=None,
         wrong_signature=False, url=None, method=None):
    c = {"name": name, "source": source}
    if url is not None:
        c["url"] = url
    if method is not None:
        c["method"] = method
    if scheme is not None:
        c["scheme"] = scheme
    assert (secrets is None) != (secrets_base64 is None), name
    if secrets is not None:
        c["secrets"] = list(secrets)
    else:
        c["secrets_base64"] = list(secrets_base64)
    c["headers"] = dict(headers)
    bodies = [x for x in (body, body_base64, body_fixture) if x is not None]
    assert len(bodies) == 1, name
    if body is not None:
        if isinstance(body, bytes):
            try:
                body = body.decode("utf-8")
            except UnicodeDecodeError:
                body_base64, body = b64(body), None
        if body is not None:
            c["body"] = body
    if body_base64 is not None:
        c["body_base64"] = body_base64 if isinstance(body_base64, str) else b64(body_base64)
    if body_fixture is not None:
        c["body_fixture"] = body_fixture
    c["now"] = now
    if tolerance_seconds is not None:
        c["tolerance_seconds"] = tolerance_seconds
    c["expect"] = expect
    if sign is not None:
        c["sign"] = dict(sign)
    c["_wrong_signature"] = wrong_signature
    return c


def finish(file_scheme, cases):
    """Self-check every case, fill in expect_* on ok cases, order the fields."""
    names = set()
    out = []
    for c in cases:
        assert c["name"] not in names, f"duplicate name {c['name']!r}"
        names.add(c["name"])
        got, info, err = run(file_scheme, c, error=True)
        assert got == c["expect"], f"{file_scheme}: {c['name']!r}: expected {c['expect']}, got {got}"
        if got == "ok":
            c["expect_covers"] = covers(c.get("scheme", file_scheme))
            for field, value in (("expect_id", info.id), ("expect_timestamp", info.timestamp),
                                 ("expect_unsigned_id", info.unsigned_id),
                                 ("expect_unsigned_event_type", info.unsigned_event_type)):
                if value is not None:
                    c[field] = value
        else:
            assert "sign" not in c, c["name"]
        if got in ("timestamp_too_old", "timestamp_too_new"):
            # the same message read at its own timestamp: must pass, unless deliberately wrong
            scheme = c.get("scheme", file_scheme)
            h = Headers(c["headers"])
            if getattr(err, "ts", None) is not None:
                ts_text = str(err.ts)
            elif scheme in SW_SCHEMES:
                ts_text = h.get("webhook-timestamp") or h.get("svix-timestamp")
            elif scheme == "slack":
                ts_text = h.get("x-slack-request-timestamp")
            else:
                ts_text = dict(i.split("=", 1) for i in h.get("stripe-signature").split(","))["t"]
            moved = dict(c, now=int(ts_text))
            again, _ = run(file_scheme, moved)
            want = "no_matching_signature" if c["_wrong_signature"] else "ok"
            assert again == want, f"{c['name']!r}: at its own timestamp gives {again}"
        if "sign" in c:
            scheme = c.get("scheme", file_scheme)
            assert len(c.get("secrets", c.get("secrets_base64", []))) == 1, c["name"]
            s = c["sign"]
            sp = scheme_spec(scheme)
            if sp is not None:
                made = sign_spec(sp, spec_keys(sp, c)[0], body_bytes(c), s.get("id"),
                                 s.get("timestamp"), s.get("event_type"), c.get("url"),
                                 c.get("method"), c["headers"])
            else:
                key = sw_keys(c)[0] if scheme in SW_SCHEMES else case_keys(scheme, c)[0]
                made = sign_headers(scheme, key, body_bytes(c), s.get("id"), s.get("timestamp"),
                                    s.get("event_type"))
            given = {k.lower(): v for k, v in c["headers"].items()}
            assert made == given, f"{c['name']!r}: sign gives {made}, headers are {given}"
        out.append({k: c[k] for k in FIELD_ORDER if k in c})
    return {"scheme": file_scheme, "cases": out}


def write(file_scheme, cases, file_name=None):
    doc = finish(file_scheme, cases)
    path = os.path.join(HERE, f"{file_name or file_scheme}.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    print(f"{os.path.relpath(path)}: {len(doc['cases'])} cases")


# --------------------------------------------------------------------------------------------
# published vectors

SWV = {  # Standard Webhooks libraries' vector
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "ts": 1614265330,
    "body": '{"test": 2432232314}',
    "sig": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    "source": "Standard Webhooks libraries' published test vector",
}
SVIXV = {  # Svix Rust library's vector
    "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
    "id": "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
    "ts": 1649367553,
    "body": '{"email":"test@example.com","username":"test_user"}',
    "sig": "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
    "source": "Svix Rust library's published test vector",
}
GITHUBV = {
    "secret": "It's a Secret to Everybody",
    "body": "Hello, World!",
    "sig": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    "source": "GitHub Docs: Validating webhook deliveries",
}
SLACKV = {
    "secret": "8f742231b10e8888abcd99yyyzzz85a5",
    "ts": 1531420618,
    "body": "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
            "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
    "sig": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    "source": "Slack docs: Verifying requests from Slack (worked example)",
}


def check_published():
    for v in (SWV, SVIXV):
        got = sign_headers("standard-webhooks", sw_key(v["secret"]), v["body"].encode(), v["id"],
                           v["ts"])["webhook-signature"]
        assert got == v["sig"], (v["source"], got)
    got = sign_headers("github", utf8_key(GITHUBV["secret"]), GITHUBV["body"].encode())
    assert got["x-hub-signature-256"] == GITHUBV["sig"], got
    got = sign_headers("slack", utf8_key(SLACKV["secret"]), SLACKV["body"].encode(),
                       timestamp=SLACKV["ts"])
    assert got["x-slack-signature"] == SLACKV["sig"], got


NON_UTF8 = b'\x00\xff\xfe{"bytes": "\x80\x81\xc3("}\r\n\xf0\x28\x8c\xbc'
assert not NON_UTF8.isascii()


def not_utf8():
    try:
        NON_UTF8.decode("utf-8")
    except UnicodeDecodeError:
        return NON_UTF8
    raise AssertionError("NON_UTF8 decodes as UTF-8")


# --------------------------------------------------------------------------------------------
# standard-webhooks.json

SMARTCOMPLY = ["test.submitted", "test.failed", "assembly.due_soon", "iu.exceedance_detected",
               "permit.expiring", "manifest.filed", "notice.created", "inspection.completed",
               "report.certified", "partner.approved", "partner.application_submitted",
               "webhook.test"]


def sw_sig(key: bytes, mid: str, ts_text: str, body: bytes) -> str:
    return "v1," + b64(mac(key, f"{mid}.{ts_text}.".encode() + body))


def sw_headers(mid, ts, sig, prefix="webhook"):
    return {f"{prefix}-id": mid, f"{prefix}-timestamp": str(ts), f"{prefix}-signature": sig}


def standard_webhooks_cases():
    cases = []
    S = "standard-webhooks"
    vkey = sw_key(SWV["secret"])
    vb = SWV["body"].encode()
    vid, vts = SWV["id"], SWV["ts"]

    def vec_headers(sig=SWV["sig"], ts=vts, mid=vid):
        return sw_headers(mid, ts, sig)

    cases.append(case("Standard Webhooks libraries' vector", SWV["source"], "ok", vec_headers(),
                      vts, secrets=[SWV["secret"]], body=SWV["body"],
                      sign={"id": vid, "timestamp": vts}))
    cases.append(case("Svix Rust library's vector", SVIXV["source"], "ok",
                      sw_headers(SVIXV["id"], SVIXV["ts"], SVIXV["sig"]), SVIXV["ts"],
                      secrets=[SVIXV["secret"]], body=SVIXV["body"],
                      sign={"id": SVIXV["id"], "timestamp": SVIXV["ts"]}))

    # An id holding the template's separator lets bytes move between id and body: a genuine
    # message (id m, body "<ts>.x") re-sent as id "m.<ts>", body "x" signs the same bytes.
    skey = sw_key(SWV["secret"])
    shifted_body = f"{vts}.{SWV['body']}"
    genuine = sw_sig(skey, "msg_dot", str(vts), shifted_body.encode())
    cases.append(case("an id containing '.' is refused: the genuine message with bytes moved "
                      "from the body into the id", COMPUTED, "malformed_header",
                      vec_headers(sig=genuine, mid=f"msg_dot.{vts}"), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("the genuine message the '.' case was cut from", COMPUTED, "ok",
                      vec_headers(sig=genuine, mid="msg_dot"), vts, secrets=[SWV["secret"]],
                      body=shifted_body, sign={"id": "msg_dot", "timestamp": vts}))

    # every SmartComply fixture, signed
    sc_secret = whsec("smartcomply endpoint secret")
    sc_key = sw_key(sc_secret)
    for ev in SMARTCOMPLY:
        path = f"smartcomply/{ev}.json"
        doc = json.loads(fixture(path))
        ts = unix(doc["created_at"])
        cases.append(case(f"SmartComply {ev} fixture", f"fixture {path}, {COMPUTED}", "ok",
                          sw_headers(doc["id"], ts, sw_sig(sc_key, doc["id"], str(ts),
                                                           fixture(path))),
                          ts + 2, secrets=[sc_secret], body_fixture=path,
                          sign={"id": doc["id"], "timestamp": ts}))

    base_path = "smartcomply/test.submitted.json"
    base = fixture(base_path)
    bdoc = json.loads(base)
    bid, bts = bdoc["id"], unix(bdoc["created_at"])
    bsig = sw_sig(sc_key, bid, str(bts), base)
    src = f"fixture {base_path}, {COMPUTED}"

    cases.append(case("secret without the whsec_ prefix", src, "ok", sw_headers(bid, bts, bsig),
                      bts, secrets=[sc_secret[len("whsec_"):]], body_fixture=base_path,
                      sign={"id": bid, "timestamp": bts}))
    cases.append(case("svix-* header names accepted", src, "ok",
                      sw_headers(bid, bts, bsig, prefix="svix"), bts, secrets=[sc_secret],
                      body_fixture=base_path))
    cases.append(case("mixed-case header names", src, "ok",
                      {"Webhook-Id": bid, "Webhook-Timestamp": str(bts),
                       "WEBHOOK-SIGNATURE": bsig},
                      bts, secrets=[sc_secret], body_fixture=base_path))
    cases.append(case("header values trimmed of surrounding spaces and tabs", src, "ok",
                      {"webhook-id": f" {bid}\t", "webhook-timestamp": f"\t{bts} ",
                       "webhook-signature": f"  {bsig} \t"},
                      bts, secrets=[sc_secret], body_fixture=base_path))
    cases.append(case("extra unrelated headers ignored", src, "ok",
                      {"content-type": "application/json", "user-agent": "SmartComply-Webhooks/1.0",
                       **sw_headers(bid, bts, bsig)},
                      bts, secrets=[sc_secret], body_fixture=base_path))

    old_secret = whsec("smartcomply previous secret")
    old_key = sw_key(old_secret)
    cases.append(case("rotation: two secrets, the second matches", src, "ok",
                      sw_headers(bid, bts, bsig), bts, secrets=[old_secret, sc_secret],
                      body_fixture=base_path))
    several = " ".join([
        "v2," + b64(derive("a future version's signature", 32)),
        sw_sig(old_key, bid, str(bts), base),
        bsig,
    ])
    cases.append(case("several signatures, unknown v2 entry first, last v1 matches", src, "ok",
                      sw_headers(bid, bts, several), bts, secrets=[sc_secret],
                      body_fixture=base_path))

    raw = not_utf8()
    cases.append(case("non-UTF-8 body", COMPUTED, "ok",
                      sw_headers(bid, bts, sw_sig(sc_key, bid, str(bts), raw)), bts,
                      secrets=[sc_secret], body_base64=raw, sign={"id": bid, "timestamp": bts}))
    cases.append(case("empty body", COMPUTED, "ok",
                      sw_headers(bid, bts, sw_sig(sc_key, bid, str(bts), b"")), bts,
                      secrets=[sc_secret], body="", sign={"id": bid, "timestamp": bts}))
    rawkey = derive("raw key bytes", 32)
    cases.append(case("secrets_base64: raw key bytes", src, "ok",
                      sw_headers(bid, bts, sw_sig(rawkey, bid, str(bts), base)), bts,
                      secrets_base64=[b64(rawkey)], body_fixture=base_path,
                      sign={"id": bid, "timestamp": bts}))
    longkey = (derive("long raw key a", 32) + derive("long raw key b", 32)
               + derive("long raw key c", 36))
    cases.append(case("secrets_base64: 100-byte raw key (longer than the HMAC block)", src, "ok",
                      sw_headers(bid, bts, sw_sig(longkey, bid, str(bts), base)), bts,
                      secrets_base64=[b64(longkey)], body_fixture=base_path,
                      sign={"id": bid, "timestamp": bts}))

    # 32 candidates is the limit; 33 is too many
    decoys = ["v1," + b64(derive(f"decoy signature {i}", 32)) for i in range(32)]
    cases.append(case("32 signatures, the last matches", src, "ok",
                      sw_headers(bid, bts, " ".join(decoys[:31] + [bsig])), bts,
                      secrets=[sc_secret], body_fixture=base_path))
    cases.append(case("33 signatures", src, "malformed_header",
                      sw_headers(bid, bts, " ".join(decoys + [bsig])), bts, secrets=[sc_secret],
                      body_fixture=base_path))
    # 8192 bytes is the limit; 8193 is over
    filler_len = MAX_HEADER_BYTES - len("v2,") - len(" ") - len(bsig)
    at_limit = "v2," + "A" * filler_len + " " + bsig
    assert len(at_limit) == MAX_HEADER_BYTES
    cases.append(case("signature header of exactly 8192 bytes", src, "ok",
                      sw_headers(bid, bts, at_limit), bts, secrets=[sc_secret],
                      body_fixture=base_path))
    over = "v2," + "A" * (filler_len + 1) + " " + bsig
    cases.append(case("signature header over 8192 bytes", src, "malformed_header",
                      sw_headers(bid, bts, over), bts, secrets=[sc_secret],
                      body_fixture=base_path))

    # missing / malformed headers (on the published vector)
    vsrc = SWV["source"] + ", headers edited"
    for missing in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        h = vec_headers()
        del h[missing]
        cases.append(case(f"missing {missing}", vsrc, "missing_header", h, vts,
                          secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("no headers at all", vsrc, "missing_header", {}, vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("empty webhook-signature", vsrc, "malformed_header", vec_headers(sig=""),
                      vts, secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("empty webhook-id", vsrc, "malformed_header", vec_headers(mid=""), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("signature entry without a comma", vsrc, "malformed_header",
                      vec_headers(sig=SWV["sig"].replace(",", "=", 1)), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("a valid entry followed by an entry without a comma", vsrc,
                      "malformed_header", vec_headers(sig=SWV["sig"] + " v1"), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))

    # timestamps: each signature is correct for the timestamp text sent
    for text in ("abc", "-5", "1.5", "+1614265330", "1614265330 1614265330"):
        cases.append(case(f"timestamp {text!r} is not plain decimal seconds", COMPUTED,
                          "invalid_timestamp",
                          vec_headers(sig=sw_sig(vkey, vid, text, vb), ts=text), vts,
                          secrets=[SWV["secret"]], body=SWV["body"]))
    ms = "1614265330000"
    cases.append(case("timestamp in milliseconds reads as far in the future", COMPUTED,
                      "timestamp_too_new", vec_headers(sig=sw_sig(vkey, vid, ms, vb), ts=ms),
                      vts, secrets=[SWV["secret"]], body=SWV["body"]))
    clock = SWV["source"] + ", verifier clock moved"
    cases.append(case("301 s old", clock, "timestamp_too_old", vec_headers(), vts + 301,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("301 s in the future", clock, "timestamp_too_new", vec_headers(),
                      vts - 301, secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("exactly 300 s old", clock, "ok", vec_headers(), vts + 300,
                      secrets=[SWV["secret"]], body=SWV["body"],
                      sign={"id": vid, "timestamp": vts}))
    cases.append(case("exactly 300 s in the future", clock, "ok", vec_headers(), vts - 300,
                      secrets=[SWV["secret"]], body=SWV["body"],
                      sign={"id": vid, "timestamp": vts}))
    cases.append(case("tolerance_seconds 60: 61 s old", clock, "timestamp_too_old",
                      vec_headers(), vts + 61, tolerance_seconds=60, secrets=[SWV["secret"]],
                      body=SWV["body"]))
    cases.append(case("tolerance_seconds 60: 60 s old", clock, "ok", vec_headers(), vts + 60,
                      tolerance_seconds=60, secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("tolerance_seconds 0: same second", clock, "ok", vec_headers(), vts,
                      tolerance_seconds=0, secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("tolerance_seconds 0: 1 s old", clock, "timestamp_too_old", vec_headers(),
                      vts + 1, tolerance_seconds=0, secrets=[SWV["secret"]], body=SWV["body"]))

    # signatures
    cases.append(case("tampered body (one byte)", f"fixture {base_path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", sw_headers(bid, bts, bsig), bts,
                      secrets=[sc_secret], body=tamper(base)))
    cases.append(case("wrong secret", src, "no_matching_signature", sw_headers(bid, bts, bsig),
                      bts, secrets=[old_secret], body_fixture=base_path))
    cases.append(case("bare v1,", vsrc, "no_matching_signature", vec_headers(sig="v1,"), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    trunc = "v1," + b64(unb64(SWV["sig"][3:])[:16])
    cases.append(case("truncated signature (first 16 bytes)", vsrc, "no_matching_signature",
                      vec_headers(sig=trunc), vts, secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("signature not base64", vsrc, "no_matching_signature",
                      vec_headers(sig="v1,!!!" + SWV["sig"][6:]), vts, secrets=[SWV["secret"]],
                      body=SWV["body"]))
    other_id = "msg_2ZcKoQ4oXxYjW2sCVuZ4t8fR1Bn"
    cases.append(case("signature made for a different id", COMPUTED, "no_matching_signature",
                      vec_headers(sig=sw_sig(vkey, other_id, str(vts), vb)), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("signature made for a different timestamp", COMPUTED,
                      "no_matching_signature",
                      vec_headers(sig=sw_sig(vkey, vid, str(vts - 1), vb)), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("only a v1a entry carrying the correct signature", vsrc,
                      "no_matching_signature", vec_headers(sig="v1a," + SWV["sig"][3:]), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("only a v2 entry carrying the correct signature", vsrc,
                      "no_matching_signature", vec_headers(sig="v2," + SWV["sig"][3:]), vts,
                      secrets=[SWV["secret"]], body=SWV["body"]))
    cases.append(case("secret is whsec_ with invalid base64", vsrc, "invalid_secret",
                      vec_headers(), vts, secrets=["whsec_!!!notbase64"], body=SWV["body"]))
    cases.append(case("empty secret", vsrc, "invalid_secret", vec_headers(), vts, secrets=[""],
                      body=SWV["body"]))
    cases.append(case("expired message with a wrong signature reports the timestamp", COMPUTED,
                      "timestamp_too_old", sw_headers(bid, bts, bsig), bts + 301,
                      secrets=[old_secret], body_fixture=base_path, wrong_signature=True))
    return cases


# --------------------------------------------------------------------------------------------
# svix.json

def svix_cases():
    cases = []
    secret = whsec("carecycle endpoint secret")
    key = sw_key(secret)
    ids = {"customer.updated": "msg_2wQ7cKp0XnR4tB8sLmV1aZ3eYdF",
           "call.completed": "msg_2wQ7dHj5UoP9sE2vNcX6bW4gTkA"}
    for ev in ("customer.updated", "call.completed"):
        path = f"carecycle/{ev}.json"
        ts = unix(json.loads(fixture(path))["timestamp"])
        cases.append(case(f"careCycle {ev} fixture", f"fixture {path} (synthetic), {COMPUTED}",
                          "ok", sw_headers(ids[ev], ts, sw_sig(key, ids[ev], str(ts),
                                                               fixture(path)), prefix="svix"),
                          ts + 1, secrets=[secret], body_fixture=path,
                          sign={"id": ids[ev], "timestamp": ts}))
    cases.append(case("Svix Rust library's vector", SVIXV["source"], "ok",
                      sw_headers(SVIXV["id"], SVIXV["ts"], SVIXV["sig"], prefix="svix"),
                      SVIXV["ts"], secrets=[SVIXV["secret"]], body=SVIXV["body"],
                      sign={"id": SVIXV["id"], "timestamp": SVIXV["ts"]}))
    cases.append(case("Standard Webhooks libraries' vector with svix-* headers", SWV["source"],
                      "ok", sw_headers(SWV["id"], SWV["ts"], SWV["sig"], prefix="svix"),
                      SWV["ts"], secrets=[SWV["secret"]], body=SWV["body"],
                      sign={"id": SWV["id"], "timestamp": SWV["ts"]}))

    path = "carecycle/customer.updated.json"
    body = fixture(path)
    mid = ids["customer.updated"]
    ts = unix(json.loads(body)["timestamp"])
    sig = sw_sig(key, mid, str(ts), body)
    src = f"fixture {path} (synthetic), {COMPUTED}"
    cases.append(case("webhook-* header names accepted", src, "ok", sw_headers(mid, ts, sig),
                      ts, secrets=[secret], body_fixture=path))
    cases.append(case("secret without the whsec_ prefix", src, "ok",
                      sw_headers(mid, ts, sig, prefix="svix"), ts,
                      secrets=[secret[len("whsec_"):]], body_fixture=path,
                      sign={"id": mid, "timestamp": ts}))
    old = whsec("carecycle previous secret")
    cases.append(case("rotation: two secrets, the second matches", src, "ok",
                      sw_headers(mid, ts, sig, prefix="svix"), ts, secrets=[old, secret],
                      body_fixture=path))
    both = sw_sig(sw_key(old), mid, str(ts), body) + " " + sig
    cases.append(case("rotation: two signatures in the header, the second matches", src, "ok",
                      sw_headers(mid, ts, both, prefix="svix"), ts, secrets=[secret],
                      body_fixture=path))
    for missing in ("svix-id", "svix-timestamp", "svix-signature"):
        h = sw_headers(mid, ts, sig, prefix="svix")
        del h[missing]
        cases.append(case(f"missing {missing}", src, "missing_header", h, ts, secrets=[secret],
                          body_fixture=path))
    cases.append(case("empty svix-signature", src, "malformed_header",
                      sw_headers(mid, ts, "", prefix="svix"), ts, secrets=[secret],
                      body_fixture=path))
    cases.append(case("svix-timestamp 'abc'", COMPUTED, "invalid_timestamp",
                      sw_headers(mid, "abc", sw_sig(key, mid, "abc", body), prefix="svix"), ts,
                      secrets=[secret], body_fixture=path))
    cases.append(case("301 s old", src, "timestamp_too_old",
                      sw_headers(mid, ts, sig, prefix="svix"), ts + 301, secrets=[secret],
                      body_fixture=path))
    cases.append(case("301 s in the future", src, "timestamp_too_new",
                      sw_headers(mid, ts, sig, prefix="svix"), ts - 301, secrets=[secret],
                      body_fixture=path))
    cases.append(case("tampered body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature",
                      sw_headers(mid, ts, sig, prefix="svix"), ts, secrets=[secret],
                      body=tamper(body)))
    cases.append(case("wrong secret", src, "no_matching_signature",
                      sw_headers(mid, ts, sig, prefix="svix"), ts, secrets=[old],
                      body_fixture=path))
    cases.append(case("invalid secret", src, "invalid_secret",
                      sw_headers(mid, ts, sig, prefix="svix"), ts,
                      secrets=["whsec_!!!notbase64"], body_fixture=path))
    return cases


# --------------------------------------------------------------------------------------------
# septiccycle.json

SEPTIC = ["job.completed", "invoice.paid", "contract.signed"]
SEPTIC_TIME = {"job.completed": "completed_at", "invoice.paid": "paid_at",
               "contract.signed": "company_signed_at"}


def septiccycle_cases():
    cases = []
    secret = "sc_whsec_" + derive("septiccycle secret", 16).hex()
    key = utf8_key(secret)
    hdr = lambda v: {"x-septiccycle-signature": v}
    for ev in SEPTIC:
        path = f"septiccycle/{ev}.json"
        now = unix(json.loads(fixture(path))[SEPTIC_TIME[ev]])
        cases.append(case(f"SepticCycle {ev} fixture", f"fixture {path}, {COMPUTED}", "ok",
                          hdr(mac(key, fixture(path)).hex()), now, secrets=[secret],
                          body_fixture=path, sign={}))
    path = "septiccycle/job.completed.json"
    body = fixture(path)
    now = unix(json.loads(body)["completed_at"])
    good = mac(key, body).hex()
    src = f"fixture {path}, {COMPUTED}"
    cases.append(case("uppercase hex accepted", src, "ok", hdr(good.upper()), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("mixed-case header name", src, "ok", {"X-SepticCycle-Signature": good},
                      now, secrets=[secret], body_fixture=path, sign={}))
    old = "sc_whsec_" + derive("septiccycle previous secret", 16).hex()
    cases.append(case("rotation: two secrets, the second matches", src, "ok", hdr(good), now,
                      secrets=[old, secret], body_fixture=path))
    raw = not_utf8()
    cases.append(case("non-UTF-8 body", COMPUTED, "ok", hdr(mac(key, raw).hex()), now,
                      secrets=[secret], body_base64=raw, sign={}))
    cases.append(case("empty body", COMPUTED, "ok", hdr(mac(key, b"").hex()), now,
                      secrets=[secret], body="", sign={}))
    cases.append(case("missing X-SepticCycle-Signature", src, "missing_header",
                      {"content-type": "application/json"}, now, secrets=[secret],
                      body_fixture=path))
    cases.append(case("empty X-SepticCycle-Signature", src, "malformed_header", hdr(""), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("sha256= prefixed value", src, "no_matching_signature",
                      hdr("sha256=" + good), now, secrets=[secret], body_fixture=path))
    cases.append(case("63 hex digits", src, "no_matching_signature", hdr(good[:-1]), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("base64 instead of hex", src, "no_matching_signature",
                      hdr(b64(mac(key, body))), now, secrets=[secret], body_fixture=path))
    cases.append(case("tampered body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", hdr(good), now, secrets=[secret],
                      body=tamper(body)))
    cases.append(case("wrong secret", src, "no_matching_signature", hdr(good), now,
                      secrets=[old], body_fixture=path))
    cases.append(case("empty secret", src, "invalid_secret", hdr(good), now, secrets=[""],
                      body_fixture=path))
    curl_body = ('{\n"event": "job.completed",\n"job_id": "test-uuid",\n'
                 '"service_type": "Aerobic Inspection",\n"completed_at": "2026-03-20T14:30:00Z"\n}')
    cases.append(case("the document's cURL example (test_signature)",
                      "SepticCycle webhook document (seed 000_46c1b0862384e4a2.txt), cURL test "
                      "example, verbatim", "no_matching_signature",
                      {"content-type": "application/json",
                       "x-septiccycle-signature": "test_signature"},
                      now, secrets=[secret], body=curl_body))
    return cases


# --------------------------------------------------------------------------------------------
# x-webhook-signature.json

def x_webhook_signature_cases():
    cases = []
    secret = "jobs-signing-secret-" + derive("x-webhook-signature secret", 12).hex()
    key = utf8_key(secret)
    for ev in ("job.created", "job.updated", "job.deleted"):
        path = f"job-events/{ev}.json"
        now = unix(json.loads(fixture(path))["timestamp"])
        prov = "verbatim" if ev == "job.created" else "derived"
        cases.append(case(f"job events {ev} fixture", f"fixture {path} ({prov}), {COMPUTED}",
                          "ok", {"x-webhook-signature": "sha256=" + mac(key, fixture(path)).hex(),
                                 "x-webhook-event": ev},
                          now, secrets=[secret], body_fixture=path, sign={"event_type": ev}))
    path = "job-events/job.created.json"
    body = fixture(path)
    now = unix(json.loads(body)["timestamp"])
    hexsig = mac(key, body).hex()
    good = "sha256=" + hexsig
    src = f"fixture {path}, {COMPUTED}"
    hdr = lambda v: {"x-webhook-signature": v, "x-webhook-event": "job.created"}
    cases.append(case("without X-Webhook-Event", src, "ok", {"x-webhook-signature": good}, now,
                      secrets=[secret], body_fixture=path, sign={}))
    cases.append(case("with Content-Type and capitalised header names", src, "ok",
                      {"Content-Type": "application/json", "X-Webhook-Signature": good,
                       "X-Webhook-Event": "job.created"}, now, secrets=[secret],
                      body_fixture=path))
    old = "jobs-signing-secret-" + derive("x-webhook-signature previous secret", 12).hex()
    cases.append(case("rotation: two secrets, the second matches", src, "ok", hdr(good), now,
                      secrets=[old, secret], body_fixture=path))
    cases.append(case("missing X-Webhook-Signature", src, "missing_header",
                      {"x-webhook-event": "job.created"}, now, secrets=[secret],
                      body_fixture=path))
    cases.append(case("empty X-Webhook-Signature", src, "malformed_header", hdr(""), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("hex without the sha256= prefix", src, "malformed_header", hdr(hexsig),
                      now, secrets=[secret], body_fixture=path))
    sha1 = hmac.new(key, body, hashlib.sha1).hexdigest()
    cases.append(case("sha1= prefix", src, "malformed_header", hdr("sha1=" + sha1), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("bare sha256=", src, "no_matching_signature", hdr("sha256="), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("truncated hex (32 digits)", src, "no_matching_signature",
                      hdr("sha256=" + hexsig[:32]), now, secrets=[secret], body_fixture=path))
    cases.append(case("tampered body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", hdr(good), now, secrets=[secret],
                      body=tamper(body)))
    cases.append(case("wrong secret", src, "no_matching_signature", hdr(good), now,
                      secrets=[old], body_fixture=path))
    cases.append(case("signature of job.created sent with job.updated's body",
                      "fixtures job-events/job.created.json and job.updated.json, " + COMPUTED,
                      "no_matching_signature", hdr(good), now, secrets=[secret],
                      body_fixture="job-events/job.updated.json"))
    cases.append(case("empty secret", src, "invalid_secret", hdr(good), now, secrets=[""],
                      body_fixture=path))
    return cases


# --------------------------------------------------------------------------------------------
# github.json

def github_cases():
    cases = []
    g = GITHUBV
    delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958"
    now = 1777991400
    cases.append(case("GitHub docs vector", g["source"], "ok",
                      {"x-hub-signature-256": g["sig"]}, now, secrets=[g["secret"]],
                      body=g["body"], sign={}))
    cases.append(case("GitHub docs vector with delivery id and event", g["source"]
                      + ", with X-GitHub-Delivery and X-GitHub-Event added", "ok",
                      {"x-hub-signature-256": g["sig"], "x-github-delivery": delivery,
                       "x-github-event": "ping"},
                      now, secrets=[g["secret"]], body=g["body"],
                      sign={"id": delivery, "event_type": "ping"}))
    path = "github/push.json"
    body = fixture(path)
    secret = "gh-webhook-secret-" + derive("github secret", 10).hex()
    key = utf8_key(secret)
    good = "sha256=" + mac(key, body).hex()
    pdeliv = "9f6c1e20-2a7b-11f1-8e4e-3f1a5b9c2d71"
    src = f"fixture {path} (synthetic), {COMPUTED}"
    full = {"x-hub-signature-256": good, "x-github-delivery": pdeliv, "x-github-event": "push"}
    cases.append(case("push fixture", src, "ok", full, now, secrets=[secret], body_fixture=path,
                      sign={"id": pdeliv, "event_type": "push"}))
    cases.append(case("as GitHub sends it, with the legacy sha1 header alongside", src, "ok",
                      {"Content-Type": "application/json", "User-Agent": "GitHub-Hookshot/abc1234",
                       "X-GitHub-Delivery": pdeliv, "X-GitHub-Event": "push",
                       "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
                       "X-Hub-Signature-256": good},
                      now, secrets=[secret], body_fixture=path))
    other = "gh-webhook-secret-" + derive("github previous secret", 10).hex()
    cases.append(case("rotation: two secrets, the second matches", src, "ok", full, now,
                      secrets=[other, secret], body_fixture=path))
    vsrc = g["source"] + ", headers edited"
    cases.append(case("only the legacy X-Hub-Signature (sha1)", vsrc, "missing_header",
                      {"x-hub-signature": "sha1=" + hmac.new(g["secret"].encode(),
                                                             g["body"].encode(),
                                                             hashlib.sha1).hexdigest()},
                      now, secrets=[g["secret"]], body=g["body"]))
    cases.append(case("empty X-Hub-Signature-256", vsrc, "malformed_header",
                      {"x-hub-signature-256": ""}, now, secrets=[g["secret"]], body=g["body"]))
    cases.append(case("hex without the sha256= prefix", vsrc, "malformed_header",
                      {"x-hub-signature-256": g["sig"][len("sha256="):]}, now,
                      secrets=[g["secret"]], body=g["body"]))
    cases.append(case("sha1= prefix", vsrc, "malformed_header",
                      {"x-hub-signature-256": "sha1=" + g["sig"][len("sha256="):]}, now,
                      secrets=[g["secret"]], body=g["body"]))
    cases.append(case("bare sha256=", vsrc, "no_matching_signature",
                      {"x-hub-signature-256": "sha256="}, now, secrets=[g["secret"]],
                      body=g["body"]))
    cases.append(case("truncated hex (63 digits)", vsrc, "no_matching_signature",
                      {"x-hub-signature-256": g["sig"][:-1]}, now, secrets=[g["secret"]],
                      body=g["body"]))
    cases.append(case("tampered body (one byte)", g["source"] + ", body changed by one byte",
                      "no_matching_signature", {"x-hub-signature-256": g["sig"]}, now,
                      secrets=[g["secret"]], body="Hello, World?"))
    cases.append(case("wrong secret", g["source"] + ", secret changed", "no_matching_signature",
                      {"x-hub-signature-256": g["sig"]}, now,
                      secrets=["It's a Secret to Nobody"], body=g["body"]))
    cases.append(case("tampered push body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", full, now, secrets=[secret],
                      body=tamper(body)))
    cases.append(case("empty secret", vsrc, "invalid_secret", {"x-hub-signature-256": g["sig"]},
                      now, secrets=[""], body=g["body"]))
    replay = dict(full, **{"x-github-delivery": "attacker-chosen-delivery-id"})
    cases.append(case("a captured delivery replayed under a new X-GitHub-Delivery verifies: the "
                      "delivery id is unsigned metadata, never the message id", src, "ok", replay,
                      now, secrets=[secret], body_fixture=path))
    return cases


# --------------------------------------------------------------------------------------------
# stripe.json

def stripe_cases():
    cases = []
    secret = whsec("stripe endpoint secret")
    key = utf8_key(secret)  # the whole string, whsec_ included
    path = "stripe/payment_intent.succeeded.json"
    body = fixture(path)
    t = json.loads(body)["created"]
    v1 = lambda k, ts=t: mac(k, f"{ts}.".encode() + body).hex()
    good = v1(key)
    src = f"fixture {path} (synthetic), {COMPUTED}"
    hdr = lambda v: {"stripe-signature": v}
    cases.append(case("payment_intent.succeeded fixture", src, "ok", hdr(f"t={t},v1={good}"),
                      t + 5, secrets=[secret], body_fixture=path, sign={"timestamp": t}))
    cases.append(case("as Stripe sends it, with Content-Type and User-Agent", src, "ok",
                      {"Content-Type": "application/json; charset=utf-8",
                       "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                       "Stripe-Signature": f"t={t},v1={good}"},
                      t + 5, secrets=[secret], body_fixture=path))
    cases.append(case("whsec_ secret decoded as base64 is the wrong key", src,
                      "no_matching_signature", hdr(f"t={t},v1={v1(sw_key(secret))}"), t,
                      secrets=[secret], body_fixture=path))
    old = whsec("stripe previous secret")
    cases.append(case("rotation: two v1 signatures, the second matches", src, "ok",
                      hdr(f"t={t},v1={v1(utf8_key(old))},v1={good}"), t, secrets=[secret],
                      body_fixture=path))
    cases.append(case("rotation: two secrets, the second matches", src, "ok",
                      hdr(f"t={t},v1={good}"), t, secrets=[old, secret], body_fixture=path))
    v0 = derive("stripe v0 signature", 32).hex()
    cases.append(case("v0 entry ignored", src, "ok", hdr(f"t={t},v1={good},v0={v0}"), t,
                      secrets=[secret], body_fixture=path))
    cases.append(case("only a v0 entry, carrying the correct signature", src,
                      "no_matching_signature", hdr(f"t={t},v0={good}"), t, secrets=[secret],
                      body_fixture=path))
    cases.append(case("no v1 entry at all", src, "no_matching_signature", hdr(f"t={t}"), t,
                      secrets=[secret], body_fixture=path))
    cases.append(case("missing t=", src, "malformed_header", hdr(f"v1={good}"), t,
                      secrets=[secret], body_fixture=path))
    cases.append(case("empty Stripe-Signature", src, "malformed_header", hdr(""), t,
                      secrets=[secret], body_fixture=path))
    cases.append(case("missing Stripe-Signature", src, "missing_header",
                      {"content-type": "application/json"}, t, secrets=[secret],
                      body_fixture=path))
    cases.append(case("t=abc", COMPUTED, "invalid_timestamp",
                      hdr(f"t=abc,v1={v1(key, 'abc')}"), t, secrets=[secret],
                      body_fixture=path))
    cases.append(case("t=-5", COMPUTED, "invalid_timestamp",
                      hdr(f"t=-5,v1={v1(key, '-5')}"), t, secrets=[secret], body_fixture=path))
    cases.append(case("301 s old", src, "timestamp_too_old", hdr(f"t={t},v1={good}"), t + 301,
                      secrets=[secret], body_fixture=path))
    cases.append(case("exactly 300 s old", src, "ok", hdr(f"t={t},v1={good}"), t + 300,
                      secrets=[secret], body_fixture=path, sign={"timestamp": t}))
    cases.append(case("10000 s in the future is accepted", src, "ok", hdr(f"t={t},v1={good}"),
                      t - 10000, secrets=[secret], body_fixture=path, sign={"timestamp": t}))
    cases.append(case("tolerance_seconds 600: 601 s old", src, "timestamp_too_old",
                      hdr(f"t={t},v1={good}"), t + 601, tolerance_seconds=600,
                      secrets=[secret], body_fixture=path))
    cases.append(case("tampered body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", hdr(f"t={t},v1={good}"), t,
                      secrets=[secret], body=tamper(body)))
    cases.append(case("wrong secret", src, "no_matching_signature", hdr(f"t={t},v1={good}"), t,
                      secrets=[old], body_fixture=path))
    cases.append(case("signature made for a different t", src, "no_matching_signature",
                      hdr(f"t={t},v1={v1(key, t - 1)}"), t, secrets=[secret],
                      body_fixture=path))
    cases.append(case("expired message with a wrong signature reports the timestamp", src,
                      "timestamp_too_old", hdr(f"t={t},v1={good}"), t + 301, secrets=[old],
                      body_fixture=path, wrong_signature=True))
    return cases


# --------------------------------------------------------------------------------------------
# slack.json

def slack_cases():
    cases = []
    s = SLACKV
    hdr = lambda sig, ts: {"x-slack-request-timestamp": str(ts), "x-slack-signature": sig}
    cases.append(case("Slack docs worked example", s["source"], "ok", hdr(s["sig"], s["ts"]),
                      s["ts"] + 60, secrets=[s["secret"]], body=s["body"],
                      sign={"timestamp": s["ts"]}))
    path = "slack/event_callback.json"
    body = fixture(path)
    ts = json.loads(body)["event_time"]
    secret = derive("slack signing secret", 16).hex()
    key = utf8_key(secret)
    good = "v0=" + mac(key, f"v0:{ts}:".encode() + body).hex()
    src = f"fixture {path} (synthetic), {COMPUTED}"
    cases.append(case("event_callback fixture", src, "ok", hdr(good, ts), ts + 1,
                      secrets=[secret], body_fixture=path, sign={"timestamp": ts}))
    cases.append(case("as Slack sends it, with Content-Type", src, "ok",
                      {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(ts),
                       "X-Slack-Signature": good}, ts + 1, secrets=[secret], body_fixture=path))
    old = derive("slack previous signing secret", 16).hex()
    cases.append(case("rotation: two secrets, the second matches", src, "ok", hdr(good, ts), ts,
                      secrets=[old, secret], body_fixture=path))
    cases.append(case("missing X-Slack-Request-Timestamp", src, "missing_header",
                      {"x-slack-signature": good}, ts, secrets=[secret], body_fixture=path))
    cases.append(case("missing X-Slack-Signature", src, "missing_header",
                      {"x-slack-request-timestamp": str(ts)}, ts, secrets=[secret],
                      body_fixture=path))
    cases.append(case("empty X-Slack-Signature", src, "malformed_header", hdr("", ts), ts,
                      secrets=[secret], body_fixture=path))
    cases.append(case("v1= prefix", src, "malformed_header", hdr("v1=" + good[3:], ts), ts,
                      secrets=[secret], body_fixture=path))
    cases.append(case("hex without the v0= prefix", src, "malformed_header", hdr(good[3:], ts),
                      ts, secrets=[secret], body_fixture=path))
    cases.append(case("timestamp 'abc'", COMPUTED, "invalid_timestamp",
                      hdr("v0=" + mac(key, b"v0:abc:" + body).hex(), "abc"), ts,
                      secrets=[secret], body_fixture=path))
    cases.append(case("301 s old", src, "timestamp_too_old", hdr(good, ts), ts + 301,
                      secrets=[secret], body_fixture=path))
    cases.append(case("exactly 300 s old", src, "ok", hdr(good, ts), ts + 300, secrets=[secret],
                      body_fixture=path, sign={"timestamp": ts}))
    cases.append(case("301 s in the future", src, "timestamp_too_new", hdr(good, ts), ts - 301,
                      secrets=[secret], body_fixture=path))
    cases.append(case("Slack docs worked example read years later", s["source"]
                      + ", verifier clock moved", "timestamp_too_old", hdr(s["sig"], s["ts"]),
                      1777991400, secrets=[s["secret"]], body=s["body"]))
    cases.append(case("tampered body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", hdr(good, ts), ts, secrets=[secret],
                      body=tamper(body)))
    cases.append(case("wrong secret", src, "no_matching_signature", hdr(good, ts), ts,
                      secrets=[old], body_fixture=path))
    cases.append(case("bare v0=", src, "no_matching_signature", hdr("v0=", ts), ts,
                      secrets=[secret], body_fixture=path))
    return cases


# --------------------------------------------------------------------------------------------
# shopify.json

def shopify_cases():
    cases = []
    path = "shopify/orders.create.json"
    body = fixture(path)
    secret = derive("shopify app secret", 16).hex()
    key = utf8_key(secret)
    good = b64(mac(key, body))
    wid = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"
    topic = "orders/create"
    now = unix(json.loads(body)["created_at"])
    src = f"fixture {path} (synthetic), {COMPUTED}"
    full = lambda v: {"x-shopify-hmac-sha256": v, "x-shopify-webhook-id": wid,
                      "x-shopify-topic": topic}
    cases.append(case("orders/create fixture with webhook id and topic", src, "ok", full(good),
                      now, secrets=[secret], body_fixture=path,
                      sign={"id": wid, "event_type": topic}))
    cases.append(case("signature header only", src, "ok", {"x-shopify-hmac-sha256": good}, now,
                      secrets=[secret], body_fixture=path, sign={}))
    cases.append(case("as Shopify sends it, with shop domain and API version", src, "ok",
                      {"Content-Type": "application/json", "X-Shopify-Topic": topic,
                       "X-Shopify-Hmac-Sha256": good, "X-Shopify-Shop-Domain":
                       "example.myshopify.com", "X-Shopify-API-Version": "2026-04",
                       "X-Shopify-Webhook-Id": wid},
                      now, secrets=[secret], body_fixture=path))
    old = derive("shopify previous app secret", 16).hex()
    cases.append(case("rotation: two secrets, the second matches", src, "ok", full(good), now,
                      secrets=[old, secret], body_fixture=path))
    cases.append(case("missing X-Shopify-Hmac-Sha256", src, "missing_header",
                      {"x-shopify-webhook-id": wid, "x-shopify-topic": topic}, now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("empty X-Shopify-Hmac-Sha256", src, "malformed_header", full(""), now,
                      secrets=[secret], body_fixture=path))
    cases.append(case("wrong base64 signature", src, "no_matching_signature",
                      full(b64(derive("not the signature", 32))), now, secrets=[secret],
                      body_fixture=path))
    cases.append(case("hex instead of base64", src, "no_matching_signature",
                      full(mac(key, body).hex()), now, secrets=[secret], body_fixture=path))
    cases.append(case("truncated base64 (first 16 bytes)", src, "no_matching_signature",
                      full(b64(mac(key, body)[:16])), now, secrets=[secret], body_fixture=path))
    cases.append(case("tampered body (one byte)", f"fixture {path} with one byte changed, "
                      + COMPUTED, "no_matching_signature", full(good), now, secrets=[secret],
                      body=tamper(body)))
    cases.append(case("wrong secret", src, "no_matching_signature", full(good), now,
                      secrets=[old], body_fixture=path))
    cases.append(case("empty secret", src, "invalid_secret", full(good), now, secrets=[""],
                      body_fixture=path))
    sdk = ("Shopify/shopify-app-js 1d89d29 packages/apps/shopify-api/lib/webhooks/__tests__/"
           "validate.test.ts (raw body {\"foo\": \"bar\"}, apiSecretKey test_secret_key from "
           "lib/__tests__/test-config.ts)")
    cases.append(case("Shopify SDK vector", sdk, "ok",
                      {"x-shopify-hmac-sha256": "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=",
                       "x-shopify-webhook-id": "123456789"}, 1700000000,
                      secrets=["test_secret_key"], body='{"foo": "bar"}'))
    cases.append(case("Shopify SDK vector, body re-serialized without the space", sdk,
                      "no_matching_signature",
                      {"x-shopify-hmac-sha256": "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g="},
                      1700000000, secrets=["test_secret_key"], body='{"foo":"bar"}'))
    return cases


# --------------------------------------------------------------------------------------------
# custom.json

def custom_cases():
    cases = []
    body = b'{"event":"order.shipped","order_id":"ord_1001"}'
    body_s = body.decode()
    secret = "custom-secret-" + derive("custom secret", 8).hex()
    key = utf8_key(secret)
    ts = 1777991400
    mid = "dlv_01HZX3T6Q8"
    ts_scheme = {"signatureHeader": "X-Signature", "prefix": "sha256=", "encoding": "hex",
                 "template": "{timestamp}.{body}", "timestampHeader": "X-Timestamp"}
    ts_sig = "sha256=" + mac(key, f"{ts}.".encode() + body).hex()
    ts_hdr = lambda sig=ts_sig, t=ts: {"X-Signature": sig, "X-Timestamp": str(t)}

    def add(name, scheme, expect, headers, now=ts, sec=None, b=body_s, **kw):
        cases.append(case(name, kw.pop("source", COMPUTED), expect, headers, now, scheme=scheme,
                          secrets=[secret] if sec is None else sec, body=b, **kw))

    add("hex, sha256= prefix, {timestamp}.{body}", ts_scheme, "ok", ts_hdr())
    add("header names matched case-insensitively", ts_scheme, "ok",
        {"x-signature": ts_sig, "x-timestamp": str(ts)})
    add("exactly 300 s old", ts_scheme, "ok", ts_hdr(), now=ts + 300)
    add("301 s old", ts_scheme, "timestamp_too_old", ts_hdr(), now=ts + 301)
    add("301 s in the future", ts_scheme, "timestamp_too_new", ts_hdr(), now=ts - 301)
    add("timestamp 'abc'", ts_scheme, "invalid_timestamp",
        ts_hdr(sig="sha256=" + mac(key, b"abc." + body).hex(), t="abc"))
    add("missing timestamp header", ts_scheme, "missing_header", {"X-Signature": ts_sig})
    add("missing signature header", ts_scheme, "missing_header", {"X-Timestamp": str(ts)})
    add("empty signature header", ts_scheme, "malformed_header", ts_hdr(sig=""))
    add("prefix missing", ts_scheme, "malformed_header", ts_hdr(sig=ts_sig[len("sha256="):]))
    add("tampered body (one byte)", ts_scheme, "no_matching_signature", ts_hdr(),
        b=tamper(body).decode())
    add("wrong secret", ts_scheme, "no_matching_signature", ts_hdr(),
        sec=["custom-secret-wrong"])
    add("rotation: two secrets, the second matches", ts_scheme, "ok", ts_hdr(),
        sec=["custom-secret-wrong", secret])
    add("signature made for a different timestamp", ts_scheme, "no_matching_signature",
        ts_hdr(sig="sha256=" + mac(key, f"{ts - 1}.".encode() + body).hex()))
    add("tolerance_seconds 30: 31 s old", ts_scheme, "timestamp_too_old", ts_hdr(), now=ts + 31,
        tolerance_seconds=30)

    tol_scheme = dict(ts_scheme, toleranceSeconds=60)
    add("toleranceSeconds 60: 60 s old", tol_scheme, "ok", ts_hdr(), now=ts + 60)
    add("toleranceSeconds 60: 61 s old", tol_scheme, "timestamp_too_old", ts_hdr(), now=ts + 61)
    add("toleranceSeconds 60: 61 s in the future", tol_scheme, "timestamp_too_new", ts_hdr(),
        now=ts - 61)

    b64_scheme = {"signatureHeader": "X-Body-Signature", "encoding": "base64"}
    add("base64, no prefix, default template {body}", b64_scheme, "ok",
        {"X-Body-Signature": b64(mac(key, body))})
    add("base64 scheme given hex", b64_scheme, "no_matching_signature",
        {"X-Body-Signature": mac(key, body).hex()})
    add("default encoding is hex", {"signatureHeader": "X-Body-Signature"}, "ok",
        {"X-Body-Signature": mac(key, body).hex()})

    id_scheme = {"signatureHeader": "X-Hook-Signature", "prefix": "v1=", "template": "{id}:{body}",
                 "idHeader": "X-Hook-Id", "eventTypeHeader": "X-Hook-Event"}
    id_sig = "v1=" + mac(key, f"{mid}:".encode() + body).hex()
    add("{id}:{body} with idHeader and eventTypeHeader", id_scheme, "ok",
        {"X-Hook-Signature": id_sig, "X-Hook-Id": mid, "X-Hook-Event": "order.shipped"})
    add("{id}:{body} without the event type header", id_scheme, "ok",
        {"X-Hook-Signature": id_sig, "X-Hook-Id": mid})
    add("{id}:{body}, missing id header", id_scheme, "missing_header",
        {"X-Hook-Signature": id_sig, "X-Hook-Event": "order.shipped"})
    add("{id}:{body}, signature made for a different id", id_scheme, "no_matching_signature",
        {"X-Hook-Signature": "v1=" + mac(key, b"dlv_other:" + body).hex(), "X-Hook-Id": mid})
    # the genuine message (id "dlv", body "x:<body>") with "x" moved from the body into the id
    moved = "v1=" + mac(key, b"dlv:x:" + body).hex()
    add("{id}:{body}, an id containing ':' is refused (bytes moved from the body into the id)",
        id_scheme, "malformed_header", {"X-Hook-Signature": moved, "X-Hook-Id": "dlv:x"})
    unsigned_id_scheme = {"signatureHeader": "X-Hook-Signature", "prefix": "v1=",
                          "idHeader": "X-Hook-Id", "eventTypeHeader": "X-Hook-Event"}
    add("idHeader without {id}: verifies, the id reported as unsigned", unsigned_id_scheme, "ok",
        {"X-Hook-Signature": "v1=" + mac(key, body).hex(), "X-Hook-Id": mid,
         "X-Hook-Event": "order.shipped"})

    full_scheme = {"signatureHeader": "X-Sig", "encoding": "base64",
                   "template": "{id}.{timestamp}.{body}", "idHeader": "X-Id",
                   "timestampHeader": "X-Ts", "secretFormat": "whsec"}
    wsecret = whsec("custom whsec secret")
    wkey = sw_key(wsecret)
    wsig = b64(mac(wkey, f"{mid}.{ts}.".encode() + body))
    whdr = {"X-Sig": wsig, "X-Id": mid, "X-Ts": str(ts)}
    add("secretFormat whsec: key is the base64-decoded secret", full_scheme, "ok", whdr,
        sec=[wsecret])
    add("secretFormat whsec: secret without the prefix", full_scheme, "ok", whdr,
        sec=[wsecret[len("whsec_"):]])
    add("secretFormat whsec: invalid base64 secret", full_scheme, "invalid_secret", whdr,
        sec=["whsec_!!!notbase64"])
    utf8_scheme = dict(full_scheme)
    del utf8_scheme["secretFormat"]
    add("secretFormat utf8 (default): whsec_ string used as bytes", utf8_scheme, "ok",
        {"X-Sig": b64(mac(wsecret.encode(), f"{mid}.{ts}.".encode() + body)), "X-Id": mid,
         "X-Ts": str(ts)}, sec=[wsecret])
    add("secretFormat utf8 (default): the decoded key does not match", utf8_scheme,
        "no_matching_signature", whdr, sec=[wsecret])

    lit_scheme = {"signatureHeader": "X-Sig", "template": "v0:{timestamp}:{body}",
                  "timestampHeader": "X-Ts", "prefix": "v0="}
    add("literal text around placeholders (Slack-like)", lit_scheme, "ok",
        {"X-Sig": "v0=" + mac(key, f"v0:{ts}:".encode() + body).hex(), "X-Ts": str(ts)})
    suffix_scheme = {"signatureHeader": "X-Sig", "template": "{body}|{timestamp}",
                     "timestampHeader": "X-Ts"}
    add("placeholder after {body}", suffix_scheme, "ok",
        {"X-Sig": mac(key, body + f"|{ts}".encode()).hex(), "X-Ts": str(ts)})
    add("empty body", ts_scheme, "ok",
        ts_hdr(sig="sha256=" + mac(key, f"{ts}.".encode()).hex()), b="")

    raw = not_utf8()
    cases.append(case("non-UTF-8 body", COMPUTED, "ok", ts_hdr(
        sig="sha256=" + mac(key, f"{ts}.".encode() + raw).hex()), ts, scheme=ts_scheme,
        secrets=[secret], body_base64=raw))

    # schemes that do not describe a usable scheme
    plain = {"X-Signature": mac(key, body).hex(), "X-Timestamp": str(ts), "X-Id": mid}
    bad = [
        ("template without {body}", {"signatureHeader": "X-Signature",
                                     "template": "{timestamp}", "timestampHeader": "X-Timestamp"}),
        ("template with {body} twice", {"signatureHeader": "X-Signature",
                                        "template": "{body}.{body}"}),
        ("{id} without idHeader", {"signatureHeader": "X-Signature", "template": "{id}.{body}"}),
        ("{timestamp} without timestampHeader", {"signatureHeader": "X-Signature",
                                                 "template": "{timestamp}.{body}"}),
        ("timestampHeader without {timestamp}: an unsigned timestamp proves nothing",
         {"signatureHeader": "X-Signature", "timestampHeader": "X-Timestamp"}),
        ("unknown placeholder {foo}", {"signatureHeader": "X-Signature",
                                       "template": "{foo}.{body}"}),
        ("unknown encoding", {"signatureHeader": "X-Signature", "encoding": "base32"}),
        ("unknown secretFormat", {"signatureHeader": "X-Signature", "secretFormat": "base58"}),
        ("no signatureHeader", {"template": "{body}"}),
        ("{id}{body}: two fields touch", {"signatureHeader": "X-Signature",
                                          "template": "{id}{body}", "idHeader": "X-Id"}),
        ("{body}{timestamp}: two fields touch",
         {"signatureHeader": "X-Signature", "template": "{body}{timestamp}",
          "timestampHeader": "X-Timestamp"}),
        ("{timestamp}1{body}: a digit touches the timestamp",
         {"signatureHeader": "X-Signature", "template": "{timestamp}1{body}",
          "timestampHeader": "X-Timestamp"}),
        ("{id} twice", {"signatureHeader": "X-Signature", "template": "{id}.{id}.{body}",
                        "idHeader": "X-Id"}),
        ("timestampHeader is the signatureHeader (fuzz finding)",
         {"signatureHeader": "X-Signature", "template": "{timestamp}.{body}",
          "timestampHeader": "x-signature"}),
        ("idHeader is the eventTypeHeader", {"signatureHeader": "X-Signature", "idHeader": "X-Meta",
                                              "eventTypeHeader": "X-Meta"}),
        ("prefix starting with a space (fuzz finding)", {"signatureHeader": "X-Signature",
                                                         "prefix": " sha256="}),
        ("prefix over 256 bytes (fuzz finding)", {"signatureHeader": "X-Signature",
                                                  "prefix": "p" * 257}),
    ]
    for name, scheme in bad:
        add(f"invalid scheme: {name}", scheme, "invalid_scheme", plain)
    add("unknown scheme id", "not-a-scheme", "invalid_scheme", plain)
    return cases


# --------------------------------------------------------------------------------------------
# provider presets: one file each (README: Presets). Published vectors are copied verbatim
# with their source; every other case is computed here.

def hs(key_or_raw, msg, alg=hashlib.sha256):
    return hmac.new(key_or_raw, msg, alg).digest()


def flip(text: str) -> str:
    """The same text with its last hex/base64 character changed."""
    last = text.rstrip("=")[-1]
    repl = "A" if last != "A" else "B"
    i = len(text.rstrip("=")) - 1
    return text[:i] + repl + text[i + 1:]


def preset_adder(cases, scheme_id):
    def add(name, source, expect, headers, now, **kw):
        cases.append(case(name, source, expect, headers, now, **kw))
    return add


YEAR = 365 * 86400


def paddle_cases():
    cases = []
    add = preset_adder(cases, "paddle")
    src = ("PaddleHQ/paddle-node-sdk b8ee4b12741d88abe5a33f5c8a74735c9ac3653f "
           "src/__tests__/notifications/webhooks-validator.node.test.ts")
    ts = 1698796800
    h1 = "ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9"
    b1 = '{"data": ["1", "2"]}'
    d = "28981e941fae76e53db32f3d2a83cb69db41476595e84e1970a1b5d98f62b261"
    h2 = f"ts=1698796800;h1={d};h1={d};h2=RANDOM_HASH"
    add("Paddle SDK vector", src, "ok", {"Paddle-Signature": h1}, ts, secrets=["VALID_SECRET"],
        body=b1, sign={"timestamp": ts})
    add("Paddle SDK vector: two h1 entries and an unknown h2", src, "ok",
        {"Paddle-Signature": h2}, ts, secrets=["VALID_SECRET"], body='{"data": "value"}')
    add("Paddle SDK vector 5 s old (SDK: valid)", src, "ok", {"Paddle-Signature": h1}, ts + 5,
        secrets=["VALID_SECRET"], body=b1)
    add("Paddle SDK vector 6 s old (SDK: invalid)", src, "timestamp_too_old",
        {"Paddle-Signature": h1}, ts + 6, secrets=["VALID_SECRET"], body=b1)
    add("Paddle SDK vector a year in the future: one-sided window", src + ", clock moved", "ok",
        {"Paddle-Signature": h1}, ts - YEAR, secrets=["VALID_SECRET"], body=b1)
    add("Paddle SDK vector, wrong secret", src, "no_matching_signature",
        {"Paddle-Signature": h1}, ts, secrets=["INVALID_SECRET"], body=b1)
    secret = "pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_" + derive("paddle", 16).hex()
    key = secret.encode()
    body = b'{"event_id":"evt_01h8bkrj5f2xgh5m5gv6y7cj3z","event_type":"transaction.paid"}'
    t = 1777991400
    sig = hs(key, f"{t}:".encode() + body).hex()
    ok = f"ts={t};h1={sig}"
    C = dict(secrets=[secret], body=body.decode())
    add("computed: ts;h1", COMPUTED, "ok", {"paddle-signature": ok}, t, sign={"timestamp": t}, **C)
    add("spaces around entries", COMPUTED, "ok", {"paddle-signature": f"ts={t}; h1={sig}"}, t, **C)
    add("h1 before ts", COMPUTED, "ok", {"paddle-signature": f"h1={sig};ts={t}"}, t, **C)
    add("a wrong h1, then the right one", COMPUTED, "ok",
        {"paddle-signature": f"ts={t};h1={flip(sig)};h1={sig}"}, t, **C)
    add("only an h2 entry carrying the right signature", COMPUTED, "no_matching_signature",
        {"paddle-signature": f"ts={t};h2={sig}"}, t, **C)
    add("no ts entry", COMPUTED, "malformed_header", {"paddle-signature": f"h1={sig}"}, t, **C)
    add("two ts entries", COMPUTED, "malformed_header",
        {"paddle-signature": f"ts={t};ts={t};h1={sig}"}, t, **C)
    add("an entry without '='", COMPUTED, "malformed_header",
        {"paddle-signature": f"ts={t};h1{sig}"}, t, **C)
    add("comma-separated instead of ';': one entry, its timestamp runs on", COMPUTED, "invalid_timestamp",
        {"paddle-signature": f"ts={t},h1={sig}"}, t, **C)
    add("ts 'abc'", COMPUTED, "invalid_timestamp",
        {"paddle-signature": f"ts=abc;h1={hs(key, b'abc:' + body).hex()}"}, t, **C)
    add("5 s old", COMPUTED, "ok", {"paddle-signature": ok}, t + 5, **C)
    add("6 s old", COMPUTED, "timestamp_too_old", {"paddle-signature": ok}, t + 6, **C)
    add("far future (a year): accepted, old timestamps only", COMPUTED, "ok",
        {"paddle-signature": ok}, t - YEAR, **C)
    add("tolerance_seconds 60: 60 s old", COMPUTED, "ok", {"paddle-signature": ok}, t + 60,
        tolerance_seconds=60, **C)
    add("tampered body", COMPUTED, "no_matching_signature", {"paddle-signature": ok}, t,
        secrets=[secret], body=tamper(body).decode() if re.search(rb"\d", body) else "x")
    add("missing Paddle-Signature", COMPUTED, "missing_header", {}, t, **C)
    add("empty Paddle-Signature", COMPUTED, "malformed_header", {"paddle-signature": ""}, t, **C)
    return cases


def mux_cases():
    cases = []
    add = preset_adder(cases, "mux")
    src = ("muxinc/mux-node-sdk tests/api-resources/webhooks.test.ts at "
           "28c52da6473c4b9e99077442697874241f2b2b76")
    t = 1565125718
    sec = "SuperSecret123"
    b1 = '{"test":"body"}'
    s1 = "854ece4c22acef7c66b57d4e504153bc512595e8e9c772ece2a68150548c19a7"
    b2 = '{"test":{"nested":{"nanos":718234, "seconds":1691711005}}}'
    s2 = "bd315c24bce1c2b8ad325696f26530c8ef7d7d830afb7c1381903705d04607be"
    C = dict(secrets=[sec], body=b1)
    add("Mux SDK vector", src, "ok", {"mux-signature": f"t={t},v1={s1}"}, t, sign={"timestamp": t},
        **C)
    add("Mux SDK vector, nested body", src, "ok", {"mux-signature": f"t={t},v1={s2}"}, t,
        secrets=[sec], body=b2, sign={"timestamp": t})
    add("Mux SDK: an invalid v1, then the right one", src, "ok",
        {"mux-signature": f"t={t},v1=invalid-sig,v1={s1}"}, t, **C)
    add("Mux SDK: only a v2 entry (no v1 signatures)", src, "no_matching_signature",
        {"mux-signature": f"t={t},v2={s1}"}, t, **C)
    add("Mux SDK: v2 then v1", src, "ok", {"mux-signature": f"t={t},v2={s1},v1={s1}"}, t, **C)
    add("Mux SDK: read 6 minutes later", src, "timestamp_too_old",
        {"mux-signature": f"t={t},v1={s1}"}, t + 360, **C)
    add("exactly 300 s old", src + ", clock moved", "ok", {"mux-signature": f"t={t},v1={s1}"},
        t + 300, **C)
    add("301 s old", src + ", clock moved", "timestamp_too_old",
        {"mux-signature": f"t={t},v1={s1}"}, t + 301, **C)
    add("a year in the future: accepted, old timestamps only", src + ", clock moved", "ok",
        {"mux-signature": f"t={t},v1={s1}"}, t - YEAR, **C)
    add("Mux-Signature as the docs write it, spaces after commas", src, "ok",
        {"Mux-Signature": f"t={t}, v1={s1}"}, t, **C)
    add("tampered body", src, "no_matching_signature", {"mux-signature": f"t={t},v1={s1}"}, t,
        secrets=[sec], body='{"test":"bodY"}')
    add("wrong secret", src, "no_matching_signature", {"mux-signature": f"t={t},v1={s1}"}, t,
        secrets=["SuperSecret124"], body=b1)
    add("no t entry", src, "malformed_header", {"mux-signature": f"v1={s1}"}, t, **C)
    add("missing mux-signature", src, "missing_header", {}, t, **C)
    add("empty mux-signature", src, "malformed_header", {"mux-signature": " "}, t, **C)
    add("t in milliseconds reads as far future: accepted, but no match", COMPUTED,
        "no_matching_signature", {"mux-signature": f"t={t}000,v1={s1}"}, t, **C)
    return cases


def sanity_cases():
    cases = []
    add = preset_adder(cases, "sanity")
    src = ("sanity-io/webhook-toolkit 649f5adcd8e9d45f73172b05870863b299ba9bc9 "
           "test/signature.test.ts")
    h1 = "t=1633519811129,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N0"
    add("Sanity toolkit vector", src, "ok", {"sanity-webhook-signature": h1}, 1633519811,
        secrets=["test"], body='{"_id":"resume"}')
    h2 = "t=1633518820676,v1=e7C9h2sfbFfc4V7TEz7PSOp4IoNzl0UdVsBV-1wgdeA"
    b2 = '{"title":"GROQ-Hooks are neat"}'
    add("Sanity toolkit vector 2", src, "ok", {"sanity-webhook-signature": h2}, 1633518820,
        secrets=["try-me"], body=b2)
    add("Sanity toolkit vector 2, signature padded with '='", src, "ok",
        {"sanity-webhook-signature": h2 + "="}, 1633518820, secrets=["try-me"], body=b2)
    add("Sanity toolkit vector 2, signature in the standard base64 alphabet", src,
        "no_matching_signature",
        {"sanity-webhook-signature": h2.replace("-", "+").replace("_", "/")}, 1633518820,
        secrets=["try-me"], body=b2)
    add("Sanity toolkit vector 2, ', ' between entries (hookseal trims)", src, "ok",
        {"sanity-webhook-signature": h2.replace(",", ", ")}, 1633518820, secrets=["try-me"],
        body=b2)
    add("Sanity toolkit vector 2, 301 s old", src + ", clock moved", "timestamp_too_old",
        {"sanity-webhook-signature": h2}, 1633518820 + 301, secrets=["try-me"], body=b2)
    add("Sanity toolkit vector 2, 300 s old (ms rounded down)", src + ", clock moved", "ok",
        {"sanity-webhook-signature": h2}, 1633518820 + 300, secrets=["try-me"], body=b2)
    add("Sanity toolkit vector 2, 301 s in the future", src + ", clock moved",
        "timestamp_too_new", {"sanity-webhook-signature": h2}, 1633518820 - 301,
        secrets=["try-me"], body=b2)
    sec = "sanity-" + derive("sanity", 8).hex()
    body = b'{"_id":"movie_123","_type":"movie","title":"Alien"}'
    t = 1777991400
    sig = base64.urlsafe_b64encode(hs(sec.encode(), f"{t}000.".encode() + body)).decode().rstrip("=")
    ok = f"t={t}000,v1={sig}"
    C = dict(secrets=[sec], body=body.decode())
    add("computed: t in ms, base64url without padding", COMPUTED, "ok",
        {"sanity-webhook-signature": ok}, t, sign={"timestamp": t}, **C)
    add("t in seconds reads as 1970: too old", COMPUTED, "timestamp_too_old",
        {"sanity-webhook-signature": f"t={t},v1=" + base64.urlsafe_b64encode(
            hs(sec.encode(), f"{t}.".encode() + body)).decode().rstrip("=")}, t, **C)
    add("ms rounded down: 300.999 s in the future is 300 s", COMPUTED, "ok",
        {"sanity-webhook-signature": f"t={(t + 300) * 1000 + 999},v1=" + base64.urlsafe_b64encode(
            hs(sec.encode(), f"{(t + 300) * 1000 + 999}.".encode() + body)).decode().rstrip("=")},
        t, **C)
    add("tampered body", COMPUTED, "no_matching_signature", {"sanity-webhook-signature": ok}, t,
        secrets=[sec], body=body.decode().replace("Alien", "Aliens"))
    add("wrong secret", COMPUTED, "no_matching_signature", {"sanity-webhook-signature": ok}, t,
        secrets=["try-me"], body=body.decode())
    add("signature in hex", COMPUTED, "no_matching_signature",
        {"sanity-webhook-signature": f"t={t}000,v1=" + hs(sec.encode(), f"{t}000.".encode()
                                                           + body).hex()}, t, **C)
    add("missing sanity-webhook-signature", COMPUTED, "missing_header", {}, t, **C)
    add("no t entry", COMPUTED, "malformed_header", {"sanity-webhook-signature": f"v1={sig}"},
        t, **C)
    return cases


def zendesk_cases():
    cases = []
    add = preset_adder(cases, "zendesk")
    docs = "https://developer.zendesk.com/documentation/webhooks/verifying/"
    sec = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="  # the current docs' example secret
    body = b'{"say": "hello"}'
    ts = "2021-07-25T10:00:00Z"
    now = unix("2021-07-25T10:00:00+00:00")
    sig = lambda t, b=body, k=sec: b64(hs(k.encode(), t.encode() + b))
    H = lambda s, t=ts: {"X-Zendesk-Webhook-Signature": s,
                         "X-Zendesk-Webhook-Signature-Timestamp": t}
    src = f"{COMPUTED}; TIMESTAMP + BODY as the current docs say ({docs}), docs example secret"
    C = dict(secrets=[sec], body=body.decode())
    add("computed: base64(HMAC(TIMESTAMP + BODY))", src, "ok", H(sig(ts)), now,
        sign={"timestamp": now}, **C)
    add("the secret is used as text, not base64-decoded", src, "no_matching_signature",
        H(b64(hs(unb64(sec), ts.encode() + body))), now, **C)
    old = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA="
    add("old docs revision's vector (BODY + TIMESTAMP) does not verify as TIMESTAMP + BODY",
        "older revision of the Zendesk docs (developer.zendesk.com/documentation/event-connectors/"
        "webhooks/verifying/): secret, body, timestamp and signature verbatim; it signs BODY + "
        "TIMESTAMP, which the current docs contradict", "no_matching_signature",
        H("tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw="), now, secrets=[old], body=body.decode())
    for label, t in (("an offset", "2021-07-25T12:00:00+02:00"),
                     ("a fraction of a second", "2021-07-25T10:00:00.123Z"),
                     ("lowercase t and z", "2021-07-25t10:00:00z")):
        add(f"timestamp with {label}", COMPUTED, "ok", H(sig(t), t), now, **C)
    for label, t in (("no zone", "2021-07-25T10:00:00"), ("30 February", "2021-02-30T10:00:00Z"),
                     ("Unix seconds", str(now)), ("before 1970", "1969-12-31T23:59:59Z"),
                     ("a space for T", "2021-07-25 10:00:00Z"), ("offset without ':'",
                                                                  "2021-07-25T10:00:00+0000")):
        add(f"timestamp {label}: {t!r}", COMPUTED, "invalid_timestamp", H(sig(t), t), now, **C)
    add("301 s old", COMPUTED, "timestamp_too_old", H(sig(ts)), now + 301, **C)
    add("301 s in the future", COMPUTED, "timestamp_too_new", H(sig(ts)), now - 301, **C)
    add("300 s old", COMPUTED, "ok", H(sig(ts)), now + 300, **C)
    add("empty body (a GET webhook)", COMPUTED, "ok", H(sig(ts, b"")), now, secrets=[sec],
        body="", sign={"timestamp": now})
    add("tampered body", COMPUTED, "no_matching_signature", H(sig(ts)), now, secrets=[sec],
        body='{"say": "hellO"}')
    add("wrong secret", COMPUTED, "no_matching_signature", H(sig(ts)), now, secrets=[old],
        body=body.decode())
    add("signed with another timestamp than sent", COMPUTED, "no_matching_signature",
        H(sig("2021-07-25T10:00:01Z")), now, **C)
    add("missing signature timestamp header", COMPUTED, "missing_header",
        {"X-Zendesk-Webhook-Signature": sig(ts)}, now, **C)
    add("missing signature header", COMPUTED, "missing_header",
        {"X-Zendesk-Webhook-Signature-Timestamp": ts}, now, **C)
    return cases


def webflow_cases():
    cases = []
    add = preset_adder(cases, "webflow")
    sec = derive("webflow client secret", 32).hex()
    body = b'{"triggerType":"form_submission","payload":{"name":"Contact","data":{"email":"a@b.co"}}}'
    t = 1777991400
    sig = lambda ms, b=body: hs(sec.encode(), f"{ms}:".encode() + b).hex()
    H = lambda ms: {"x-webflow-signature": sig(ms), "x-webflow-timestamp": str(ms)}
    C = dict(secrets=[sec], body=body.decode())
    src = COMPUTED + "; webflow/js-webflow-api 31e9cf3 src/wrapper/WebhooksClient.ts: `{ts}:{body}`, hex"
    add("computed: {timestamp ms}:{body}", src, "ok", H(t * 1000), t, sign={"timestamp": t}, **C)
    add("ms rounded down to seconds", src, "ok", H(t * 1000 + 999), t, **C)
    add("301 s old", src, "timestamp_too_old", H(t * 1000), t + 301, **C)
    add("300 s old", src, "ok", H(t * 1000), t + 300, **C)
    add("a year in the future: accepted, old timestamps only (Webflow docs)", src, "ok",
        H(t * 1000), t - YEAR, **C)
    add("timestamp in seconds reads as 1970", src, "timestamp_too_old", H(t), t, **C)
    add("tampered body", src, "no_matching_signature", H(t * 1000), t, secrets=[sec],
        body=body.decode().replace("a@b.co", "a@b.cc"))
    add("wrong secret", src, "no_matching_signature", H(t * 1000), t, secrets=["wrong"],
        body=body.decode())
    add("missing x-webflow-timestamp", src, "missing_header",
        {"x-webflow-signature": sig(t * 1000)}, t, **C)
    add("missing x-webflow-signature", src, "missing_header",
        {"x-webflow-timestamp": str(t * 1000)}, t, **C)
    add("timestamp '1.7e12'", src, "invalid_timestamp",
        {"x-webflow-signature": sig("1.7e12"), "x-webflow-timestamp": "1.7e12"}, t, **C)
    return cases


BOX_SRC = ("box/box-typescript-sdk-gen 1a16c5bd8a5100f55c6ebab79ab5efc0269263bc "
           "src/test/webhooks.generated.test.ts (same values in box-node-sdk "
           "tests/lib/managers/webhooks-test.js)")


def box_cases():
    cases = []
    add = preset_adder(cases, "box")
    ts = "2020-01-01T00:00:00-07:00"
    now = 1577862000
    did = "f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f"
    body = ('{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED",'
            '"source":{"id":"1234567890","type":"file","name":"Test.txt"}}')
    prim, seco = "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=", "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo="
    H = {"box-delivery-id": did, "box-delivery-timestamp": ts, "box-signature-algorithm": "HmacSHA256",
         "box-signature-primary": prim, "box-signature-secondary": seco, "box-signature-version": "1"}
    add("Box SDK vector, primary key", BOX_SRC, "ok", H, now, secrets=["SamplePrimaryKey"], body=body)
    add("Box SDK vector, secondary key", BOX_SRC, "ok", H, now, secrets=["SampleSecondaryKey"],
        body=body)
    add("Box SDK vector, both keys", BOX_SRC, "ok", H, now,
        secrets=["SamplePrimaryKey", "SampleSecondaryKey"], body=body)
    add("Box SDK vector, incorrect key", BOX_SRC, "no_matching_signature", H, now,
        secrets=["IncorrectKey"], body=body)
    pre = ('{"webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890",'
           '"type":"file","name":"')
    for label, name, sig in (
            ("Japanese name, escaped as Box sends it",
             r"\u30b9\u30af\u30ea\u30fc\u30f3\u30b7\u30e7\u30c3\u30c8 2020-08-05.txt",
             "LV2uCu+5NJtIHrCXDYgZ0v/PP5THGRuegw3RtdnEyuE="),
            ("emoji name, escaped as Box sends it", r"\ud83d\ude00 2020-08-05.txt",
             "xF/SDZosX4le+v4A0Qn59sZhuD1RqY5KRUKzVMSbh0E="),
            ("name 'test \\r' (backslash r)", r"test \r", "SVkbKgy3dEEf2PbbzpNu2lDZS7zZ/aboU7HOZgBGrJk="),
            ("name '\\/'", r"\/", "t41PWT5ZB6OcysnD6SDy9Ud+p9hdXxIdXqcdweyZv/Q="),
            ("name '\\\\'", "\\\\", "ERpMZwUQsGDTfj82ehdX6VvDZfvOhK5ULNfVmwVAGe0=")):
        add(f"Box SDK vector: {label}", BOX_SRC + " (body as the SDK escapes it, i.e. as sent)",
            "ok", dict(H, **{"box-signature-primary": sig}), now, secrets=["SamplePrimaryKey"],
            body=pre + name + '"}}')
    add("Box SDK vector 600 s old", BOX_SRC + ", clock moved", "ok", H, now + 600,
        secrets=["SamplePrimaryKey"], body=body)
    add("Box SDK vector 601 s old", BOX_SRC + ", clock moved", "timestamp_too_old", H, now + 601,
        secrets=["SamplePrimaryKey"], body=body)
    add("Box SDK vector 601 s in the future (hookseal: 600 s both ways)", BOX_SRC + ", clock moved",
        "timestamp_too_new", H, now - 601, secrets=["SamplePrimaryKey"], body=body)
    add("Box SDK vector 600 s in the future", BOX_SRC + ", clock moved", "ok", H, now - 600,
        secrets=["SamplePrimaryKey"], body=body)
    add("Box SDK vector, tampered body", BOX_SRC, "no_matching_signature", H, now,
        secrets=["SamplePrimaryKey"], body=body.replace("Test.txt", "Test.txu"))
    add("Box SDK vector, timestamp header changed", BOX_SRC, "no_matching_signature",
        dict(H, **{"box-delivery-timestamp": "2020-01-01T07:00:00Z"}), now,
        secrets=["SamplePrimaryKey"], body=body)
    h = dict(H)
    del h["box-signature-primary"]
    add("no primary signature header", BOX_SRC, "missing_header", h, now,
        secrets=["SampleSecondaryKey"], body=body)
    h = dict(H)
    del h["box-signature-secondary"]
    add("secondary key, secondary header absent", BOX_SRC, "no_matching_signature", h, now,
        secrets=["SampleSecondaryKey"], body=body)
    h = dict(H)
    del h["box-delivery-timestamp"]
    add("missing box-delivery-timestamp", BOX_SRC, "missing_header", h, now,
        secrets=["SamplePrimaryKey"], body=body)
    sec = "box-primary-" + derive("box primary", 12).hex()
    t = 1777991400
    tt = format_ts(t, "rfc3339")
    b = b'{"type":"webhook_event","trigger":"FILE.UPLOADED","source":{"id":"42","type":"file"}}'
    sig = b64(hs(sec.encode(), b + tt.encode()))
    add("computed: as Box sends it (version and algorithm headers)", COMPUTED, "ok",
        {"box-delivery-id": did, "box-delivery-timestamp": tt, "box-signature-primary": sig,
         "box-signature-version": "1", "box-signature-algorithm": "HmacSHA256"}, t,
        secrets=[sec], body=b.decode(), sign={"id": did, "timestamp": t})
    add("computed: no delivery id, no secondary", COMPUTED, "ok",
        {"box-delivery-timestamp": tt, "box-signature-primary": sig}, t, secrets=[sec],
        body=b.decode())
    add("computed: timestamp in Unix seconds", COMPUTED, "invalid_timestamp",
        {"box-delivery-timestamp": str(t), "box-signature-primary":
         b64(hs(sec.encode(), b + str(t).encode()))}, t, secrets=[sec], body=b.decode())
    return cases


def paystack_cases():
    cases = []
    add = preset_adder(cases, "paystack")
    sec = "sk_test_" + derive("paystack", 20).hex()
    body = b'{"event":"charge.success","data":{"id":302961,"amount":20000,"reference":"qTPrJoy9Bx"}}'
    sig = hs(sec.encode(), body, hashlib.sha512).hex()
    C = dict(secrets=[sec], body=body.decode())
    src = COMPUTED + " (HMAC-SHA512, PaystackOSS/doc-code-snippets 94af513)"
    H = lambda s: {"x-paystack-signature": s}
    add("computed: HMAC-SHA512 of the body, hex", src, "ok", H(sig), 1777991400, sign={}, **C)
    add("uppercase hex", src, "ok", H(sig.upper()), 1777991400, **C)
    add("HMAC-SHA256 instead", src, "no_matching_signature",
        H(hs(sec.encode(), body).hex()), 1777991400, **C)
    add("tampered body", src, "no_matching_signature", H(sig), 1777991400, secrets=[sec],
        body=tamper(body).decode())
    add("wrong secret", src, "no_matching_signature", H(sig), 1777991400, secrets=["sk_test_x"],
        body=body.decode())
    add("truncated signature (first 32 bytes)", src, "no_matching_signature", H(sig[:64]),
        1777991400, **C)
    add("missing x-paystack-signature", src, "missing_header", {}, 1777991400, **C)
    add("empty x-paystack-signature", src, "malformed_header", H(""), 1777991400, **C)
    add("empty secret", src, "invalid_secret", H(sig), 1777991400, secrets=[""], body=body.decode())
    return cases


HS_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
HS_NODE = ("HubSpot/hubspot-api-nodejs 395cd9bf3bb21252aefc517e11ea64b7db03bd9d "
           "test/unit/signature.spec.ts")
HS_PY = ("HubSpot/hubspot-api-python a2a528a97f4c1131d7f65d0303bfbd2e523a8eba "
         "tests/spec/utils/test_signature.py")
HS_URI = "https://www.example.com/webhook_uri"
HS_PY_BODY = "{'example_field':'example_value'}"


def hubspot_v1_cases():
    cases = []
    add = preset_adder(cases, "hubspot-v1")
    body = ('[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,'
            '"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,'
            '"changeSource":"CRM","changeFlag":"NEW","appId":54321}]')
    sig = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"
    now = 1564113600
    add("HubSpot Node SDK / v1 FAQ vector", HS_NODE, "ok", {"X-HubSpot-Signature": sig}, now,
        secrets=[HS_SECRET], body=body)
    add("HubSpot v1 as sent, with X-HubSpot-Signature-Version", HS_NODE, "ok",
        {"X-HubSpot-Signature": sig, "X-HubSpot-Signature-Version": "v1"}, now,
        secrets=[HS_SECRET], body=body, sign={})
    add("HubSpot Python SDK v1 vector", HS_PY, "ok",
        {"X-HubSpot-Signature": "69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750",
         "X-HubSpot-Signature-Version": "v1"},
        now, secrets=[HS_SECRET], body=HS_PY_BODY, sign={})
    add("tampered body", HS_NODE, "no_matching_signature", {"X-HubSpot-Signature": sig}, now,
        secrets=[HS_SECRET], body=tamper(body.encode()).decode())
    add("wrong secret", HS_NODE, "no_matching_signature", {"X-HubSpot-Signature": sig}, now,
        secrets=["zzzzzzzz-yyyy-yyyy-yyyy-yyyyyyyyyyyy"], body=body)
    add("an HMAC-SHA256 is not a v1 signature", COMPUTED, "no_matching_signature",
        {"X-HubSpot-Signature": hs(HS_SECRET.encode(), body.encode()).hex()}, now,
        secrets=[HS_SECRET], body=body)
    add("missing X-HubSpot-Signature", HS_NODE, "missing_header", {}, now, secrets=[HS_SECRET],
        body=body)
    return cases


def hubspot_v2_cases():
    cases = []
    add = preset_adder(cases, "hubspot-v2")
    now = 1564113600
    g = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e"
    p = "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900"
    pb = '{"example_field":"example_value"}'
    H = lambda s: {"X-HubSpot-Signature": s, "X-HubSpot-Signature-Version": "v2"}
    add("HubSpot Node SDK / v2 FAQ vector: GET, empty body", HS_NODE, "ok", H(g), now,
        secrets=[HS_SECRET], body="", url=HS_URI, method="GET", sign={})
    add("HubSpot Node SDK vector: POST", HS_NODE, "ok", H(p), now, secrets=[HS_SECRET], body=pb,
        url=HS_URI, method="POST", sign={})
    add("HubSpot Python SDK v2 vector: POST", HS_PY, "ok",
        H("4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383"), now,
        secrets=[HS_SECRET], body=HS_PY_BODY, url=HS_URI, method="POST", sign={})
    add("GET vector verified as POST", HS_NODE, "no_matching_signature", H(g), now,
        secrets=[HS_SECRET], body="", url=HS_URI, method="POST")
    add("POST vector at another URL", HS_NODE, "no_matching_signature", H(p), now,
        secrets=[HS_SECRET], body=pb, url=HS_URI + "2", method="POST")
    add("POST vector, URL with a trailing slash", HS_NODE, "no_matching_signature", H(p), now,
        secrets=[HS_SECRET], body=pb, url=HS_URI + "/", method="POST")
    add("POST vector, tampered body", HS_NODE, "no_matching_signature", H(p), now,
        secrets=[HS_SECRET], body=pb.replace("value", "valuE"), url=HS_URI, method="POST")
    add("no URL given", HS_NODE, "missing_url", H(p), now, secrets=[HS_SECRET], body=pb,
        method="POST")
    add("no method given", HS_NODE, "missing_method", H(p), now, secrets=[HS_SECRET], body=pb,
        url=HS_URI)
    add("missing X-HubSpot-Signature", HS_NODE, "missing_header", {}, now, secrets=[HS_SECRET],
        body=pb, url=HS_URI, method="POST")
    return cases


def hubspot_v3_cases():
    cases = []
    add = preset_adder(cases, "hubspot-v3")
    ms = 1693657560000
    now = ms // 1000
    sig = "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y="
    H = lambda s=sig, t=ms: {"X-HubSpot-Signature-v3": s, "X-HubSpot-Request-Timestamp": str(t)}
    C = dict(secrets=[HS_SECRET], body=HS_PY_BODY, url=HS_URI, method="POST")
    add("HubSpot Python SDK v3 vector", HS_PY, "ok", H(), now, sign={"timestamp": now}, **C)
    add("header name as the docs write it (X-HubSpot-Signature-V3)", HS_PY, "ok",
        {"X-HubSpot-Signature-V3": sig, "X-HubSpot-Request-Timestamp": str(ms)}, now, **C)
    add("300 s old", HS_PY + ", clock moved", "ok", H(), now + 300, **C)
    add("301 s old", HS_PY + ", clock moved", "timestamp_too_old", H(), now + 301, **C)
    add("301 s in the future: refused (HubSpot's SDKs accept it; hookseal checks both ways)",
        HS_PY + ", clock moved", "timestamp_too_new", H(), now - 301, **C)
    # A GET with an empty body, its URL ending in a digit: the digit moved into the timestamp
    # gives the same signed bytes, a far-future timestamp, and another portalId.
    get_url = "https://www.example.com/webhook_uri?portalId=62515"
    get_sig = b64(hmac.new(HS_SECRET.encode(), f"GET{get_url}{ms}".encode(),
                           hashlib.sha256).digest())
    add("computed: GET with an empty body", COMPUTED, "ok", H(s=get_sig), now,
        secrets=[HS_SECRET], body="", url=get_url, method="GET",
        sign={"timestamp": now})
    add("the URL's last digit moved into the timestamp: far in the future, refused", COMPUTED,
        "timestamp_too_new", H(s=get_sig, t=int("5" + str(ms))), now, secrets=[HS_SECRET],
        body="", url=get_url[:-1], method="GET")
    add("verified as GET", HS_PY, "no_matching_signature", H(), now,
        secrets=[HS_SECRET], body=HS_PY_BODY, url=HS_URI, method="GET")
    add("verified at another URL", HS_PY, "no_matching_signature", H(), now,
        secrets=[HS_SECRET], body=HS_PY_BODY, url="http://www.example.com/webhook_uri",
        method="POST")
    add("no URL given", HS_PY, "missing_url", H(), now, secrets=[HS_SECRET], body=HS_PY_BODY,
        method="POST")
    add("no method given", HS_PY, "missing_method", H(), now, secrets=[HS_SECRET],
        body=HS_PY_BODY, url=HS_URI)
    add("tampered body", HS_PY, "no_matching_signature", H(), now, secrets=[HS_SECRET],
        body=HS_PY_BODY.replace("value", "valuE"), url=HS_URI, method="POST")
    add("signed timestamp changed by 1 ms", HS_PY, "no_matching_signature", H(t=ms + 1), now, **C)
    h = H()
    del h["X-HubSpot-Request-Timestamp"]
    add("missing X-HubSpot-Request-Timestamp", HS_PY, "missing_header", h, now, **C)
    add("expired and at the wrong URL: the timestamp is reported", HS_PY + ", clock moved",
        "timestamp_too_old", H(), now + 301, secrets=[HS_SECRET], body=HS_PY_BODY,
        url=HS_URI + "2", method="POST", wrong_signature=True)
    sec = derive("hubspot app secret", 16).hex()
    t = 1777991400
    u = "https://hooks.example.com/hubspot?portalId=62515"
    b = '[{"eventId":7,"subscriptionType":"contact.creation","objectId":123}]'
    s = b64(hs(sec.encode(), f"POST{u}{b}{t * 1000}".encode()))
    add("computed: POST with a query string", COMPUTED, "ok", H(s, t * 1000), t, secrets=[sec],
        body=b, url=u, method="POST", sign={"timestamp": t})
    add("computed: timestamp in seconds reads as 1970", COMPUTED, "timestamp_too_old",
        H(b64(hs(sec.encode(), f"POST{u}{b}{t}".encode())), t), t, secrets=[sec], body=b, url=u,
        method="POST")
    return cases


SQ_SRC = ("square/square-nodejs-sdk c58c6e097af6717e5c728712f79f89f6cd9da12f "
          "tests/integration/webhooks.test.ts")


def square_cases():
    cases = []
    add = preset_adder(cases, "square")
    H = lambda s: {"x-square-hmacsha256-signature": s}
    b1 = ('{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":'
          '"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z",'
          '"data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}')
    u1 = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9"
    s1 = "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4="
    now = unix("2022-07-13T20:31:00+00:00")
    add("Square SDK vector", SQ_SRC, "ok", H(s1), now, secrets=["Ibxx_5AKakO-3qeNVR61Dw"], body=b1,
        url=u1, sign={})
    u2 = "https://webhook.site/webhooks"
    add("Square SDK vector 2", SQ_SRC, "ok", H("W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA="), now,
        secrets=["signature-key"], body='{"data":{"type":"webhooks","id":"fake_id"}}', url=u2,
        sign={})
    add("Square SDK vector 3", SQ_SRC, "ok", H("Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U="), now,
        secrets=["signature-key"], body='{"data":{"type":"webhooks","id":">id<"}}', url=u2,
        sign={})
    add("Square SDK vector at another URL", SQ_SRC, "no_matching_signature", H(s1), now,
        secrets=["Ibxx_5AKakO-3qeNVR61Dw"], body=b1, url=u2)
    add("Square SDK vector, URL with :443 (Square signs the URL as configured)", SQ_SRC,
        "no_matching_signature", H(s1), now, secrets=["Ibxx_5AKakO-3qeNVR61Dw"], body=b1,
        url=u1.replace("site/", "site:443/"))
    add("Square SDK vector, tampered body", SQ_SRC, "no_matching_signature", H(s1), now,
        secrets=["Ibxx_5AKakO-3qeNVR61Dw"], body=b1.replace("MLEF", "MLEG"), url=u1)
    add("Square SDK vector, wrong key", SQ_SRC, "no_matching_signature", H(s1), now,
        secrets=["signature-key"], body=b1, url=u1)
    add("Square SDK vector, no URL given", SQ_SRC, "missing_url", H(s1), now,
        secrets=["Ibxx_5AKakO-3qeNVR61Dw"], body=b1)
    add("missing signature header", SQ_SRC, "missing_header", {"x-square-signature": s1}, now,
        secrets=["Ibxx_5AKakO-3qeNVR61Dw"], body=b1, url=u1)
    return cases


TW_SRC = ("twilio/twilio-python 306691e793f417b6974640d1ef88785e9de03b2a "
          "tests/unit/test_request_validator.py")


def twilio_cases():
    cases = []
    add = preset_adder(cases, "twilio")
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    form = ("CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309"
            "&To=%2B18005551212")
    H = lambda s: {"X-Twilio-Signature": s}
    C = dict(secrets=["12345"], body=form)
    now = 1777991400
    add("Twilio SDK vector: form params", TW_SRC, "ok", H("RSOYDt4T1cUTdK1PDd93/VVr8B8="), now,
        url=url, sign={}, **C)
    add("Twilio SDK vector: URL with :443", TW_SRC, "ok", H("kvajT1Ptam85bY51eRf/AJRuM3w="), now,
        url=url.replace(".com/", ".com:443/"), **C)
    add("Twilio SDK vector: http with :80", TW_SRC, "ok", H("0ZXoZLH/DfblKGATFgpif+LLRf4="), now,
        url="http://mycompany.com:80/myapp.php?foo=1&bar=2", **C)
    add("Twilio SDK vector: non-default port :1234 (signed as given)", TW_SRC, "ok",
        H("Zmvh+3yNM1Phv2jhDCwEM3q5ebU="), now,
        url="http://mycompany.com:1234/myapp.php?foo=1&bar=2", sign={}, **C)
    add("signature over the URL without its port, verified at :443", TW_SRC, "ok",
        H("RSOYDt4T1cUTdK1PDd93/VVr8B8="), now, url=url.replace(".com/", ".com:443/"), **C)
    add("signature over the URL with :443, verified without the port", TW_SRC, "ok",
        H("kvajT1Ptam85bY51eRf/AJRuM3w="), now, url=url, **C)
    add("signature over :443, verified at :8443", TW_SRC, "no_matching_signature",
        H("kvajT1Ptam85bY51eRf/AJRuM3w="), now, url=url.replace(".com/", ".com:8443/"), **C)
    add("Twilio SDK vector: form params in another order", TW_SRC, "ok",
        H("RSOYDt4T1cUTdK1PDd93/VVr8B8="), now, url=url, secrets=["12345"],
        body="To=%2B18005551212&From=%2B14158675309&Digits=1234&Caller=%2B14158675309"
             "&CallSid=CA1234567890ABCDE")
    add("Twilio SDK vector: repeated values signed once",
        TW_SRC, "ok", H("IK+Dwps556ElfBT0I3Rgjkr1wJU="), now, url=url, secrets=["12345"],
        body="Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234")
    jb = '{"property": "value", "boolean": true}'
    ju = url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
    add("Twilio SDK vector: JSON body with bodySHA256", TW_SRC, "ok",
        H("a9nBmqA0ju/hNViExpshrM61xv4="), now, url=ju, secrets=["12345"], body=jb, sign={})
    add("JSON body changed: bodySHA256 no longer matches", TW_SRC, "no_matching_signature",
        H("a9nBmqA0ju/hNViExpshrM61xv4="), now, url=ju, secrets=["12345"],
        body=jb.replace("true", "false"))
    add("form param value changed", TW_SRC, "no_matching_signature",
        H("RSOYDt4T1cUTdK1PDd93/VVr8B8="), now, url=url, secrets=["12345"],
        body=form.replace("Digits=1234", "Digits=1235"))
    add("form param added", TW_SRC, "no_matching_signature", H("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        now, url=url, secrets=["12345"], body=form + "&Extra=1")
    add("query string changed", TW_SRC, "no_matching_signature", H("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        now, url=url.replace("foo=1", "foo=2"), **C)
    add("wrong auth token", TW_SRC, "no_matching_signature", H("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        now, url=url, secrets=["54321"], body=form)
    add("no URL given", TW_SRC, "missing_url", H("RSOYDt4T1cUTdK1PDd93/VVr8B8="), now, **C)
    add("missing X-Twilio-Signature", TW_SRC, "missing_header", {}, now, url=url, **C)
    tok = derive("twilio auth token", 16).hex()
    u = "https://hooks.example.com/twilio/sms"
    b = "Body=Hello+world%21&From=%2B15005550006&MessageSid=SM123&To=%2B15005550001"
    s = b64(hs(tok.encode(), (u + "BodyHello world!From+15005550006MessageSidSM123To+15005550001")
               .encode(), hashlib.sha1))
    add("computed: '+' and %XX decoded before signing", COMPUTED, "ok", H(s), now, url=u,
        secrets=[tok], body=b, sign={})
    add("computed: %20 reads as '+' does", COMPUTED, "ok", H(s), now, url=u, secrets=[tok],
        body=b.replace("Hello+world", "Hello%20world"))
    return cases


def mailgun_cases():
    cases = []
    add = preset_adder(cases, "mailgun")
    docs = "https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks"
    key = "key-" + derive("mailgun signing key", 16).hex()
    t = 1777991400
    token = derive("mailgun token", 25).hex()
    sig = hs(key.encode(), f"{t}{token}".encode()).hex()
    ev = '{"event":"delivered","recipient":"alice@example.com","id":"CPgfbmQMTCKtHW6uIWtuVe"}'

    def body(ts=f'"{t}"', tok=f'"{token}"', s=f'"{sig}"', event=ev, extra=""):
        return ('{"signature": {"token": ' + tok + ', "timestamp": ' + ts + ', "signature": '
                + s + '}' + extra + ', "event-data": ' + event + '}')

    src = f"{COMPUTED}; format from the Mailgun docs ({docs})"
    C = dict(secrets=[key])
    add("computed: signature object in the JSON body", src, "ok", {}, t, body=body(), **C)
    add("event-data changed: still verifies (the body is not covered)", src, "ok", {}, t,
        body=body(event=ev.replace("alice", "mallory")), **C)
    add("timestamp as a JSON number", src, "ok", {}, t, body=body(ts=str(t)), **C)
    add("unrelated headers ignored", src, "ok", {"content-type": "application/json"}, t,
        body=body(), **C)
    add("301 s old", src, "timestamp_too_old", {}, t + 301, body=body(), **C)
    add("301 s in the future", src, "timestamp_too_new", {}, t - 301, body=body(), **C)
    add("token changed", src, "no_matching_signature", {}, t,
        body=body(tok='"' + token[:-1] + "0" + '"' if token[-1] != "0" else '"' + token[:-1] + '1"'),
        **C)
    add("wrong signing key", src, "no_matching_signature", {}, t, body=body(),
        secrets=["key-wrong"])
    add("timestamp 'abc'", src, "invalid_timestamp", {}, t,
        body=body(ts='"abc"', s='"' + hs(key.encode(), f"abc{token}".encode()).hex() + '"'), **C)
    add("no signature object", src, "malformed_body", {}, t,
        body='{"event-data": ' + ev + '}', **C)
    add("no token", src, "malformed_body", {}, t,
        body='{"signature": {"timestamp": "' + str(t) + '", "signature": "' + sig + '"}}', **C)
    add("no timestamp", src, "malformed_body", {}, t,
        body='{"signature": {"token": "' + token + '", "signature": "' + sig + '"}}', **C)
    add("empty token", src, "malformed_body", {}, t,
        body=body(tok='""', s='"' + hs(key.encode(), f"{t}".encode()).hex() + '"'), **C)
    add("token as a JSON object", src, "malformed_body", {}, t, body=body(tok='{"a": 1}'), **C)
    other = derive("mailgun other token", 25).hex()
    add("signature object twice", src, "malformed_body", {}, t,
        body=body(extra=', "signature": {"token": "' + other + '"}'), **C)
    add("signature object twice, the second key spelt with an escape", src, "malformed_body", {},
        t, body=body(extra=', "sign\\u0061ture": {"token": "' + other + '"}'), **C)
    add("token key twice, one spelt with an escape", src, "malformed_body", {}, t,
        body=body(tok=f'"{token}", "t\\u006fken": "{other}"'), **C)
    add("token holding an escape", src, "malformed_body", {}, t,
        body=body(tok='"' + token[:10] + "\\u0030" + token[11:] + '"'), **C)
    add("body is form-encoded (legacy webhooks), not JSON", src, "malformed_body", {}, t,
        body=f"token={token}&timestamp={t}&signature={sig}", **C)
    add("body is a JSON array", src, "malformed_body", {}, t, body="[" + body() + "]", **C)
    add("signature in a header is not read", src, "malformed_body",
        {"x-mailgun-signature": sig}, t, body='{"event-data": ' + ev + '}', **C)
    return cases


def linear_cases():
    cases = []
    add = preset_adder(cases, "linear")
    src = (f"{COMPUTED}; linear/linear 8335e09a17dd8aa351dace3d05a94a55e78dad2a "
           "packages/sdk/src/webhooks/client.ts")
    sec = "lin_wh_" + derive("linear", 16).hex()
    t = 1777991400

    def body(ts=t * 1000 + 123, extra=""):
        return ('{"action":"create","type":"Issue","data":{"id":"2174add1","title":"Bug"},'
                '"url":"https://linear.app/issue/ENG-1"' + extra
                + (f',"webhookTimestamp":{ts}' if ts is not None else "") + "}")

    H = lambda b, k=sec: {"linear-signature": hs(k.encode(), b.encode()).hex()}
    b = body()
    add("computed: HMAC of the body, webhookTimestamp (ms) in the body", src, "ok", H(b), t,
        secrets=[sec], body=b, sign={})
    add("60 s old", src, "ok", H(b), t + 60, secrets=[sec], body=b)
    add("61 s old", src, "timestamp_too_old", H(b), t + 61, secrets=[sec], body=b)
    b2 = body(ts=(t + 61) * 1000)
    add("61 s in the future", src, "timestamp_too_new", H(b2), t, secrets=[sec], body=b2)
    b3 = body(ts=f'"{t * 1000}"')
    add("webhookTimestamp as a string", src, "ok", H(b3), t, secrets=[sec], body=b3)
    b4 = body(ts=None)
    add("no webhookTimestamp in the body", src, "malformed_body", H(b4), t, secrets=[sec], body=b4)
    add("no webhookTimestamp in the body, linear-timestamp header only", src, "malformed_body",
        dict(H(b4), **{"linear-timestamp": str(t * 1000)}), t, secrets=[sec], body=b4)
    b5 = body(extra=f',"webhookTimestamp":{(t - 3600) * 1000}')
    add("webhookTimestamp twice", src, "malformed_body", H(b5), t, secrets=[sec], body=b5)
    b6 = body(ts="1.7e12")
    add("webhookTimestamp '1.7e12'", src, "invalid_timestamp", H(b6), t, secrets=[sec], body=b6)
    add("tampered body", src, "no_matching_signature", H(b), t, secrets=[sec],
        body=b.replace("Bug", "Bud"))
    add("wrong secret", src, "no_matching_signature", H(b), t, secrets=["lin_wh_x"], body=b)
    add("missing linear-signature", src, "missing_header", {}, t, secrets=[sec], body=b)
    add("body not JSON", src, "malformed_body", H("x=1"), t, secrets=[sec], body="x=1")
    return cases


DISCORD_SEED = ed_seed("discord application")


def discord_cases():
    cases = []
    add = preset_adder(cases, "discord")
    seed = DISCORD_SEED
    pub = ed_public(seed)
    priv = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    t = 1777991400
    body = b'{"type":1,"id":"1234567890","application_id":"9876543210"}'
    sig = lambda ts, b=body: priv.sign(str(ts).encode() + b).hex()
    H = lambda s, ts=t: {"X-Signature-Ed25519": s, "X-Signature-Timestamp": str(ts)}
    C = dict(secrets=[pub.hex()], body=body.decode())
    src = COMPUTED_ED + " (key from a fixed seed)"
    add("computed: Ed25519 over timestamp + body, hex; hex public key", src, "ok", H(sig(t)), t, **C)
    add("uppercase hex public key and signature", src, "ok", H(sig(t).upper()), t,
        secrets=[pub.hex().upper()], body=body.decode())
    add("signing key (seed and public key, hex) signs and verifies", src, "ok", H(sig(t)), t,
        secrets=[(seed + pub).hex()], body=body.decode(), sign={"timestamp": t})
    add("300 s old", src, "ok", H(sig(t)), t + 300, **C)
    add("301 s old (hookseal: 300 s both ways)", src, "timestamp_too_old", H(sig(t)), t + 301, **C)
    add("301 s in the future", src, "timestamp_too_new", H(sig(t)), t - 301, **C)
    add("tampered body", src, "no_matching_signature", H(sig(t)), t, secrets=[pub.hex()],
        body=body.decode().replace("1234567890", "1234567891"))
    add("timestamp changed", src, "no_matching_signature", H(sig(t), t + 1), t, **C)
    other = ed_public(ed_seed("another application")).hex()
    add("another application's public key", src, "no_matching_signature", H(sig(t)), t,
        secrets=[other], body=body.decode())
    add("signature in base64", src, "no_matching_signature", H(b64(bytes.fromhex(sig(t)))), t, **C)
    add("signature truncated to 32 bytes", src, "no_matching_signature", H(sig(t)[:64]), t, **C)
    add("public key not hex", src, "invalid_secret", H(sig(t)), t, secrets=[b64(pub)],
        body=body.decode())
    add("public key of 16 bytes", src, "invalid_secret", H(sig(t)), t, secrets=[pub[:16].hex()],
        body=body.decode())
    add("missing X-Signature-Timestamp", src, "missing_header",
        {"X-Signature-Ed25519": sig(t)}, t, **C)
    add("missing X-Signature-Ed25519", src, "missing_header", {"X-Signature-Timestamp": str(t)},
        t, **C)
    add("empty X-Signature-Timestamp", src, "malformed_header",
        {"X-Signature-Ed25519": sig(t), "X-Signature-Timestamp": ""}, t, **C)
    return cases


def telnyx_cases():
    cases = []
    add = preset_adder(cases, "telnyx")
    seed = ed_seed("telnyx mission control")
    pub = ed_public(seed)
    priv = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    t = 1777991400
    body = b'{"data":{"event_type":"call.initiated","id":"0ccc7b54","payload":{"call_control_id":"v3:x"}}}'
    sig = lambda ts, b=body, sep=b"|": b64(priv.sign(str(ts).encode() + sep + b))
    H = lambda s, ts=t: {"telnyx-signature-ed25519": s, "telnyx-timestamp": str(ts)}
    C = dict(secrets=[b64(pub)], body=body.decode())
    src = COMPUTED_ED + " (key from a fixed seed); team-telnyx/telnyx-node b9b12ca src/lib/webhooks.ts"
    add("computed: Ed25519 over {ts}|{body}, base64; base64 public key", src, "ok", H(sig(t)), t,
        **C)
    add("signing key (seed and public key, base64) signs and verifies", src, "ok", H(sig(t)), t,
        secrets=[b64(seed + pub)], body=body.decode(), sign={"timestamp": t})
    add("300 s in the future", src, "ok", H(sig(t)), t - 300, **C)
    add("301 s old", src, "timestamp_too_old", H(sig(t)), t + 301, **C)
    add("301 s in the future", src, "timestamp_too_new", H(sig(t)), t - 301, **C)
    add("signed without the '|'", src, "no_matching_signature", H(sig(t, sep=b"")), t, **C)
    add("signature in hex", src, "no_matching_signature",
        H(unb64(sig(t)).hex()), t, **C)
    add("tampered body", src, "no_matching_signature", H(sig(t)), t, secrets=[b64(pub)],
        body=body.decode().replace("0ccc", "0ccd"))
    add("another key", src, "no_matching_signature", H(sig(t)), t,
        secrets=[b64(ed_public(DISCORD_SEED))], body=body.decode())
    add("public key not base64", src, "invalid_secret", H(sig(t)), t, secrets=[pub.hex()],
        body=body.decode())
    add("missing telnyx-timestamp", src, "missing_header", {"telnyx-signature-ed25519": sig(t)},
        t, **C)
    add("timestamp 'abc'", src, "invalid_timestamp", H(b64(priv.sign(b"abc|" + body)), "abc"), t,
        **C)
    return cases


SG_SRC = ("sendgrid/sendgrid-nodejs 498e2329e87d804d83f4a7b519d33fa09198d0ca "
          "packages/eventwebhook/src/eventwebhook.spec.js")


def sendgrid_payloads():
    single = json.dumps([{
        "email": "hello@world.com", "event": "dropped", "reason": "Bounced Address",
        "sg_event_id": "ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA",
        "sg_message_id": "LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0",
        "smtp-id": "<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>",
        "timestamp": 1600112492}], separators=(",", ":")) + "\r\n"
    multi = json.dumps([
        {"email": "invalid@gmail.com", "event": "processed", "send_at": 0,
         "sg_event_id": "cHJvY2Vzc2VkLTE5OTQyMTEyLXFOd0JMZ1BRUWpXNkRKdktRd1NBYnctMA",
         "sg_message_id": "qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0",
         "smtp-id": "<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>",
         "timestamp": 1619651146},
        {"email": "invalid@gmail.com", "event": "bounce", "ip": "167.89.101.76",
         "reason": "552 5.2.2 The email account that you tried to reach is over quota and "
                   "inactive. Please direct the recipient to https://support.google.com/mail/"
                   "?p=OverQuotaPerm c17si1130468pgv.34 - gsmtp",
         "sg_event_id": "Ym91bmNlLTAtMTk5NDIxMTItcU53QkxnUFFRalc2REp2S1F3U0Fidy0w",
         "sg_message_id": "qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0",
         "smtp-id": "<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>",
         "status": "5.2.2", "timestamp": 1619651147, "tls": 1, "type": "blocked"}],
        separators=(",", ":"), ensure_ascii=False).replace("},{", "},\r\n{") + "\r\n"
    return single, multi


def sendgrid_cases():
    cases = []
    add = preset_adder(cases, "sendgrid")
    single, multi = sendgrid_payloads()
    K1 = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g=="
    S1 = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM="
    K2 = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQ4LIFtWztlsF7skFqOncjD1lun4H5w8XOhyOArHW9RcIx/FfEzx6cikC/yPfUvwaX/JScE7Fc9CJD2afQ9Ok3Q=="
    S2 = "MEYCIQC/I4o6vCgqRYrTljjoVWB/GRWNtxeePlLMHr3x9ETeRQIhAIpV+03nREPTTHWSW0wIOA0EoMPdcNgXa70yCaqDJlu5"
    K0 = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA=="
    S0 = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0="
    BAD = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA=="
    H = lambda s, ts: {"X-Twilio-Email-Event-Webhook-Signature": s,
                       "X-Twilio-Email-Event-Webhook-Timestamp": str(ts)}
    add("SendGrid SDK vector: single event (trailing CRLF)", SG_SRC, "ok", H(S1, 1600112502),
        1600112502, secrets=[K1], body=single)
    add("SendGrid SDK vector: multiple events (CRLF between)", SG_SRC, "ok", H(S2, 1619651159),
        1619651159, secrets=[K2], body=multi)
    add("SendGrid SDK's older vector", "sendgrid/sendgrid-nodejs packages/eventwebhook/src/"
        "eventwebhook.spec.js at 8110b17^ (the parent of 8110b17, before the sample data changed)",
        "ok", H(S0, 1588788367), 1588788367, secrets=[K0],
        body='{"category":"example_payload","event":"test_event","message_id":"message_id"}')
    add("SendGrid SDK: invalid key", SG_SRC, "no_matching_signature", H(S1, 1600112502),
        1600112502, secrets=[BAD], body=single)
    add("SendGrid SDK: bad payload", SG_SRC, "no_matching_signature", H(S1, 1600112502),
        1600112502, secrets=[K1], body="payload")
    add("SendGrid SDK: bad signature", SG_SRC, "no_matching_signature",
        H("MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH3j/0=",
          1600112502), 1600112502, secrets=[K1], body=single)
    add("SendGrid SDK: bad timestamp", SG_SRC, "invalid_timestamp", H(S1, "timestamp"),
        1600112502, secrets=[K1], body=single)
    add("single-event vector without its trailing CRLF", SG_SRC, "no_matching_signature",
        H(S1, 1600112502), 1600112502, secrets=[K1], body=single[:-2])
    add("single-event vector 301 s old", SG_SRC + ", clock moved", "timestamp_too_old",
        H(S1, 1600112502), 1600112502 + 301, secrets=[K1], body=single)
    add("single-event vector 301 s in the future", SG_SRC + ", clock moved", "timestamp_too_new",
        H(S1, 1600112502), 1600112502 - 301, secrets=[K1], body=single)
    priv = ec_private("sendgrid account")
    pub = b64(ec_public_der(priv))
    t = 1777991400
    body = '[{"email":"bob@example.com","event":"delivered","timestamp":1777991390}]\r\n'
    der = ec_sign(priv, f"{t}".encode() + body.encode())
    add("computed: ECDSA P-256, DER signature, SPKI key", COMPUTED_EC, "ok", H(b64(der), t), t,
        secrets=[pub], body=body)
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
    r, s = decode_dss_signature(der)
    add("signature as raw r||s instead of DER", COMPUTED_EC, "no_matching_signature",
        H(b64(r.to_bytes(32, "big") + s.to_bytes(32, "big")), t), t, secrets=[pub], body=body)
    add("key not base64", COMPUTED_EC, "invalid_secret", H(b64(der), t), t,
        secrets=["not a key!"], body=body)
    add("key is base64 but not a P-256 public key", COMPUTED_EC, "invalid_secret",
        H(b64(der), t), t, secrets=[b64(b"not a key")], body=body)
    add("missing timestamp header", COMPUTED_EC, "missing_header",
        {"X-Twilio-Email-Event-Webhook-Signature": b64(der)}, t, secrets=[pub], body=body)
    return cases


def gitlab_cases():
    cases = []
    add = preset_adder(cases, "gitlab")
    tok = "glwt-" + derive("gitlab token", 12).hex()
    body = '{"object_kind":"push","ref":"refs/heads/main","checkout_sha":"da1560886d4f094c"}'
    src = "GitLab docs: X-Gitlab-Token carries the secret token as it is; " + COMPUTED
    add("token equal to the secret", src, "ok", {"X-Gitlab-Token": tok}, 1777991400,
        secrets=[tok], body=body, sign={})
    add("as GitLab sends it, with event headers (not reported: unsigned metadata)", src, "ok",
        {"X-Gitlab-Token": tok, "X-Gitlab-Event": "Push Hook",
         "X-Gitlab-Event-UUID": "13792a34-cac6-4fda-95a8-c58e00a3954e"}, 1777991400,
        secrets=[tok], body=body)
    add("any body verifies: the token covers nothing", src, "ok", {"X-Gitlab-Token": tok},
        1777991400, secrets=[tok], body='{"object_kind":"tag_push"}')
    add("rotation: the second secret matches", src, "ok", {"X-Gitlab-Token": tok}, 1777991400,
        secrets=["old-token", tok], body=body)
    add("wrong token", src, "no_matching_signature", {"X-Gitlab-Token": tok + "x"}, 1777991400,
        secrets=[tok], body=body)
    add("a prefix of the token", src, "no_matching_signature", {"X-Gitlab-Token": tok[:-1]},
        1777991400, secrets=[tok], body=body)
    add("missing X-Gitlab-Token", src, "missing_header", {}, 1777991400, secrets=[tok], body=body)
    add("empty X-Gitlab-Token", src, "malformed_header", {"X-Gitlab-Token": ""}, 1777991400,
        secrets=[tok], body=body)
    add("empty secret", src, "invalid_secret", {"X-Gitlab-Token": tok}, 1777991400, secrets=[""],
        body=body)
    return cases


def postmark_cases():
    cases = []
    add = preset_adder(cases, "postmark")
    cred = "hookuser:" + derive("postmark password", 10).hex()
    body = '{"RecordType":"Delivery","MessageID":"883953f4-6105-42a2-a16a-77a8eac79483"}'
    src = "Postmark docs (Basic HTTP auth in the webhook URL); " + COMPUTED
    H = lambda v: {"Authorization": v}
    add("Basic credentials equal to the secret user:password", src, "ok",
        H("Basic " + b64(cred.encode())), 1777991400, secrets=[cred], body=body, sign={})
    add("wrong password", src, "no_matching_signature",
        H("Basic " + b64((cred + "x").encode())), 1777991400, secrets=[cred], body=body)
    add("Bearer instead of Basic", src, "malformed_header", H("Bearer " + b64(cred.encode())),
        1777991400, secrets=[cred], body=body)
    add("credentials not base64", src, "no_matching_signature", H("Basic " + cred), 1777991400,
        secrets=[cred], body=body)
    add("missing Authorization", src, "missing_header", {}, 1777991400, secrets=[cred], body=body)
    return cases


# --------------------------------------------------------------------------------------------
# standard-webhooks.json: Ed25519 (v1a)

SVIX_V1A = {
    "keypair": "6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
    "public": "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=",
    "sig": "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==",
    "source": "Svix server/svix-server/src/worker.rs test_asymmetric_key_signing (keypair, message "
              "of the Standard Webhooks vector, v1a signature)",
}


def v1a_cases():
    cases = []
    vid, vts, vb = SWV["id"], SWV["ts"], SWV["body"]
    whsk = "whsk_" + SVIX_V1A["keypair"]
    whpk = SVIX_V1A["public"]
    src = SVIX_V1A["source"]
    H = lambda sig: sw_headers(vid, vts, sig)
    add = lambda *a, **k: cases.append(case(*a, **k))
    add("v1a: Svix server vector verified with whpk_", src, "ok", H(SVIX_V1A["sig"]), vts,
        secrets=[whpk], body=vb)
    add("v1a: Svix server vector signed and verified with whsk_ (seed and public key)", src, "ok",
        H(SVIX_V1A["sig"]), vts, secrets=[whsk], body=vb, sign={"id": vid, "timestamp": vts})
    seed = unb64(SVIX_V1A["keypair"])[:32]
    add("v1a: whsk_ holding the 32-byte seed only", src, "ok", H(SVIX_V1A["sig"]), vts,
        secrets=["whsk_" + b64(seed)], body=vb, sign={"id": vid, "timestamp": vts})
    both = SWV["sig"] + " " + SVIX_V1A["sig"]
    add("v1 and v1a entries, HMAC secret: the v1 entry matches", src + "; " + SWV["source"], "ok",
        H(both), vts, secrets=[SWV["secret"]], body=vb)
    add("v1 and v1a entries, public key: the v1a entry matches", src + "; " + SWV["source"], "ok",
        H(both), vts, secrets=[whpk], body=vb)
    add("rotation across algorithms: HMAC secret and public key, only v1a sent",
        src + "; " + SWV["source"], "ok", H(SVIX_V1A["sig"]), vts, secrets=[SWV["secret"], whpk],
        body=vb)
    add("rotation across algorithms: public key and HMAC secret, only v1 sent",
        src + "; " + SWV["source"], "ok", H(SWV["sig"]), vts, secrets=[whpk, SWV["secret"]],
        body=vb)
    add("v1a entry with an HMAC secret", src + "; " + SWV["source"], "no_matching_signature",
        H(SVIX_V1A["sig"]), vts, secrets=[SWV["secret"]], body=vb)
    add("v1 entry with a public key", src + "; " + SWV["source"], "no_matching_signature",
        H(SWV["sig"]), vts, secrets=[whpk], body=vb)
    forged = "v1," + b64(mac(unb64(whpk[5:]), f"{vid}.{vts}.".encode() + vb.encode()))
    add("v1 entry HMAC-keyed with the public key's bytes: a public key is no HMAC key",
        COMPUTED, "no_matching_signature", H(forged), vts, secrets=[whpk], body=vb)
    add("v1a Ed25519 signature in a v1 entry", src, "no_matching_signature",
        H("v1," + SVIX_V1A["sig"][4:]), vts, secrets=[whpk], body=vb)
    add("v1a: tampered body", src, "no_matching_signature", H(SVIX_V1A["sig"]), vts,
        secrets=[whpk], body=vb.replace("2432232314", "2432232315"))
    add("v1a: 301 s old", src + ", clock moved", "timestamp_too_old", H(SVIX_V1A["sig"]),
        vts + 301, secrets=[whpk], body=vb)
    add("whpk_ of 31 bytes", src, "invalid_secret", H(SVIX_V1A["sig"]), vts,
        secrets=["whpk_" + b64(unb64(whpk[5:])[:31])], body=vb)
    other = ed_public(ed_seed("another sender"))
    add("whsk_ whose public half is not its seed's", src, "invalid_secret", H(SVIX_V1A["sig"]),
        vts, secrets=["whsk_" + b64(seed + other)], body=vb)
    add("whpk_ not base64", src, "invalid_secret", H(SVIX_V1A["sig"]), vts,
        secrets=["whpk_!!!"], body=vb)
    k = ed_seed("standard webhooks sender")
    sk = ed25519.Ed25519PrivateKey.from_private_bytes(k)
    t = 1777991400
    b = '{"type":"invoice.paid","data":{"id":"in_1"}}'
    sig = "v1a," + b64(sk.sign(f"msg_ed1.{t}.{b}".encode()))
    add("computed v1a, signed with whsk_ (64 bytes)", COMPUTED_ED, "ok",
        sw_headers("msg_ed1", t, sig), t, secrets=["whsk_" + b64(k + ed_public(k))], body=b,
        sign={"id": "msg_ed1", "timestamp": t})
    return cases


# --------------------------------------------------------------------------------------------
# engine.json: every custom scheme field the engine added

def engine_cases():
    cases = []
    body = b'{"event":"order.shipped","order_id":"ord_1001"}'
    bs = body.decode()
    secret = "engine-secret-" + derive("engine secret", 8).hex()
    k = secret.encode()
    t = 1777991400

    def add(name, scheme, expect, headers, now=t, sec=None, b=bs, **kw):
        cases.append(case(name, kw.pop("source", COMPUTED), expect, headers, now, scheme=scheme,
                          secrets=[secret] if sec is None else sec, body=b, **kw))

    S = lambda **kw: dict({"signatureHeader": "X-Sig"}, **kw)
    # algorithms
    add("hmac-sha1, hex", S(algorithm="hmac-sha1"), "ok",
        {"X-Sig": hs(k, body, hashlib.sha1).hex()}, sign={})
    add("hmac-sha1 given an HMAC-SHA256", S(algorithm="hmac-sha1"), "no_matching_signature",
        {"X-Sig": hs(k, body).hex()})
    add("hmac-sha512, base64", S(algorithm="hmac-sha512", encoding="base64"), "ok",
        {"X-Sig": b64(hs(k, body, hashlib.sha512))}, sign={})
    add("hmac-sha256 explicit", S(algorithm="hmac-sha256"), "ok", {"X-Sig": hs(k, body).hex()},
        sign={})
    add("sha256: SHA-256 over secret bytes then content", S(algorithm="sha256"), "ok",
        {"X-Sig": hashlib.sha256(k + body).hexdigest()}, sign={})
    add("sha256 given an HMAC", S(algorithm="sha256"), "no_matching_signature",
        {"X-Sig": hs(k, body).hex()})
    seed = ed_seed("engine ed25519")
    pub = ed_public(seed)
    sk = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    ed = S(algorithm="ed25519", encoding="base64", secretFormat="hex",
           template="{timestamp}.{body}", timestampHeader="X-Ts")
    esig = b64(sk.sign(f"{t}.".encode() + body))
    add("ed25519, hex public key, base64 signature", ed, "ok", {"X-Sig": esig, "X-Ts": str(t)},
        sec=[pub.hex()], source=COMPUTED_ED)
    add("ed25519, hex seed and public key: signs and verifies", ed, "ok",
        {"X-Sig": esig, "X-Ts": str(t)}, sec=[(seed + pub).hex()], source=COMPUTED_ED,
        sign={"timestamp": t})
    add("ed25519, another key", ed, "no_matching_signature", {"X-Sig": esig, "X-Ts": str(t)},
        sec=[ed_public(DISCORD_SEED).hex()], source=COMPUTED_ED)
    add("ed25519, a 33-byte key", ed, "invalid_secret", {"X-Sig": esig, "X-Ts": str(t)},
        sec=[(pub + b"\0").hex()], source=COMPUTED_ED)
    ecp = ec_private("engine p256")
    ecs = S(algorithm="ecdsa-p256", encoding="base64", secretFormat="base64")
    add("ecdsa-p256, base64 DER SPKI key, base64 DER signature", ecs, "ok",
        {"X-Sig": b64(ec_sign(ecp, body))}, sec=[b64(ec_public_der(ecp))], source=COMPUTED_EC)
    add("ecdsa-p256, hex signature", dict(ecs, encoding="hex"), "ok",
        {"X-Sig": ec_sign(ecp, body).hex()}, sec=[b64(ec_public_der(ecp))], source=COMPUTED_EC)
    ec_pkcs8 = ecp.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    add("ecdsa-p256, base64 PKCS #8 private key: signs (RFC 6979) and verifies", ecs, "ok",
        {"X-Sig": b64(ec_sign(ecp, body))}, sec=[b64(ec_pkcs8)], source=COMPUTED_EC, sign={})
    past = S(template="{timestamp}.{body}", timestampHeader="X-Ts", tolerancePastOnly=True)
    psig = lambda when: hs(k, f"{when}.".encode() + body).hex()
    add("tolerancePastOnly: a year in the future is accepted", past, "ok",
        {"X-Sig": psig(t + 31536000), "X-Ts": str(t + 31536000)})
    add("tolerancePastOnly: 301 s old is still refused", past, "timestamp_too_old",
        {"X-Sig": psig(t - 301), "X-Ts": str(t - 301)})
    add("invalid scheme: tolerancePastOnly not a boolean", S(tolerancePastOnly="yes"),
        "invalid_scheme", {"X-Sig": hs(k, body).hex()})
    add("ecdsa-p256, tampered body", ecs, "no_matching_signature",
        {"X-Sig": b64(ec_sign(ecp, body))}, sec=[b64(ec_public_der(ecp))], source=COMPUTED_EC,
        b=bs.replace("1001", "1002"))
    tok = S(signatureHeader="X-Token", algorithm="token", encoding="raw")
    add("token, raw: the header equals the secret; covers nothing", tok, "ok",
        {"X-Token": secret}, sign={})
    add("token, raw: another value", tok, "no_matching_signature", {"X-Token": secret + "!"})
    add("token, base64 with a prefix", S(algorithm="token", encoding="base64", prefix="Token "),
        "ok", {"X-Sig": "Token " + b64(k)}, sign={})
    # encodings
    u = base64.urlsafe_b64encode(hs(k, body)).decode()
    bu = S(encoding="base64url")
    add("base64url without padding", bu, "ok", {"X-Sig": u.rstrip("=")}, sign={})
    add("base64url with padding", bu, "ok", {"X-Sig": u})
    std = b64(hs(k, body))
    if std != u:
        add("base64url scheme given the standard alphabet", bu, "no_matching_signature",
            {"X-Sig": std})
    add("base64 without padding", S(encoding="base64"), "no_matching_signature",
        {"X-Sig": std.rstrip("=")})
    # secret formats
    raw = derive("engine raw key", 32)
    add("secretFormat base64", S(secretFormat="base64"), "ok", {"X-Sig": hs(raw, body).hex()},
        sec=[b64(raw)], sign={})
    add("secretFormat base64: not base64", S(secretFormat="base64"), "invalid_secret",
        {"X-Sig": hs(raw, body).hex()}, sec=["***"])
    add("secretFormat hex", S(secretFormat="hex"), "ok", {"X-Sig": hs(raw, body).hex()},
        sec=[raw.hex()], sign={})
    add("secretFormat hex, uppercase", S(secretFormat="hex"), "ok",
        {"X-Sig": hs(raw, body).hex()}, sec=[raw.hex().upper()])
    add("secretFormat hex: odd length", S(secretFormat="hex"), "invalid_secret",
        {"X-Sig": hs(raw, body).hex()}, sec=[raw.hex()[:-1]])
    add("secretFormat hex: the text's bytes do not match", S(secretFormat="utf8"),
        "no_matching_signature", {"X-Sig": hs(raw, body).hex()}, sec=[raw.hex()])
    # timestamp formats
    ms = S(template="{timestamp}.{body}", timestampHeader="X-Ts", timestampFormat="milliseconds")
    msig = lambda v: hs(k, f"{v}.".encode() + body).hex()
    add("milliseconds", ms, "ok", {"X-Sig": msig(t * 1000), "X-Ts": str(t * 1000)},
        sign={"timestamp": t})
    add("milliseconds rounded down", ms, "ok", {"X-Sig": msig(t * 1000 + 999),
                                                 "X-Ts": str(t * 1000 + 999)})
    add("milliseconds: 301 s old", ms, "timestamp_too_old",
        {"X-Sig": msig(t * 1000), "X-Ts": str(t * 1000)}, now=t + 301)
    add("milliseconds: 301 s in the future", ms, "timestamp_too_new",
        {"X-Sig": msig(t * 1000), "X-Ts": str(t * 1000)}, now=t - 301)
    add("milliseconds given seconds", ms, "timestamp_too_old", {"X-Sig": msig(t), "X-Ts": str(t)})
    rf = S(template="{timestamp}.{body}", timestampHeader="X-Ts", timestampFormat="rfc3339")
    for label, v in (("UTC", format_ts(t, "rfc3339")), ("offset -07:00", "2026-05-05T07:30:00-07:00"),
                     ("fraction", format_ts(t, "rfc3339")[:-1] + ".987654Z")):
        add(f"rfc3339 {label}", rf, "ok", {"X-Sig": msig(v), "X-Ts": v},
            sign={"timestamp": t} if label == "UTC" else None)
    add("rfc3339 given seconds", rf, "invalid_timestamp", {"X-Sig": msig(t), "X-Ts": str(t)})
    add("rfc3339 with a 61st minute", rf, "invalid_timestamp",
        {"X-Sig": msig("2026-05-05T14:61:00Z"), "X-Ts": "2026-05-05T14:61:00Z"})
    # key=value framing
    kv = S(template="{timestamp}:{body}", signatureKey="h1", timestampKey="ts", entrySeparator=";")
    ks = hs(k, f"{t}:".encode() + body).hex()
    add("key=value with ';'", kv, "ok", {"X-Sig": f"ts={t};h1={ks}"}, sign={"timestamp": t})
    add("key=value: several signatures and ignored keys", kv, "ok",
        {"X-Sig": f"h0=zz;ts={t};h1={flip(ks)};x=1;h1={ks};h2=abc"})
    add("key=value: spaces and tabs around entries", kv, "ok", {"X-Sig": f" ts={t} ;\th1={ks} "})
    add("key=value: no timestamp entry", kv, "malformed_header", {"X-Sig": f"h1={ks}"})
    add("key=value: two timestamp entries", kv, "malformed_header",
        {"X-Sig": f"ts={t};ts={t};h1={ks}"})
    add("key=value: an entry without '='", kv, "malformed_header", {"X-Sig": f"ts={t};h1;h1={ks}"})
    add("key=value: no signature entry", kv, "no_matching_signature", {"X-Sig": f"ts={t};h2={ks}"})
    add("key=value: 33 signature entries", kv, "malformed_header",
        {"X-Sig": f"ts={t};" + ";".join([f"h1={flip(ks)}"] * 32 + [f"h1={ks}"])})
    add("key=value: 32 signature entries, the last matches", kv, "ok",
        {"X-Sig": f"ts={t};" + ";".join([f"h1={flip(ks)}"] * 31 + [f"h1={ks}"])})
    add("key=value: 301 s old", kv, "timestamp_too_old", {"X-Sig": f"ts={t};h1={ks}"}, now=t + 301)
    kvh = S(signatureKey="v1")
    add("key=value without a timestamp, default ','", kvh, "ok",
        {"X-Sig": f"v0=x,v1={hs(k, body).hex()}"})
    add("key=value without a timestamp, one entry", kvh, "ok", {"X-Sig": f"v1={hs(k, body).hex()}"},
        sign={})
    kvsp = S(signatureKey="sig", entrySeparator=" ", encoding="base64")
    add("key=value separated by spaces", kvsp, "ok",
        {"X-Sig": f"kid=1 sig={b64(hs(k, body))}"})
    kvth = S(template="{timestamp}.{body}", timestampHeader="X-Ts", signatureKey="v1")
    add("key=value signature with a timestamp header", kvth, "ok",
        {"X-Sig": f"v1={hs(k, f'{t}.'.encode() + body).hex()}", "X-Ts": str(t)},
        sign={"timestamp": t})
    # more signature headers
    more = S(encoding="base64", moreSignatureHeaders=["X-Sig-2", "X-Sig-3"])
    good = b64(hs(k, body))
    wrong = b64(derive("not it", 32))
    add("moreSignatureHeaders: the match is in the third header", more, "ok",
        {"X-Sig": wrong, "X-Sig-2": wrong, "X-Sig-3": good})
    add("moreSignatureHeaders: absent further headers are fine", more, "ok", {"X-Sig": good},
        sign={})
    add("moreSignatureHeaders: no header matches", more, "no_matching_signature",
        {"X-Sig": wrong, "X-Sig-2": wrong})
    add("moreSignatureHeaders: only a further header present", more, "missing_header",
        {"X-Sig-2": good})
    # invalid schemes
    bad = [
        ("unknown algorithm", S(algorithm="hmac-md5")),
        ("unknown timestampFormat", S(template="{timestamp}.{body}", timestampHeader="X-Ts",
                                      timestampFormat="iso8601")),
        ("unknown field", S(signatureHeaders=["X-Sig"])),
        ("signatureHeader not a header name", {"signatureHeader": "X Sig"}),
        ("moreSignatureHeaders holding a non-header name", S(moreSignatureHeaders=["X:Sig"])),
        ("signatureKey with a prefix", S(signatureKey="v1", prefix="sha256=")),
        ("timestampKey without signatureKey", S(template="{timestamp}.{body}", timestampKey="t")),
        ("entrySeparator without signatureKey", S(entrySeparator=";")),
        ("entrySeparator '='", S(signatureKey="v1", entrySeparator="=")),
        ("entrySeparator of two characters", S(signatureKey="v1", entrySeparator=";;")),
        ("entrySeparator a letter", S(signatureKey="v1", entrySeparator="x")),
        ("signatureKey equal to timestampKey", S(template="{timestamp}.{body}", signatureKey="t",
                                                 timestampKey="t")),
        ("signatureKey holding a space", S(signatureKey="v 1")),
        ("timestampKey and timestampHeader both", S(template="{timestamp}.{body}",
                                                    signatureKey="v1", timestampKey="t",
                                                    timestampHeader="X-Ts")),
        ("timestampKey without {timestamp}", S(signatureKey="v1", timestampKey="t")),
        ("encoding raw with an HMAC: only a token is sent as it is", S(encoding="raw")),
        ("token with {timestamp}: a token signs nothing",
         S(algorithm="token", encoding="raw", template="{timestamp}.{body}",
           timestampHeader="X-Ts")),
        ("signatureHeader and signatureField both", S(signatureField="sig")),
        ("neither signatureHeader nor signatureField", {"template": "{body}"}),
        ("signatureField with {body}: a signature inside the body cannot sign it",
         {"signatureField": "sig", "template": "{id}.{body}", "idField": "id"}),
        ("{header:} with no name", S(template="{header:}.{body}")),
        ("{header:X Y}: not a header name", S(template="{header:X Y}.{body}")),
        ("{url} twice", S(template="{url}|{url}|{body}")),
        ("{body} and {form}", S(template="{form}|{body}")),
        ("idHeader and idField both", S(template="{id}.{body}", idHeader="X-Id", idField="id")),
        ("timestampField signed by nothing", {"signatureField": "sig", "template": "{id}",
                                              "idField": "id", "timestampField": "ts"}),
        ("a body field with a quote", S(timestampField='a"b', timestampFormat="milliseconds")),
    ]
    for name, scheme in bad:
        add(f"invalid scheme: {name}", scheme, "invalid_scheme", {"X-Sig": hs(k, body).hex(),
                                                                   "X-Ts": str(t)})
    request_cases(add, k, body, t)
    return cases


def request_cases(add, k, body, t):
    """Custom schemes over the request: URL, path, method, form, named headers, body fields."""
    bs = body.decode()
    url = "https://hooks.example.com/in/orders?tenant=7"
    # Contentful-like: method, path, a named header and the body, one per line.
    canon = {"signatureHeader": "X-Sig", "template": "{method}\n{path}\n{header:X-Request-Id}\n{body}"}
    rid = "req_3f2a"
    sig = hs(k, f"POST\n/in/orders?tenant=7\n{rid}\n".encode() + body).hex()
    ctx = dict(url=url, method="POST")
    add("{method}, {path} and {header:X-Request-Id} signed with the body", canon, "ok",
        {"X-Sig": sig, "X-Request-Id": rid}, sign={}, **ctx)
    add("a named header changed", canon, "no_matching_signature",
        {"X-Sig": sig, "X-Request-Id": "req_other"}, **ctx)
    add("a named header missing", canon, "missing_header", {"X-Sig": sig}, **ctx)
    add("another path on the same host", canon, "no_matching_signature",
        {"X-Sig": sig, "X-Request-Id": rid}, url="https://hooks.example.com/in/refunds?tenant=7",
        method="POST")
    add("the path alone is signed: another host verifies", canon, "ok",
        {"X-Sig": sig, "X-Request-Id": rid}, url="http://10.0.0.5:8080/in/orders?tenant=7",
        method="POST")
    add("{path} without a URL", canon, "missing_url", {"X-Sig": sig, "X-Request-Id": rid},
        method="POST")
    dotted = {"signatureHeader": "X-Sig", "template": "{header:X-Shop}.{body}"}
    dsig = hs(k, b"shop.example." + body).hex()
    add("a named header holding the '.' that separates it: refused", dotted, "malformed_header",
        {"X-Sig": dsig, "X-Shop": "shop.example"})
    # Square-like with a separator, and Twilio-like with form parameters.
    square = {"signatureHeader": "X-Sig", "encoding": "base64", "template": "{url}|{body}"}
    ssig = b64(hs(k, f"{url}|".encode() + body))
    add("{url}|{body}", square, "ok", {"X-Sig": ssig}, url=url, sign={})
    add("{url}|{body} at another URL", square, "no_matching_signature", {"X-Sig": ssig},
        url=url + "&x=1")
    form = "b=2&a=1&a=0"
    twilio = {"signatureHeader": "X-Sig", "encoding": "base64", "algorithm": "hmac-sha1",
              "template": "{url}|{form}"}
    tsig = b64(hs(k, f"{url}|a0a1b2".encode(), hashlib.sha1))
    add("{url}|{form}: sorted form parameters, HMAC-SHA1", twilio, "ok", {"X-Sig": tsig},
        url=url, b=form, sign={})
    add("{url}|{form}, a parameter changed", twilio, "no_matching_signature", {"X-Sig": tsig},
        url=url, b="b=3&a=1&a=0")
    # Mailgun-like: the signature, timestamp and token in the body; the event data unsigned.
    mg = {"signatureField": "signature.signature", "timestampField": "signature.timestamp",
          "idField": "signature.token", "template": "{timestamp}.{id}"}
    token = "0f1e2d3c"
    msig = hs(k, f"{t}.{token}".encode()).hex()
    mbody = ('{"signature": {"timestamp": "%d", "token": "%s", "signature": "%s"}, '
             '"event-data": {"event": "delivered"}}' % (t, token, msig))
    add("signature, timestamp and token in the body (Mailgun-like)", mg, "ok", {}, b=mbody)
    add("body-field signature over another token", mg, "no_matching_signature", {},
        b=mbody.replace(token, "0f1e2d3d", 1))
    add("body-field signature missing", mg, "malformed_body", {},
        b='{"signature": {"timestamp": "%d", "token": "%s"}}' % (t, token))
    # Linear-like: the timestamp inside the signed body.
    ln = {"signatureHeader": "X-Sig", "timestampField": "webhookTimestamp",
          "timestampFormat": "milliseconds", "toleranceSeconds": 60}
    lbody = '{"action":"create","webhookTimestamp":%d123}' % t
    lsig = hs(k, lbody.encode()).hex()
    add("a timestamp field inside the signed body (Linear-like)", ln, "ok", {"X-Sig": lsig},
        b=lbody)
    add("a timestamp field 61 s old", ln, "timestamp_too_old", {"X-Sig": lsig}, b=lbody,
        now=t + 61)


# ---- every other preset: one computed set from its spec, plus the provider's published vectors

GENERIC_T = 1777991400  # 2026-05-05T14:30:00Z


def generic_secret(sp, pid: str, label: str = "") -> str:
    raw = derive(f"{pid} secret{label}", 24)
    fmt = sp["secret_format"]
    if sp["algorithm"] == "token" and sp["format"][1] == "Basic ":
        return f"hookseal:{raw.hex()}"
    if fmt == "whsec":
        return "whsec_" + b64(raw)
    if fmt == "base64":
        return b64(raw)
    if fmt == "hex":
        return raw.hex()
    return f"{pid}_{raw.hex()}"


def generic_body(sp, pid: str) -> bytes:
    if FORM in sp["template"]:
        return f"EventType=test&Id=evt{derive(pid + ' body', 6).hex()}&Amount=4200".encode()
    return (f'{{"id":"evt_{derive(pid + " body", 8).hex()}","type":"{pid}.test",'
            f'"created_at":"2026-05-05T14:30:00Z","data":{{"object":"example","amount":4200}}}}'
            ).encode()


def flip_header(headers: dict, name: str) -> dict:
    """The same headers with the signature's last character changed."""
    out = dict(headers)
    text = out[name]
    # the last character but one: the last of padded base64 holds unused bits
    i = len(text.rstrip("=")) - 2
    # '0' and '1' are digits in hex, base64 and base64url alike, and differ in any case
    out[name] = text[:i] + ("1" if text[i] == "0" else "0") + text[i + 1:]
    return out


def generic_cases(pid: str) -> list:
    """Computed cases for a preset from its spec alone: a signed message that must verify and
    reproduce its headers, and the changes that must fail it."""
    sp = PRESETS[pid]
    assert not sp["body_fields"], f"{pid}: fields in the body need their own builder"
    assert sp["algorithm"] not in ("ed25519", "ecdsa-p256"), f"{pid}: needs its own builder"
    t = sp["template"]
    cases = []
    add = preset_adder(cases, pid)
    src = COMPUTED + f" from the catalog entry's facts for {pid}"
    secret = generic_secret(sp, pid)
    url = (f"https://hooks.example.com/webhooks/{pid}?source=hookseal"
           if any(p in t for p in (URL, FORM, PATH)) else None)
    method = "POST" if METHOD in t else None
    body = generic_body(sp, pid)
    mid = "msg_" + derive(pid + " id", 9).hex() if ID in t or sp["id_header"] else None
    kv_ts = sp["format"][0] == "kv" and sp["format"][3] is not None
    ts = GENERIC_T if TS in t else None
    now = GENERIC_T
    key = spec_keys(sp, {"secrets": [secret]})[0]
    headers = sign_spec(sp, key, body, id=mid, timestamp=ts, url=url, method=method,
                        event_type=f"{pid}.test" if sp["event_header"] else None)
    sig = sp["sig"].lower()
    sign = {k: v for k, v in (("id", mid), ("timestamp", ts),
                             ("event_type", f"{pid}.test" if sp["event_header"] else None))
            if v is not None}
    C = dict(url=url, method=method)
    add(f"computed: {pid} as it signs", src, "ok", headers, now, secrets=[secret], body=body,
        sign=sign, **C)
    add("rotation: the second secret matches", src, "ok", headers, now,
        secrets=[generic_secret(sp, pid, " old"), secret], body=body, **C)
    add("wrong secret", src, "no_matching_signature", headers, now,
        secrets=[generic_secret(sp, pid, " other")], body=body, **C)
    add("signature changed in one character", src,
        "no_matching_signature", flip_header(headers, sig), now, secrets=[secret], body=body, **C)
    add(f"missing {sig}", src, "missing_header",
        {k: v for k, v in headers.items() if k != sig}, now, secrets=[secret], body=body, **C)
    if sp["algorithm"] == "token":
        add("any body verifies: a token covers nothing", src, "ok", headers, now,
            secrets=[secret], body=tamper(body), **C)
        return cases
    add("one byte of the body changed", src, "no_matching_signature", headers, now,
        secrets=[secret], body=tamper(body), **C)
    if ts is not None:
        tol = sp["tolerance"]
        add(f"{tol} s old: accepted", src, "ok", headers, now + tol, secrets=[secret], body=body,
            **C)
        add(f"{tol + 1} s old", src, "timestamp_too_old", headers, now + tol + 1,
            secrets=[secret], body=body, **C)
        future = "timestamp_too_new" if sp["two_sided"] else "ok"
        add(f"{tol + 1} s in the future" + ("" if sp["two_sided"] else ": old timestamps only"),
            src, future, headers, now - tol - 1, secrets=[secret], body=body, **C)
        if not kv_ts:
            tsh = sp["ts_header"].lower()
            moved = dict(headers)
            moved[tsh] = format_ts(ts + 1, sp["ts_format"])
            add("timestamp header moved by a second", src, "no_matching_signature", moved, now,
                secrets=[secret], body=body, **C)
    if url is not None:
        add("another URL", src, "no_matching_signature", headers, now, secrets=[secret],
            body=body, url=url.replace("source=hookseal", "source=other"), method=method)
        add("no URL given", src, "missing_url", headers, now, secrets=[secret], body=body,
            method=method)
    if ID in t:
        template_text = "".join(p[1] if isinstance(p, tuple) else "{" + p + "}" for p in t)
        for sep in literal_neighbours(template_text, "{id}"):
            bad = mid + sep + "x"
            add(f"an id holding {sep!r}, its separator from a neighbour: refused", src,
                "malformed_header", dict(headers, **{sp["id_header"].lower(): bad}), now,
                secrets=[secret], body=body, **C)
    if sp["id_header"] and ID not in t:
        add("the id header is unsigned: another id still verifies, reported as unsigned", src,
            "ok", dict(headers, **{sp["id_header"].lower(): "msg_other"}), now,
            secrets=[secret], body=body, **C)
    return cases


def published_cases(pid: str) -> list:
    """The provider's own published vectors for a preset (recomputed before they were copied)."""
    cases = []
    for v in PUBLISHED:
        if v["preset"] != pid:
            continue
        extra = {k: v[k] for k in ("url", "method", "tolerance_seconds") if v.get(k) is not None}
        cases.append(case(v["name"], v["source"], v.get("expect", "ok"), v["headers"], v["now"],
                          secrets=v["secrets"], body=v["body"], **extra))
    return cases


def supabase_cases() -> list:
    """Supabase's own way of writing secrets and signature lists, then the usual set."""
    sp = PRESETS["supabase"]
    src = COMPUTED + "; Supabase Auth Hooks docs: secrets shown as v1,whsec_…, entries joined by ', '"
    secret, other = whsec("supabase hook secret"), whsec("supabase other hook secret")
    body = b'{"user_id":"e6d4a3a1-2b71-4bd9-9e71-2fb8b3c1f2a7","claims":{"aud":"authenticated"}}'
    mid, ts = "msg_2b9cLr0d8mJ3Yp1", GENERIC_T
    one = sign_spec(sp, spec_keys(sp, {"secrets": [secret]})[0], body, id=mid, timestamp=ts)
    two = sign_spec(sp, spec_keys(sp, {"secrets": [other]})[0], body, id=mid, timestamp=ts)
    joined = dict(one, **{"webhook-signature": two["webhook-signature"] + ", "
                          + one["webhook-signature"]})
    first = dict(one, **{"webhook-signature": one["webhook-signature"] + ", "
                         + two["webhook-signature"]})
    cases = [
        case("a secret written v1,whsec_… as Supabase shows it", src, "ok", one, ts,
             secrets=["v1," + secret], body=body),
        case("two entries joined by ', ': the second matches", src, "ok", joined, ts,
             secrets=[secret], body=body),
        case("two entries joined by ', ': the first, trailing comma and all, matches", src, "ok",
             first, ts, secrets=[secret], body=body),
        case("two entries joined by ', ', neither under this secret", src,
             "no_matching_signature", first, ts, secrets=[whsec("supabase third")], body=body),
    ]
    return cases + generic_cases("supabase")


def twitch_cases() -> list:
    """The usual set, and the attack the ':' rule stops: Twitch signs `{id}{timestamp}{body}`
    with nothing between, so a body holding an RFC 3339 time of its own (`followed_at`) could be
    split anew: the id taking the real timestamp and the body's head, the body's time standing
    as the timestamp, the body's tail as the body. The same bytes, a fresh id, a fragment."""
    sp = PRESETS["twitch"]
    src = COMPUTED + "; the id/timestamp boundary attack on Twitch's {id}{timestamp}{body}"
    secret = generic_secret(sp, "twitch")
    mid, ts = "f1c2a387-161a-49f9-a165-0f21d7a4e1c4", GENERIC_T
    inner = format_ts(ts + 30, "rfc3339")
    body = ('{"subscription":{"type":"channel.follow"},"event":{"user_login":"cool_user",'
            f'"followed_at":"{inner}","broadcaster_user_login":"cooler_user"}}}}').encode()
    headers = sign_spec(sp, spec_keys(sp, {"secrets": [secret]})[0], body, id=mid, timestamp=ts)
    cut = body.index(inner.encode())
    moved = dict(headers)
    moved["twitch-eventsub-message-id"] = mid + headers["twitch-eventsub-message-timestamp"] \
        + body[:cut].decode()
    moved["twitch-eventsub-message-timestamp"] = inner
    fragment = body[cut + len(inner):]
    return generic_cases("twitch") + [
        case("a follow event whose body holds a time of its own", src, "ok", headers, ts,
             secrets=[secret], body=body),
        case("the same bytes split anew (id + timestamp + body head as the id, the body's own "
             "time as the timestamp, its tail as the body): refused, the id holds ':'", src,
             "malformed_header", moved, ts, secrets=[secret], body=fragment),
    ]


# Published vectors of presets without a builder of their own: each dict is preset, name, source
# (where it is published), secrets, headers, body, now, expect, and url/method where signed.
PUBLISHED = []

# ---- the Standard Webhooks family (OpenAI … GitLab signing tokens) and Airwallex
# The family signs as Standard Webhooks does (format "sw": space-separated `v1,<base64>`
# entries, only v1 counted), with webhook-* or svix-* headers; Polar reads its secret as UTF-8.
SW_TEMPLATE = [ID, L("."), TS, L("."), BODY]


def sw_spec(prefix="webhook", secret_format="whsec"):
    """A Standard Webhooks spec: `<prefix>-signature: v1,<base64> ...` over `{id}.{ts}.{body}`."""
    return spec(f"{prefix}-signature", SW_TEMPLATE, ("sw", "base64"), secret_format=secret_format,
                ts_header=f"{prefix}-timestamp", id_header=f"{prefix}-id")


def parse_sw_signatures(value: str):
    """The ("sw",) branch of parse_signatures: (candidate texts, None) or malformed_header."""
    cands = []
    for entry in value.split(" "):
        if not entry:
            continue
        if entry.endswith(",") and "," in entry[:-1]:  # Supabase joins with ", "
            entry = entry[:-1]
        if "," not in entry:
            raise VerifyError("malformed_header")
        version, text = entry.split(",", 1)
        if version == "v1":
            cands.append(text)
    return cands, None


PRESETS.update({
    "openai": sw_spec(),
    "replicate": sw_spec(),
    "clerk": sw_spec("svix"),
    "resend": sw_spec("svix"),
    "polar": sw_spec(secret_format="utf8"),
    "supabase": sw_spec(),
    "stytch": sw_spec("svix"),
    "lithic": sw_spec(),
    "incident-io": sw_spec(),
    "render": sw_spec(),
    "gitlab-signing-token": sw_spec(),
    # The timestamp (ms) touches the body with nothing between: both ways, the default.
    "airwallex": spec("x-signature", [TS, BODY], ts_header="x-timestamp", ts_format="milliseconds"),
})


_OPENAI_BODY = ('{"id": "evt_685c059ae3a481909bdc86819b066fb6", "object": "event", '
                '"created_at": 1750861210, "type": "response.completed", "data": {"id": "resp_123"}}')

_LITHIC_BODY = (
    '{"card_token":"sit Lorem ipsum, accusantium repellendus possimus",'
    '"created_at":"elit. placeat libero architecto molestias, sit","account_token":"elit.",'
    '"issuer_decision":"magnam, libero esse Lorem ipsum magnam, magnam,",'
    '"tokenization_attempt_id":"illum dolor repellendus libero esse accusantium",'
    '"wallet_decisioning_info":{"device_score":"placeat architecto"},'
    '"digital_wallet_token_metadata":{"status":"reprehenderit dolor","token_requestor_id":"possimus",'
    '"payment_account_info":{"account_holder_data":{"phone_number":"libero",'
    '"email_address":"nobis molestias, veniam culpa! quas elit. quas libero esse architecto placeat"},'
    '"pan_unique_reference":"adipisicing odit magnam, odit"}}}'
)

PUBLISHED += [
    dict(preset="openai", name="OpenAI SDK: response.completed (\"taken from a real webhook event\")",
         source="openai/openai-node 7b7d6ca tests/api-resources/webhooks.test.ts",
         secrets=["whsec_RdvaYFYUXuIFuEbvZHwMfYFhUf7aMYjYcmM24+Aj40c="],
         headers={"webhook-id": "wh_685c059ae39c8190af8c71ed1022a24d",
                  "webhook-timestamp": "1750861210",
                  "webhook-signature": "v1,gUAg4R2hWouRZqRQG4uJypNS8YK885G838+EHb4nKBY="},
         body=_OPENAI_BODY, now=1750861210, expect="ok", url=None, method=None),
    dict(preset="replicate", name="Replicate SDK: the Svix/Standard Webhooks vector (same as SWV)",
         source="replicate/replicate-javascript 2fd6f39 index.test.ts (validateWebhook; cites svix/svix-webhooks javascript/src/webhook.test.ts)",
         secrets=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
         headers={"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
                  "webhook-timestamp": "1614265330",
                  "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
         body='{"test": 2432232314}', now=1614265330, expect="ok", url=None, method=None),
    dict(preset="lithic", name="Lithic Go SDK: tokenization decisioning payload",
         source="lithic-com/lithic-go 7f07ce0 webhook_test.go (TestVerifySignature; added 0e2cef1, replaced in 1b11512)",
         secrets=["whsec_zlFsbBZ8Xcodlpcu6NDTdSzZRLSdhkst"],
         headers={"webhook-id": "msg_2Lh9KRb0pzN4LePd3XiA4v12Axj",
                  "webhook-timestamp": "1676312382",
                  "webhook-signature": "v1,Dwa0AHInLL3XFo2sxcHamOQDrJNi7F654S3L6skMAOI="},
         body=_LITHIC_BODY, now=1676312382, expect="ok", url=None, method=None),
]

# ---- HMAC-SHA1 and HMAC-SHA512 presets, and tokens (Vercel … Telegram)
# presets in tests/vectors/generate.py's vocabulary (spec, L, BODY, URL, ...).
# Paste PRESETS_D2 into generate.py's PRESETS; PUBLISHED_D2 holds the provider-published
# vectors recomputed for the INCLUDED providers (none: see d2.md).

PRESETS.update({
    "vercel": spec("x-vercel-signature", [BODY], algorithm="hmac-sha1"),
    # Only unbatched deliveries verify: a batched request signs its first event only.
    "segment": spec("x-signature", [BODY], algorithm="hmac-sha1"),
    "webex": spec("x-spark-signature", [BODY], algorithm="hmac-sha1"),
    # The body, then the callbackURL as given at webhook creation (the request URL here).
    "trello": spec("x-trello-webhook", [BODY, URL], ("single", "", "base64"),
                   algorithm="hmac-sha1"),
    "autodesk": spec("x-adsk-signature", [BODY], ("single", "sha1hash=", "hex"),
                     algorithm="hmac-sha1"),
    "mongodb-atlas": spec("x-mms-signature", [BODY], ("single", "", "base64"),
                          algorithm="hmac-sha1", event_header="x-mms-event"),
    "sonatype-nexus": spec("x-nexus-webhook-signature", [BODY], algorithm="hmac-sha1",
                           id_header="x-nexus-webhook-delivery",
                           event_header="x-nexus-webhook-id"),
    "terraform-cloud": spec("x-tfe-notification-signature", [BODY], algorithm="hmac-sha512"),
    "chargebee": spec("authorization", [], ("single", "Basic ", "base64"), algorithm="token"),
    "pipedrive": spec("authorization", [], ("single", "Basic ", "base64"), algorithm="token"),
    "okta": spec("authorization", [], ("single", "", "raw"), algorithm="token"),
    "deepgram": spec("authorization", [], ("single", "Basic ", "base64"), algorithm="token"),
    "telegram": spec("x-telegram-bot-api-secret-token", [], ("single", "", "raw"),
                     algorithm="token"),
})

# No INCLUDED provider publishes a concrete (secret, body, signature) example in its own docs
# or SDK tests. Adyen's published vectors (recomputed, all match) are listed in d2.md; Adyen is
# EXCLUDED, so they are not fixtures for any preset here.
PUBLISHED += []

# ---- presets signing the body alone (Sentry … PagerDuty)
# presets in generate.py's vocabulary (spec, BODY, TS, ... as defined there) and the
# provider-published vectors, recomputed with hmac/hashlib (all matched; see c1.md).
# Excluded: bitbucket, jira, airtable (unconfirmed from the provider's own docs/SDK; see c1.md).

PRESETS.update({
    # Sentry-Hook-Timestamp is sent but not signed (reported as metadata only); Request-ID is an
    # unsigned delivery id.
    "sentry": spec("sentry-hook-signature", [BODY], id_header="request-id",
                   event_header="sentry-hook-resource"),
    "dropbox": spec("x-dropbox-signature", [BODY]),
    "notion": spec("x-notion-signature", [BODY], ("single", "sha256=", "hex")),
    "asana": spec("x-hook-signature", [BODY]),
    "microsoft-teams": spec("authorization", [BODY], ("single", "HMAC ", "base64"),
                            secret_format="base64"),
    "heroku": spec("heroku-webhook-hmac-sha256", [BODY], ("single", "", "base64")),
    "circleci": spec("circleci-signature", [BODY], ("kv", ",", "v1", None, "hex"),
                     event_header="circleci-event-type"),
    "pagerduty": spec("x-pagerduty-signature", [BODY], ("kv", ",", "v1", None, "hex")),
})

_CIRCLECI_SRC = "circleci/circleci-docs 002e41a jekyll/_cci2/webhooks.adoc (Validate outbound webhooks)"
_PAGERDUTY_SRC = "PagerDuty/go-pagerduty 3df5eb4 webhookv3/webhookv3_test.go (TestVerifySignature, valid)"

PUBLISHED += [
    dict(preset="circleci", name="CircleCI docs example: hello world / secret", source=_CIRCLECI_SRC,
         secrets=["secret"],
         headers={"circleci-signature": "v1=734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"},
         body="hello world", now=1700000000, expect="ok", url=None, method=None),
    dict(preset="circleci", name="CircleCI docs example: lalala / another-secret", source=_CIRCLECI_SRC,
         secrets=["another-secret"],
         headers={"circleci-signature": "v1=daa220016c8f29a8b214fbfc3671aeec2145cfb1e6790184ffb38b6d0425fa00"},
         body="lalala", now=1700000000, expect="ok", url=None, method=None),
    dict(preset="circleci", name="CircleCI docs example: an-important-request-payload / hunter123",
         source=_CIRCLECI_SRC, secrets=["hunter123"],
         headers={"circleci-signature": "v1=9be2242094a9a8c00c64306f382a7f9d691de910b4a266f67bd314ef18ac49fa"},
         body="an-important-request-payload", now=1700000000, expect="ok", url=None, method=None),
    dict(preset="circleci", name="CircleCI docs Python example: foo / secret", source=_CIRCLECI_SRC,
         secrets=["secret"],
         headers={"circleci-signature": "v1=773ba44693c7553d6ee20f61ea5d2757a9a4f4a44d2841ae4e95b52e4cd62db4"},
         body="foo", now=1700000000, expect="ok", url=None, method=None),
    dict(preset="pagerduty", name="go-pagerduty webhookv3 test vector", source=_PAGERDUTY_SRC,
         secrets=["lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK"],
         headers={"X-PagerDuty-Signature": "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd"},
         body='{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}',
         now=1700000000, expect="ok", url=None, method=None),
]

# ---- presets of the providers the big verification products list (DocuSign … Calendly)
# presets in generate.py's vocabulary (spec, L, TS, BODY, URL, FORM come from
# /work/main/tests/vectors/generate.py) and the provider-published vectors recomputed for them.
# Excluded: orb (its X-Orb-Timestamp is ISO 8601 without an offset, which the engine's RFC 3339
# reader refuses); its SDK vector is recorded in b.md only.

PRESETS.update({
    # One X-DocuSign-Signature-N header per HMAC key on the account; -1 to -5 are read.
    "docusign": spec("x-docusign-signature-1", [BODY], ("single", "", "base64"),
                     more=["x-docusign-signature-2", "x-docusign-signature-3",
                           "x-docusign-signature-4", "x-docusign-signature-5"]),
    "coinbase-commerce": spec("x-cc-webhook-signature", [BODY]),
    "intercom": spec("x-hub-signature", [BODY], ("single", "sha1=", "hex"),
                     algorithm="hmac-sha1"),
    # The URL exactly as configured in Mandrill; no default-port variants.
    "mandrill": spec("x-mandrill-signature", [URL, FORM], ("single", "", "base64"),
                     algorithm="hmac-sha1"),
    "tiktok": spec("tiktok-signature", [TS, L("."), BODY], ("kv", ",", "s", "t", "hex")),
    "typeform": spec("typeform-signature", [BODY], ("single", "sha256=", "base64")),
    "xero": spec("x-xero-signature", [BODY], ("single", "", "base64")),
    "razorpay": spec("x-razorpay-signature", [BODY]),
    "onfido": spec("x-sha2-signature", [BODY]),
    "calendly": spec("calendly-webhook-signature", [TS, L("."), BODY],
                     ("kv", ",", "v1", "t", "hex")),
})

_COINBASE_BODY = (
    '{"id":1,"scheduled_for":"2017-01-31T20:50:02Z","attempt_number":1,"event":{"id":'
    '"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created","api_version":"2018-03-22",'
    '"created_at":"2017-01-31T20:49:02Z","data":{"code":"66BEOV2A","name":"The Sovereign '
    'Individual","description":"Mastering the Transition to the Information Age","hosted_url":'
    '"https://commerce.coinbase.com/charges/66BEOV2A","created_at":"2017-01-31T20:49:02Z",'
    '"expires_at":"2017-01-31T21:04:02Z","timeline":[{"time":"2017-01-31T20:49:02Z","status":'
    '"NEW"}],"metadata":{},"pricing_type":"no_price","payments":[],"addresses":{"bitcoin":'
    '"0000000000000000000000000000000000","ethereum":"0x0000000000000000000000000000000000000000",'
    '"litecoin":"3000000000000000000000000000000000","bitcoincash":'
    '"bitcoincash:000000000000000000000000000000000000000000"}}}}'
)

_ONFIDO_STUDIO_BODY = (
    '{"payload":{"resource_type":"workflow_task","action":"workflow_task.started","object":{"id":'
    '"profile_1eb92","task_spec_id":"profile_1eb92","task_def_id":"profile_data","workflow_run_id":'
    '"bc77c6e5-753a-4580-96a6-aaed3e5a8d19","status":"started","started_at_iso8601":'
    '"2024-07-10T12:49:09Z","href":"https://api.eu.onfido.com/v3.6/workflow_runs/'
    'bc77c6e5-753a-4580-96a6-aaed3e5a8d19/tasks/profile_1eb92"},"resource":{"created_at":'
    '"2024-07-10T12:49:09Z","id":"profile_1eb92","workflow_run_id":'
    '"bc77c6e5-753a-4580-96a6-aaed3e5a8d19","updated_at":"2024-07-10T12:49:09Z","input":{},'
    '"task_def_version":null,"task_def_id":"profile_data","output":null}}}'
)

PUBLISHED += [
    dict(preset="coinbase-commerce", name="Coinbase Commerce SDK test vector",
         source="coinbase/coinbase-commerce-node d46c596 test/testWebhook.spec.js",
         secrets=["30291a20-0bd1-4267-9b0f-e6e7b123c0bf"],
         headers={"x-cc-webhook-signature":
                  "8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d"},
         body=_COINBASE_BODY, now=1700000000, expect="ok", url=None, method=None),
    dict(preset="razorpay", name="Razorpay SDK test vector",
         source="razorpay/razorpay-node 9737ef1 test/utils/razorpay-utils.spec.js",
         secrets=["123456"],
         headers={"x-razorpay-signature":
                  "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc"},
         body='{"a":1,"b":2,"c":{"d":3}}', now=1700000000, expect="ok", url=None, method=None),
    dict(preset="onfido", name="Onfido SDK test vector (classic check event)",
         source="onfido/onfido-node 2b9faec test/classic-webhook-event-verifier.test.ts",
         secrets=["_ABC123abc123ABC123abc123ABC123_"],
         headers={"x-sha2-signature":
                  "a0082d7481f9f0a2907583dbe1f344d6d4c0d9989df2fd804f98479f60cd760e"},
         body='{"payload":{"resource_type":"check","action":"check.completed","object":{"id":'
              '"check-123","status":"complete","completed_at_iso8601":"2020-01-01T00:00:00Z",'
              '"href":"https://api.onfido.com/v3/checks/check-123"}}}',
         now=1700000000, expect="ok", url=None, method=None),
    dict(preset="onfido", name="Onfido SDK test vector (Studio workflow_task event)",
         source="onfido/onfido-node 2b9faec test/studio-webhook-event-verifier.test.ts",
         secrets=["YKOC6mkBxi6yK2zlUIrLMvsJMFEZObP5"],
         headers={"x-sha2-signature":
                  "c95a5b785484f6fa1bc25f381b5595d66bf85cb442eefb06aa007802ee6a4dfa"},
         body=_ONFIDO_STUDIO_BODY, now=1700000000, expect="ok", url=None, method=None),
]

# ---- timestamped presets (Persona … Frame.io)
# presets in generate.py's vocabulary (spec, L, TS, BODY, ID come from generate.py).

PRESETS.update({
    "persona": spec("persona-signature", [TS, L("."), BODY], ("kv", ",", "v1", "t", "hex")),
    "tailscale": spec("tailscale-webhook-signature", [TS, L("."), BODY],
                      ("kv", ",", "v1", "t", "hex"), two_sided=False),
    "elevenlabs": spec("elevenlabs-signature", [TS, L("."), BODY], ("kv", ",", "v0", "t", "hex"),
                       tolerance=1800, two_sided=False),
    "workos": spec("workos-signature", [TS, L("."), BODY], ("kv", ",", "v1", "t", "hex"),
                   ts_format="milliseconds", tolerance=180, two_sided=False),
    "buildkite": spec("x-buildkite-signature", [TS, L("."), BODY],
                      ("kv", ",", "signature", "timestamp", "hex"),
                      event_header="x-buildkite-event"),
    # id, timestamp and body touch: both ways (the timestamp is RFC 3339).
    "twitch": spec("twitch-eventsub-message-signature", [ID, TS, BODY], ("single", "sha256=", "hex"),
                   ts_header="twitch-eventsub-message-timestamp", ts_format="rfc3339",
                   id_header="twitch-eventsub-message-id",
                   event_header="twitch-eventsub-subscription-type"),
    "customer-io": spec("x-cio-signature", [L("v0:"), TS, L(":"), BODY],
                        ts_header="x-cio-timestamp"),
    "frame-io": spec("x-frameio-signature", [L("v0:"), TS, L(":"), BODY], ("single", "v0=", "hex"),
                     ts_header="x-frameio-request-timestamp"),
})

PUBLISHED += [
    dict(preset="customer-io",
         name="customerio-node golden value (v0:timestamp:body)",
         source="customerio/customerio-node b0288a4 test/webhooks.ts ('matches the documented "
                "v0:timestamp:body HMAC-SHA256 hex scheme'); recomputed with python3 hmac: match",
         secrets=["signing-secret"],
         headers={"x-cio-timestamp": "1614265384",
                  "x-cio-signature": "6f55cf23f9b73a2ff07733fe04421f64ce9ec5e409696edda6b2a80311944230"},
         body='{"event_id":"abc","object_type":"email","metric":"delivered"}',
         now=1614265384, expect="ok", url=None, method=None),
]

# ---- presets signing the body alone (LaunchDarkly … AfterShip), published vectors where the SDKs have them
# provider presets in tests/vectors/generate.py's vocabulary, and the provider-published
# vectors recomputed with python3 hmac/hashlib (see c2.md for sources and results).
# Meant to be pasted into generate.py, where spec, L, TS, BODY are defined.

PRESETS.update({
    "launchdarkly": spec("x-ld-signature", [BODY]),
    "modern-treasury": spec("x-signature", [BODY], id_header="x-webhook-id"),
    "alchemy": spec("x-alchemy-signature", [BODY]),
    "gocardless": spec("webhook-signature", [BODY]),
    "checkout-com": spec("cko-signature", [BODY]),
    "nylas": spec("x-nylas-signature", [BODY]),
    "woocommerce": spec("x-wc-webhook-signature", [BODY], ("single", "", "base64"),
                        id_header="x-wc-webhook-delivery-id", event_header="x-wc-webhook-topic"),
    "cal-com": spec("x-cal-signature-256", [BODY]),
    "lemon-squeezy": spec("x-signature", [BODY], event_header="x-event-name"),
    "pusher": spec("x-pusher-signature", [BODY]),
    "aftership": spec("aftership-hmac-sha256", [BODY], ("single", "", "base64")),
})

_GC_BODY = (
    '{"events":[{"id":"EV00BD05S5VM2T","created_at":"2018-07-05T09:13:51.404Z",'
    '"resource_type":"subscriptions","action":"created","links":{"subscription":"SB0003JJQ2MR06"},'
    '"details":{"origin":"api","cause":"subscription_created","description":"Subscription created via the API."},'
    '"metadata":{}},{"id":"EV00BD05TB8K63","created_at":"2018-07-05T09:13:56.893Z",'
    '"resource_type":"mandates","action":"created","links":{"mandate":"MD000AMA19XGEC"},'
    '"details":{"origin":"api","cause":"mandate_created","description":"Mandate created via the API."},'
    '"metadata":{}}]}'
)

_MT_SRC = ("Modern-Treasury/modern-treasury-python aaddd3d tests/api_resources/test_webhooks.py "
           "(test_get_signature, key \"foo\")")

PUBLISHED += [
    dict(preset="gocardless", name="GoCardless SDK fixture webhook_body.json",
         source="gocardless/gocardless-pro-python d5c83f3 tests/webhooks_test.py + tests/fixtures/webhook_body.json (file stripped of its trailing newline, as the test does)",
         secrets=["ED7D658C-D8EB-4941-948B-3973214F2D49"],
         headers={"webhook-signature": "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e"},
         body=_GC_BODY, now=1530782036, expect="ok", url=None, method=None),
    dict(preset="modern-treasury", name="Modern Treasury SDK: payload foo", source=_MT_SRC,
         secrets=["foo"],
         headers={"x-signature": "08ba357e274f528065766c770a639abf6809b39ccfd37c2a3157c7f51954da0a"},
         body="foo", now=1700000000, expect="ok", url=None, method=None),
    dict(preset="modern-treasury", name="Modern Treasury SDK: {\"foo\":\"bar\"}", source=_MT_SRC,
         secrets=["foo"],
         headers={"x-signature": "57e14f6f354543f0101fb06ea24df7731d90087b76651e3497345e22a3622940"},
         body='{"foo":"bar"}', now=1700000000, expect="ok", url=None, method=None),
    dict(preset="modern-treasury", name="Modern Treasury SDK: three keys", source=_MT_SRC,
         secrets=["foo"],
         headers={"x-signature": "ec1c86d16075e6937fc26d55b7dc60bac9b1178a2f714312f7c5cb13a319b0ac"},
         body='{"foo":"bar","bar":"baz","a": true}', now=1700000000, expect="ok", url=None, method=None),
    dict(preset="modern-treasury", name="Modern Treasury SDK: nested", source=_MT_SRC,
         secrets=["foo"],
         headers={"x-signature": "39b6fc0f5b02a5aefbdd7fb337245b4209036334e837d8c5b6a4092965ebc0a5"},
         body='{"a":{"b":{"c":{"d":[null,1,true,false,["foo",{"bar":[true, false]}]]}}}}',
         now=1700000000, expect="ok", url=None, method=None),
    dict(preset="pusher", name="Pusher SDK: channel_vacated",
         source="pusher/pusher-http-node 7492d8d tests/integration/webhook.js (token key 123456789, secret tofu; body = JSON.stringify of the test object)",
         secrets=["tofu"],
         headers={"x-pusher-key": "123456789",
                  "x-pusher-signature": "c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5",
                  "content-type": "application/json"},
         body='{"time_ms":1403175510755,"events":[{"channel":"test_channel","name":"channel_vacated"}]}',
         now=1403175511, expect="ok", url=None, method=None),
]


PRESET_BUILDERS = {
    "paddle": paddle_cases, "mux": mux_cases, "sanity": sanity_cases, "zendesk": zendesk_cases,
    "webflow": webflow_cases, "box": box_cases, "paystack": paystack_cases,
    "hubspot-v1": hubspot_v1_cases, "hubspot-v2": hubspot_v2_cases,
    "hubspot-v3": hubspot_v3_cases, "square": square_cases, "twilio": twilio_cases,
    "mailgun": mailgun_cases, "linear": linear_cases, "discord": discord_cases,
    "telnyx": telnyx_cases, "sendgrid": sendgrid_cases, "gitlab": gitlab_cases,
    "postmark": postmark_cases, "supabase": supabase_cases,
    "twitch": twitch_cases,
}


def main():
    check_published()
    write("standard-webhooks", standard_webhooks_cases() + v1a_cases())
    write("svix", svix_cases())
    write("septiccycle", septiccycle_cases())
    write("x-webhook-signature", x_webhook_signature_cases())
    write("github", github_cases())
    write("stripe", stripe_cases())
    write("slack", slack_cases())
    write("shopify", shopify_cases())
    write("custom", custom_cases())
    write("custom", engine_cases(), file_name="engine")
    for preset, build in PRESET_BUILDERS.items():
        write(preset, build())
    for preset in PRESETS:
        if preset not in PRESET_BUILDERS:
            write(preset, published_cases(preset) + generic_cases(preset))


if __name__ == "__main__":
    main()
