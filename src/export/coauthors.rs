//! The co-author list ([`crate::model::coauthors`]) as text: CSV with the columns of Table 4 of
//! NSF's COA template after its type column (`Name`, `Organizational Affiliation`, `Optional
//! (email, Department)`, `Last Active`), to paste into the template's columns B to E, or a
//! Markdown table that also says how often and how each person was written.
//!
//! The template's own `Name` column writes `Last, First`, so does this; cvgen knows no
//! affiliations, so that column is empty for the user to fill. `Last Active` is the date of the
//! latest joint paper as ISO 8601 (`2025-05`, or `2025` for a paper dated by its year). CSV
//! follows RFC 4180 (a field with a comma, quote or line end is quoted), and a field that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) starts with `'`. Pure.

use std::fmt::Write;

use super::markdown::escape;
use crate::model::coauthors::Coauthors;

/// The header of the CSV: the columns B to E of the template's Table 4.
pub const CSV_HEADER: &str = "Name,Organizational Affiliation,\"Optional (email, Department)\",Last Active";

/// The list as CSV, one person a line after the header, lines ending in CRLF as RFC 4180 says.
pub fn csv(list: &Coauthors) -> String {
    let mut out = String::with_capacity(64 * (list.people.len() + 1));
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for person in &list.people {
        let _ = write!(out, "{},,,{}\r\n", csv_field(&person.sort_name), csv_field(&person.last_active_iso()));
    }
    out
}

/// The list as a Markdown table.
pub fn markdown(list: &Coauthors, months: u32) -> String {
    let mut out =
        format!("Co-authors of the last {months} months: {} people on {} papers.\n\n", list.people.len(), list.papers);
    out.push_str("| Name | Organizational Affiliation | Last Active | Papers | Written as |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for person in &list.people {
        let written: Vec<String> = person.written.iter().map(|w| escape(w)).collect();
        let _ = writeln!(
            out,
            "| {} |  | {} | {} | {} |",
            escape(&person.sort_name),
            person.last_active_iso(),
            person.papers,
            written.join("; ")
        );
    }
    out
}

/// One CSV field.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Pan, David Z."), "\"Pan, David Z.\"");
        assert_eq!(csv_field("O\"Neil"), "\"O\"\"Neil\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
        assert_eq!(csv_field("Gu"), "Gu");
    }
}
