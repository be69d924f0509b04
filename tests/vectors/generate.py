#!/usr/bin/env python3
"""Regenerate hookseal's language-neutral test vectors (tests/vectors/<scheme>.json).

Run from anywhere:  python3 tests/vectors/generate.py

Python 3.11 standard library only (hmac, hashlib, base64, json; datetime and os for
plumbing): an implementation independent of the Rust core. The output is deterministic: no
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


def sign_headers(scheme, key: bytes, body: bytes, id=None, timestamp=None, event_type=None):
    if scheme in SW_SCHEMES:
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
    if isinstance(scheme, str):
        return COVERS[scheme]
    template = scheme.get("template", "{body}")
    return [p for p in ("body", "timestamp", "id") if "{" + p + "}" in template]


def literal_neighbours(template: str, placeholder: str) -> list:
    """The literal characters directly before and after `placeholder` in `template`."""
    at = template.index(placeholder)
    out = []
    if at > 0 and template[at - 1] != "}":
        out.append(template[at - 1])
    end = at + len(placeholder)
    if end < len(template) and template[end] != "{":
        out.append(template[end])
    return out


def validate_custom(s) -> dict:
    def bad():
        raise VerifyError("invalid_scheme")

    if not isinstance(s, dict):
        bad()
    if not isinstance(s.get("signatureHeader"), str) or not s["signatureHeader"]:
        bad()
    if s.get("encoding", "hex") not in ("hex", "base64"):
        bad()
    if s.get("secretFormat", "utf8") not in ("utf8", "whsec"):
        bad()
    tol = s.get("toleranceSeconds", DEFAULT_TOLERANCE)
    if not isinstance(tol, int) or isinstance(tol, bool) or tol < 0:
        bad()
    template = s.get("template", "{body}")
    names = re.findall(r"\{([^{}]*)\}", template)
    if any(n not in ("id", "timestamp", "body") for n in names):
        bad()
    if names.count("body") != 1 or names.count("id") > 1 or names.count("timestamp") > 1:
        bad()
    if "}{" in template:
        bad()  # two fields touch: bytes could move from one to the other
    if "timestamp" in names and any(c.isdigit() for c in literal_neighbours(template, "{timestamp}")):
        bad()  # the timestamp's digits could move into the text beside it
    if "id" in names and not s.get("idHeader"):
        bad()
    if ("timestamp" in names) != bool(s.get("timestampHeader")):
        bad()  # a timestamp header must be signed, and a signed timestamp needs its header
    return s


def verify(file_scheme, case):
    """Return (id, timestamp, event_type) or raise VerifyError(code)."""
    scheme = case.get("scheme", file_scheme)
    if isinstance(scheme, dict):
        validate_custom(scheme)
    elif scheme not in BUILTIN:
        raise VerifyError("invalid_scheme")
    keys = case_keys(scheme, case)
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
        entries = sig_header.split(" ")
        if len(entries) > MAX_SIGNATURES or any("," not in e for e in entries):
            raise VerifyError("malformed_header")
        ts = parse_timestamp(ts_text)
        check_tolerance(ts, now, tol)
        cands = [from_b64(e.split(",", 1)[1]) for e in entries if e.split(",", 1)[0] == "v1"]
        if not any_match(keys, f"{mid}.{ts_text}.".encode() + body, cands):
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

    # custom scheme object
    s = scheme
    v = h.need(s["signatureHeader"])
    template = s.get("template", "{body}")
    signs_id = "{id}" in template
    mid = h.need(s["idHeader"]) if signs_id else None
    if mid is not None and any(c in mid for c in literal_neighbours(template, "{id}")):
        raise VerifyError("malformed_header")  # the id would hold its own separator
    ts_text = h.need(s["timestampHeader"]) if s.get("timestampHeader") else None
    prefix = s.get("prefix", "")
    if not v.startswith(prefix):
        raise VerifyError("malformed_header")
    ts = None
    if ts_text is not None:
        ts = parse_timestamp(ts_text)
        check_tolerance(ts, now, tol)
    before, after = template.split("{body}")
    fill = lambda t: t.replace("{id}", mid or "").replace("{timestamp}", ts_text or "")
    content = fill(before).encode() + body + fill(after).encode()
    raw = v[len(prefix):]
    cand = from_hex(raw) if s.get("encoding", "hex") == "hex" else from_b64(raw)
    if not any_match(keys, content, [cand]):
        raise VerifyError("no_matching_signature")
    unsigned_id = h.get(s["idHeader"]) if s.get("idHeader") and not signs_id else None
    etype = h.get(s["eventTypeHeader"]) if s.get("eventTypeHeader") else None
    return Outcome(id=mid, timestamp=ts, unsigned_id=unsigned_id, unsigned_event_type=etype)


def body_bytes(case) -> bytes:
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_base64" in case:
        return unb64(case["body_base64"])
    return fixture(case["body_fixture"])


def run(file_scheme, case):
    try:
        return "ok", verify(file_scheme, case)
    except VerifyError as e:
        return e.code, None


# --------------------------------------------------------------------------------------------
# case construction

FIELD_ORDER = ["name", "source", "scheme", "secrets", "secrets_base64", "headers", "body",
               "body_base64", "body_fixture", "now", "tolerance_seconds", "expect",
               "expect_covers", "expect_id", "expect_timestamp", "expect_unsigned_id",
               "expect_unsigned_event_type", "sign"]


def case(name, source, expect, headers, now, *, secrets=None, secrets_base64=None, body=None,
         body_base64=None, body_fixture=None, scheme=None, tolerance_seconds=None, sign=None,
         wrong_signature=False):
    c = {"name": name, "source": source}
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
        got, info = run(file_scheme, c)
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
            if isinstance(scheme, dict):
                ts_text = h.get(scheme["timestampHeader"])
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
            assert isinstance(scheme, str), c["name"]
            assert len(c.get("secrets", c.get("secrets_base64", []))) == 1, c["name"]
            key = case_keys(scheme, c)[0]
            s = c["sign"]
            made = sign_headers(scheme, key, body_bytes(c), s.get("id"), s.get("timestamp"),
                                s.get("event_type"))
            given = {k.lower(): v for k, v in c["headers"].items()}
            assert made == given, f"{c['name']!r}: sign gives {made}, headers are {given}"
        out.append({k: c[k] for k in FIELD_ORDER if k in c})
    return {"scheme": file_scheme, "cases": out}


def write(file_scheme, cases):
    doc = finish(file_scheme, cases)
    path = os.path.join(HERE, f"{file_scheme}.json")
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
        ("unknown secretFormat", {"signatureHeader": "X-Signature", "secretFormat": "hex"}),
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
    ]
    for name, scheme in bad:
        add(f"invalid scheme: {name}", scheme, "invalid_scheme", plain)
    add("unknown scheme id", "not-a-scheme", "invalid_scheme", plain)
    return cases


def main():
    check_published()
    write("standard-webhooks", standard_webhooks_cases())
    write("svix", svix_cases())
    write("septiccycle", septiccycle_cases())
    write("x-webhook-signature", x_webhook_signature_cases())
    write("github", github_cases())
    write("stripe", stripe_cases())
    write("slack", slack_cases())
    write("shopify", shopify_cases())
    write("custom", custom_cases())


if __name__ == "__main__":
    main()
