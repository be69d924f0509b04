use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD as BASE64, URL_SAFE_NO_PAD as BASE64_URL};

use crate::scheme::{Encoding, Part, SignatureFormat, Spec, holds_separator};
use crate::secret::{Key, SignedContent};
use crate::verify::Inputs;
use crate::{Error, RequestContext, Scheme, Secret, form, time};

/// What a message is signed with besides its body. Which fields a scheme needs: Standard
/// Webhooks and Svix need `id` and `timestamp`; Stripe and Slack need `timestamp`; a custom scheme
/// needs what its template signs. A field the scheme has a header for but does not sign (GitHub's
/// delivery id, an event type) is sent in that header; a field it has no header for is ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SignInput<'a> {
    /// The message id.
    pub id: Option<&'a str>,
    /// The Unix timestamp in seconds. hookseal has no clock: pass the current time.
    pub timestamp: Option<u64>,
    /// The event type, for schemes that send it in a header.
    pub event_type: Option<&'a str>,
    /// The URL and method the request goes to, for schemes that sign them.
    pub request: RequestContext<'a>,
    /// The values of the headers a custom template signs by name (`{header:Name}`): name and
    /// value pairs, sent with the other headers.
    pub headers: &'a [(&'a str, &'a str)],
}

impl<'a> SignInput<'a> {
    /// An input with id and timestamp, as Standard Webhooks needs.
    pub fn new(id: &'a str, timestamp: u64) -> Self {
        SignInput {
            id: Some(id),
            timestamp: Some(timestamp),
            ..SignInput::default()
        }
    }

    /// The same input with the request's URL and method.
    #[must_use]
    pub fn with_request(self, url: &'a str, method: &'a str) -> Self {
        SignInput {
            request: RequestContext::new(url, method),
            ..self
        }
    }

    /// The same input with an event type.
    #[must_use]
    pub fn with_event_type(self, event_type: &'a str) -> Self {
        SignInput {
            event_type: Some(event_type),
            ..self
        }
    }
}

/// Signs webhooks in one scheme with one secret.
#[derive(Clone, Debug)]
pub struct Signer {
    scheme: Scheme,
    key: Key,
}

impl Signer {
    /// A signer; the secret is read the way the scheme reads secrets (see [`Secret`]).
    pub fn new<'a>(scheme: Scheme, secret: impl Into<Secret<'a>>) -> Result<Signer, Error> {
        let spec = scheme.spec();
        let key = Key::new(secret.into(), &spec)?;
        Ok(Signer { scheme, key })
    }

    /// The scheme this signer writes.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// The headers to send with `body`, names in lowercase, exactly as the scheme's receivers
    /// expect them.
    pub fn sign(&self, body: &[u8], input: &SignInput<'_>) -> Result<Vec<(String, String)>, Error> {
        let spec = self.scheme.spec();
        if spec.body_fields.signature.is_some() {
            return Err(Error::InvalidSignInput(
                "this scheme carries its signature inside the body: hookseal only verifies it",
            ));
        }
        let signs = |part: Part| spec.template.contains(&part);
        let id = check_header_text(
            input.id,
            "the id must be header text: no control characters or outer spaces",
        )?;
        let event_type = check_header_text(
            input.event_type,
            "the event type must be header text: no control characters or outer spaces",
        )?;
        match id {
            None if signs(Part::Id) => {
                return Err(Error::InvalidSignInput("this scheme signs an id: pass one"));
            }
            Some(id) if signs(Part::Id) && holds_separator(spec.template, &Part::Id, id) => {
                return Err(Error::InvalidSignInput(
                    "the id must not contain the character that separates it from the next signed field (a `.` for Standard Webhooks)",
                ));
            }
            _ => {}
        }
        let timestamp = match input.timestamp {
            Some(seconds) => time::format(seconds, spec.timestamp_format),
            None if signs(Part::Timestamp) => {
                return Err(Error::InvalidSignInput(
                    "this scheme signs a timestamp: pass one",
                ));
            }
            None => String::new(),
        };
        let inputs = Inputs::new(&spec, body, &input.request).map_err(|error| match error {
            Error::MissingUrl => {
                Error::InvalidSignInput("this scheme signs the request URL: pass it")
            }
            Error::MissingMethod => {
                Error::InvalidSignInput("this scheme signs the request method: pass it")
            }
            _ => Error::InvalidSignInput("the URL's bodySHA256 is not the SHA-256 of the body"),
        })?;
        let signed_headers = signed_header_values(spec.template, input.headers)?;
        let mac = self
            .key
            .sign(&SignedContent {
                template: spec.template,
                id: id.unwrap_or_default(),
                timestamp: &timestamp,
                url: inputs.url,
                path: form::path(inputs.url),
                method: inputs.method,
                form: &inputs.form,
                headers: &signed_headers,
                body,
            })
            .ok_or(Error::InvalidSignInput(
                "a public key only verifies: sign with the private key",
            ))?;
        let signature = self.signature_text(&spec, &mac, &timestamp)?;
        let names = spec.headers;
        let mut headers = Vec::new();
        let mut push = |name: Option<&str>, value: Option<&str>| {
            if let (Some(name), Some(value)) = (name, value) {
                headers.push((name.to_ascii_lowercase(), value.to_string()));
            }
        };
        push(names.id, id);
        let timestamp_in_signature = matches!(
            spec.format,
            SignatureFormat::KeyValue {
                timestamp_key: Some(_),
                ..
            }
        );
        if !timestamp_in_signature {
            push(names.timestamp, input.timestamp.map(|_| timestamp.as_str()));
        }
        push(Some(names.signature), Some(&signature));
        for (name, value) in names.fixed.iter().chain(&signed_headers) {
            push(Some(name), Some(value));
        }
        push(names.event_type, event_type);
        Ok(headers)
    }

    /// The signature header's value for `signature`, in the scheme's framing.
    fn signature_text(
        &self,
        spec: &Spec<'_>,
        signature: &[u8],
        timestamp: &str,
    ) -> Result<String, Error> {
        let encoding = spec.format.encoding();
        if encoding == Encoding::Raw && core::str::from_utf8(signature).is_err() {
            return Err(Error::InvalidSignInput(
                "a token sent as it is must be text",
            ));
        }
        let encoded = encode(signature, encoding);
        Ok(spec.format.write(self.key.version(), &encoded, timestamp))
    }
}

/// The values of the headers `template` signs by name, from `given` (names in any case),
/// checked like ids: header text that holds no separator of its template.
fn signed_header_values<'a>(
    template: &'a [Part],
    given: &[(&'a str, &'a str)],
) -> Result<Vec<(&'a str, &'a str)>, Error> {
    let mut values = Vec::new();
    for part in template {
        let Part::Header(name) = part else { continue };
        let value = given
            .iter()
            .find(|(given, _)| given.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
            .ok_or(Error::InvalidSignInput(
                "this scheme signs a header by name: pass its value",
            ))?;
        let value = check_header_text(
            Some(value),
            "a signed header's value must be header text: no control characters or outer spaces",
        )?
        .unwrap_or_default();
        if holds_separator(template, part, value) {
            return Err(Error::InvalidSignInput(
                "a signed header's value must not contain the character that separates it from the next signed field",
            ));
        }
        values.push((name.as_ref(), value));
    }
    Ok(values)
}

/// Header values must survive the trip: no control characters (a line break would inject a
/// header) and no surrounding spaces (HTTP trims them, which would change the signed id).
fn check_header_text<'a>(
    text: Option<&'a str>,
    problem: &'static str,
) -> Result<Option<&'a str>, Error> {
    let Some(text) = text else {
        return Ok(None);
    };
    let bad = text.is_empty()
        || text.len() > crate::MAX_HEADER_BYTES
        || text.chars().any(char::is_control)
        || text.trim_matches([' ', '\t']).len() != text.len();
    if bad {
        return Err(Error::InvalidSignInput(problem));
    }
    Ok(Some(text))
}

pub(crate) fn encode(bytes: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Hex => base16ct::lower::encode_string(bytes),
        Encoding::Base64 => BASE64.encode(bytes),
        Encoding::Base64Url => BASE64_URL.encode(bytes),
        Encoding::Raw => String::from_utf8_lossy(bytes).into_owned(),
    }
}
