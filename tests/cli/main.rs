//! The integration tests, one crate: each module an area, all sharing one build of the helpers
//! in [`common`] and one link of Typst (one crate per file would link it once per file).

mod common;

mod bad_input;
mod bib_export;
mod citations;
mod coauthors;
mod export;
mod init;
mod install;
mod jsonresume;
mod layers;
mod lists;
mod model;
mod names;
mod nothing_lost;
mod outputs;
mod overlays;
mod papers;
mod pdf;
mod real;
mod rich_text;
mod schema_walk;
mod shells;
mod structure;
mod themes;
mod typography;
mod variants;
mod visual;
mod watch;
