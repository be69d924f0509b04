//! WebAssembly bindings of `hookseal` for the npm package (built out in the npm package issue).

pub use hookseal::Scheme;
