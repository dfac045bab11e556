//! `cvgen schema`: prints the JSON Schema of `profile.yaml`, generated from the Rust types (the
//! same ones that parse it), for completion and checks in editors (yaml-language-server).

use std::io::Write;

use crate::profile::Profile;
use crate::{Failure, Report};

/// The JSON Schema of `profile.yaml` (draft 2020-12).
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Profile)).expect("a schema is JSON");
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), "cvgen profile.yaml".into());
        object.insert(
            "description".into(),
            "Who you are, for cvgen: the CV's sections, where the publications come from and how the PDF looks.".into(),
        );
    }
    schema
}

/// Prints the schema on stdout.
pub fn run(_report: &mut Report) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a schema is JSON");
    text.push('\n');
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(())
}
