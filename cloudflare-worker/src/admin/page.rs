//! The operator's page: `GET /admin/` and its script and style, plain HTML, CSS and JavaScript
//! from `cloudflare-worker/admin-page/`, built into the Worker.
//!
//! The page holds no data, so it is served without the token: it asks for the token once,
//! keeps it in `sessionStorage` and sends it as the `Authorization` header of its calls to the
//! admin API (never in a URL). It loads nothing from anywhere else, and says so to the browser
//! with a strict Content Security Policy: only its own script, style and API, no inline code,
//! never in a frame (`frame-ancestors 'none'`).

/// One of the page's files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asset {
    /// `/admin`: a redirect to `/admin/`.
    Redirect,
    /// `/admin/`: the page.
    Html,
    /// `/admin/admin.js`: its script.
    Script,
    /// `/admin/admin.css`: its style.
    Style,
}

/// The page's Content Security Policy. `require-trusted-types-for 'script'` with no policy
/// (`trusted-types 'none'`) makes the browsers that enforce it (Chromium) refuse every string
/// given to an HTML sink (`innerHTML`, `insertAdjacentHTML`, `document.write`, …): the page
/// sets senders' text as text only, and a change that did otherwise throws instead of running
/// what a sender wrote.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

const HTML: &str = include_str!("../../admin-page/index.html");
const SCRIPT: &str = include_str!("../../admin-page/admin.js");
const STYLE: &str = include_str!("../../admin-page/admin.css");

/// The page's file at `path` for `method` (`GET` or `HEAD`); `None` for anything else, which the
/// admin API answers (with the token).
pub fn asset(method: &str, path: &str) -> Option<Asset> {
    if !matches!(method, "GET" | "HEAD") {
        return None;
    }
    match path {
        "/admin" => Some(Asset::Redirect),
        "/admin/" => Some(Asset::Html),
        "/admin/admin.js" => Some(Asset::Script),
        "/admin/admin.css" => Some(Asset::Style),
        _ => None,
    }
}

/// The headers every file of the page is served with: its type, the CSP and the framing,
/// sniffing and referrer rules.
pub fn headers(asset: Asset) -> Vec<(&'static str, &'static str)> {
    let content_type = match asset {
        Asset::Redirect | Asset::Html => "text/html; charset=utf-8",
        Asset::Script => "text/javascript; charset=utf-8",
        Asset::Style => "text/css; charset=utf-8",
    };
    let mut headers = vec![
        ("content-type", content_type),
        ("content-security-policy", CSP),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ];
    if asset == Asset::Redirect {
        headers.push(("location", "/admin/"));
    }
    headers
}

/// The answer for `asset`.
///
/// # Errors
/// When the runtime refuses a header.
pub fn serve(asset: Asset) -> worker::Result<worker::Response> {
    let (status, body) = match asset {
        Asset::Redirect => (308, ""),
        Asset::Html => (200, HTML),
        Asset::Script => (200, SCRIPT),
        Asset::Style => (200, STYLE),
    };
    let response = worker::Response::ok(body)?.with_status(status);
    for (name, value) in headers(asset) {
        response.headers().set(name, value)?;
    }
    Ok(response)
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_files_are_served_without_the_token() {
        assert_eq!(asset("GET", "/admin/"), Some(Asset::Html));
        assert_eq!(asset("HEAD", "/admin/admin.js"), Some(Asset::Script));
        assert_eq!(asset("GET", "/admin/admin.css"), Some(Asset::Style));
        assert_eq!(asset("GET", "/admin"), Some(Asset::Redirect));
        for (method, path) in [
            ("POST", "/admin/"),
            ("GET", "/admin/routes"),
            ("GET", "/admin/dead-letters"),
            ("GET", "/admin/index.html"),
            ("GET", "/admin//"),
            ("DELETE", "/admin/admin.js"),
        ] {
            assert_eq!(asset(method, path), None, "{method} {path}");
        }
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere_and_cannot_be_framed() {
        assert!(CSP.contains("frame-ancestors 'none'"));
        assert!(CSP.contains("require-trusted-types-for 'script'"));
        // No HTML parsing of strings in the script (the CSP's Trusted Types refuse it anyway).
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!SCRIPT.contains(sink), "{sink} in admin.js");
        }
        assert!(CSP.starts_with("default-src 'none'"));
        assert!(!CSP.contains("unsafe"));
        for text in [HTML, SCRIPT, STYLE] {
            for remote in ["http://", "https://", "//cdn", "@import"] {
                assert!(!text.contains(remote), "{remote} in the page's files");
            }
        }
        // No inline script or style: the CSP would block it.
        assert!(!HTML.contains("<script>") && !HTML.contains("style="));
        assert!(HTML.contains(r#"<script type="module" src="/admin/admin.js">"#));
        assert!(HTML.contains(r#"<link rel="stylesheet" href="/admin/admin.css">"#));
        // The token travels in a header, never in a URL.
        assert!(SCRIPT.contains("sessionStorage"));
        assert!(SCRIPT.contains("Authorization"));
        assert!(!SCRIPT.contains("token="));
        let html = headers(Asset::Html);
        assert!(html.contains(&("content-security-policy", CSP)));
        assert!(html.contains(&("x-frame-options", "DENY")));
    }
}
