//! Reading one field out of a JSON body, for schemes that put signed fields there (Mailgun's
//! `signature.token`, Linear's `webhookTimestamp`). A single forward scan: linear in the body's
//! size, no recursion, no allocation.

/// The value of the field at `path` (object keys separated by `.`) in the JSON object `body`:
/// a string's contents, or a number's text. `Ok(None)` when the field is absent. A string
/// holding escapes, a key met twice on the way (parsers disagree on which one counts), or a body
/// that is not a JSON object is an error.
pub(crate) fn field<'a>(body: &'a [u8], path: &str) -> Result<Option<&'a str>, &'static str> {
    find(body, path, false)
}

/// As [`field`], for a field that must be a string: a number there is an error.
#[cfg(feature = "events")]
pub(crate) fn string_field<'a>(
    body: &'a [u8],
    path: &str,
) -> Result<Option<&'a str>, &'static str> {
    find(body, path, true)
}

fn find<'a>(
    body: &'a [u8],
    path: &str,
    string_only: bool,
) -> Result<Option<&'a str>, &'static str> {
    let mut scanner = Scanner { body, at: 0 };
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        scanner.expect(b'{')?;
        let mut found = None;
        loop {
            scanner.skip_space();
            if scanner.eat(b'}') {
                break;
            }
            // A key spelt with escapes could be the one wanted, read differently by another
            // parser: refused rather than skipped.
            let key = scanner.string()?.ok_or("a key holds escapes")?;
            scanner.skip_space();
            scanner.expect(b':')?;
            scanner.skip_space();
            if key == segment {
                if found.is_some() {
                    return Err("a key appears twice");
                }
                found = Some(scanner.at);
            }
            scanner.skip_value()?;
            scanner.skip_space();
            if !scanner.eat(b',') {
                scanner.skip_space();
                scanner.expect(b'}')?;
                break;
            }
        }
        let Some(start) = found else {
            return Ok(None);
        };
        scanner.at = start;
        if segments.peek().is_none() {
            if string_only && scanner.peek() != Some(b'"') {
                return Err("the field is not a string");
            }
            return scanner.scalar().map(Some);
        }
    }
    Ok(None)
}

struct Scanner<'a> {
    body: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.body.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        self.at += usize::from(matched);
        matched
    }

    fn expect(&mut self, byte: u8) -> Result<(), &'static str> {
        self.skip_space();
        if self.eat(byte) {
            Ok(())
        } else {
            Err("the body is not the JSON the scheme expects")
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string's contents, `None` when it holds escapes (such a key matches no path segment).
    fn string(&mut self) -> Result<Option<&'a str>, &'static str> {
        if !self.eat(b'"') {
            return Err("the body is not the JSON the scheme expects");
        }
        let start = self.at;
        let mut escaped = false;
        loop {
            match self.peek() {
                None => return Err("unterminated string"),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.at += 2;
                }
                Some(_) => self.at += 1,
            }
        }
        let text = self.body.get(start..self.at).ok_or("unterminated string")?;
        self.at += 1;
        if escaped {
            return Ok(None);
        }
        core::str::from_utf8(text)
            .map(Some)
            .map_err(|_| "a string is not UTF-8")
    }

    /// A string without escapes, or a number, as its text.
    fn scalar(&mut self) -> Result<&'a str, &'static str> {
        if self.peek() == Some(b'"') {
            return self.string()?.ok_or("a signed field holds escapes");
        }
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.at += 1;
        }
        let text = self.body.get(start..self.at).unwrap_or_default();
        if text.is_empty() {
            return Err("a signed field is neither a string nor a number");
        }
        core::str::from_utf8(text).map_err(|_| "not UTF-8")
    }

    /// Any value, up to the `,`, `}` or `]` after it: strings honour escapes, objects and arrays
    /// are skipped by counting brackets. (Not a validator: only the fields read are checked.)
    fn skip_value(&mut self) -> Result<(), &'static str> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return Err("the body ends inside a value"),
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.at += 1;
                }
                Some(b',' | b'}' | b']') if depth == 0 => return Ok(()),
                Some(b'}' | b']') => {
                    depth -= 1;
                    self.at += 1;
                }
                Some(_) => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn finds_nested_strings_and_numbers() {
        let body = br#"{"event-data": {"x": [1, {"signature": "no"}], "s": "a\"b"},
                        "signature": {"token": "abc", "timestamp": "1700000000"}, "webhookTimestamp": 1700000000123}"#;
        assert_eq!(field(body, "signature.token"), Ok(Some("abc")));
        assert_eq!(field(body, "signature.timestamp"), Ok(Some("1700000000")));
        assert_eq!(field(body, "webhookTimestamp"), Ok(Some("1700000000123")));
        assert_eq!(field(body, "signature.missing"), Ok(None));
        assert_eq!(field(body, "nothing.here"), Ok(None));
    }

    #[test]
    fn refuses_what_parsers_could_read_differently() {
        assert!(field(br#"{"a": 1, "a": 2}"#, "a").is_err());
        assert!(field(br#"{"a": "x\u0041"}"#, "a").is_err());
        assert!(field(br#"{"\u0061": "x", "a": "y"}"#, "a").is_err());
        assert!(field(b"[1]", "a").is_err());
        assert!(field(br#"{"a": "#, "a").is_err());
        assert!(field(br#"{"a": true}"#, "a").is_err());
        assert_eq!(field(b"{}", "a"), Ok(None));
    }

    #[test]
    fn deep_nesting_is_linear_and_safe() {
        let mut body = b"{\"a\": ".to_vec();
        body.extend(core::iter::repeat_n(b'[', 1 << 20));
        assert!(field(&body, "a.b").is_err());
        assert!(field(&body, "b").is_err());
    }
}
