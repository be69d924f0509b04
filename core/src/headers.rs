use alloc::string::String;
use alloc::vec::Vec;

/// Read access to a request's headers, by name, ignoring ASCII case.
///
/// Implemented for lists of name/value pairs (`[(K, V)]`, arrays and `Vec`s of them, with any
/// `AsRef<str>` types, so `("webhook-id", "msg_1")` and `(String, String)` both work) and, with
/// the `http` feature, for `http::HeaderMap`.
pub trait Headers {
    /// The value of header `name`, compared without regard to ASCII case. When a header is
    /// repeated, the first value.
    fn header(&self, name: &str) -> Option<&str>;

    /// Whether header `name` is present more than once. A header the scheme reads that is sent
    /// twice is `malformed_header`: picking one value would let a forged value ride next to a
    /// genuine one. Sources that cannot hold a name twice keep the default, `false`.
    fn repeated(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| key.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_ref())
    }

    fn repeated(&self, name: &str) -> bool {
        self.iter()
            .filter(|(key, _)| key.as_ref().eq_ignore_ascii_case(name))
            .nth(1)
            .is_some()
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Headers for [(K, V); N] {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }

    fn repeated(&self, name: &str) -> bool {
        self.as_slice().repeated(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }

    fn repeated(&self, name: &str) -> bool {
        self.as_slice().repeated(name)
    }
}

impl<H: Headers + ?Sized> Headers for &H {
    fn header(&self, name: &str) -> Option<&str> {
        (**self).header(name)
    }

    fn repeated(&self, name: &str) -> bool {
        (**self).repeated(name)
    }
}

impl Headers for alloc::collections::BTreeMap<String, String> {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Keys differing only in case are the same header.
    fn repeated(&self, name: &str) -> bool {
        self.keys()
            .filter(|key| key.eq_ignore_ascii_case(name))
            .nth(1)
            .is_some()
    }
}

/// A header that is not valid visible ASCII (`HeaderValue::to_str` fails) reads as absent.
#[cfg(feature = "http")]
impl Headers for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|value| value.to_str().ok())
    }

    fn repeated(&self, name: &str) -> bool {
        self.get_all(name).iter().nth(1).is_some()
    }
}
