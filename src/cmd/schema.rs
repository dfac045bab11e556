//! `cvgen schema`: prints the JSON Schema of `profile.yaml` ([`crate::profile::schema`]).

use crate::{Failure, Report, profile};

/// Prints the schema on stdout.
pub fn run(report: &mut Report) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(&profile::schema()).expect("a schema is JSON");
    text.push('\n');
    super::print(text.as_bytes(), report)
}
