//! URLs and `application/x-www-form-urlencoded` bodies, as Twilio signs them.

use alloc::borrow::Cow;
use alloc::format;
use alloc::vec::Vec;

/// The URL's path and query, as written: what follows the scheme and host (`/` at least). A URL
/// without a scheme is taken to be a path already.
pub(crate) fn path(url: &str) -> &str {
    // Most schemes sign no URL: no substring search for them (its searcher's setup alone was
    // about 30 ns of a 256-byte verify in WebAssembly).
    if url.is_empty() {
        return url;
    }
    let Some((_, rest)) = url.split_once("://") else {
        return url;
    };
    let rest = rest.split_once('#').map_or(rest, |(rest, _)| rest);
    match rest.find(['/', '?']) {
        Some(start) => rest.get(start..).unwrap_or("/"),
        None => "/",
    }
}

/// The first value of query parameter `name` in `url`, as written (not decoded).
pub(crate) fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The form body's parameters, decoded, sorted by name, each name followed by its values in
/// sorted order with repeated values once, all with nothing between: the string Twilio appends
/// to the URL it signs. Bytes that are not valid percent-encoding are kept as they are.
pub(crate) fn sorted_params(body: &[u8]) -> Vec<u8> {
    let mut params: Vec<(Vec<u8>, Vec<u8>)> = body
        .split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut halves = pair.splitn(2, |&b| b == b'=');
            let name = decode(halves.next().unwrap_or_default());
            let value = decode(halves.next().unwrap_or_default());
            (name, value)
        })
        .collect();
    // Equal pairs are identical: an unstable sort gives the same order, with less code.
    params.sort_unstable();
    params.dedup();
    params
        .into_iter()
        .flat_map(|(name, value)| [name, value])
        .flatten()
        .collect()
}

/// Percent-decoding, with `+` as a space.
pub(crate) fn decode(text: &[u8]) -> Vec<u8> {
    let hex = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match (
            b,
            text.get(i + 1).copied().and_then(hex),
            text.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(high * 16 + low);
                i += 3;
                continue;
            }
            (b'+', _, _) => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

/// `url` with its port removed and with its scheme's default port added (a port already there
/// is kept): Twilio's SDKs accept a signature over either, since proxies add or drop it.
pub(crate) fn port_variants(url: &str) -> Vec<Cow<'_, str>> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return alloc::vec![Cow::Borrowed(url)];
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    // A port follows the last `:` unless that `:` is inside an IPv6 literal.
    let (host, port) = match host_port.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') && port.bytes().all(|b| b.is_ascii_digit()) => {
            (host, Some(port))
        }
        _ => (host_port, None),
    };
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => return alloc::vec![Cow::Borrowed(url)],
    };
    let userinfo = userinfo
        .map(|userinfo| format!("{userinfo}@"))
        .unwrap_or_default();
    let without = format!("{scheme}://{userinfo}{host}{path}");
    let with = format!(
        "{scheme}://{userinfo}{host}:{}{path}",
        port.unwrap_or(default_port)
    );
    alloc::vec![Cow::Owned(without), Cow::Owned(with)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_sort_decode_and_drop_repeated_values() {
        let body = b"To=%2B18005551212&Digits=5678&Digits=1234&Digits=1234&Caller=a+b&Empty=";
        assert_eq!(
            sorted_params(body),
            b"Callera bDigits1234Digits5678Empty"
                .iter()
                .chain(b"To+18005551212")
                .copied()
                .collect::<Vec<_>>()
        );
        assert_eq!(decode(b"%zz%4"), b"%zz%4");
    }

    #[test]
    fn ports_are_added_and_removed() {
        let names = |url| {
            port_variants(url)
                .into_iter()
                .map(Cow::into_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("https://mycompany.com/myapp.php?foo=1&bar=2"),
            [
                "https://mycompany.com/myapp.php?foo=1&bar=2",
                "https://mycompany.com:443/myapp.php?foo=1&bar=2"
            ]
        );
        assert_eq!(
            names("http://mycompany.com:1234/myapp.php"),
            [
                "http://mycompany.com/myapp.php",
                "http://mycompany.com:1234/myapp.php"
            ]
        );
        assert_eq!(
            names("https://[::1]:443"),
            ["https://[::1]", "https://[::1]:443"]
        );
        assert_eq!(names("not a url"), ["not a url"]);
    }

    #[test]
    fn paths_keep_the_query_and_drop_scheme_host_and_fragment() {
        assert_eq!(path("https://example.com/hooks/a?x=1#f"), "/hooks/a?x=1");
        assert_eq!(path("https://example.com"), "/");
        assert_eq!(path("https://example.com?x=1"), "?x=1");
        assert_eq!(path("/already/a/path"), "/already/a/path");
    }

    #[test]
    fn query_params_are_found_as_written() {
        let url = "https://x/p?foo=1&bodySHA256=ab12&bar=2#f";
        assert_eq!(query_param(url, "bodySHA256"), Some("ab12"));
        assert_eq!(query_param(url, "baz"), None);
    }
}
