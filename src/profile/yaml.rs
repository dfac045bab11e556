//! Reading one profile file's YAML text into a located tree ([`super::tree::Node`]): parser limits
//! sized for a CV, control characters and a second document refused before the parser sees the
//! text, and YAML errors turned into located diagnostics with hints; then the errors of typing the
//! merged tree ([`super::typed`]) turned into diagnostics in the same words.
//!
//! Control characters are refused before the parser sees the text: YAML forbids them, and the
//! parser stops at a NUL without a word, dropping the rest of the file.
//!
//! It parses text it is given and never reads files; checks of the values are [`super::validate`].

use std::ops::Range;
use std::path::Path;

use super::tree::{self, Node, Value};
use super::typed::{self, ErrorKind};
use crate::diag::{self, Diagnostic};

/// Reads one profile file from YAML text into a located tree whose positions start at `base`;
/// errors are located in `path`. The file must be a mapping; an empty one is an error for the
/// main profile (`main`) and changes nothing as a later file.
pub fn read_file(text: &str, path: &Path, base: usize, main: bool) -> Result<Node, Vec<Diagnostic>> {
    let controls = control_characters(text, path);
    if !controls.is_empty() {
        return Err(controls);
    }
    if let Some(span) = second_document(text) {
        return Err(vec![
            Diagnostic::error("the profile holds a second YAML document after `---`")
                .at(path, span)
                .hint("remove this line: a profile is one document, and the rest would be ignored"),
        ]);
    }
    let mut node = tree::read(text, base, options()).map_err(|error| vec![yaml_error(&error, text, path)])?;
    match node.value {
        Value::Map(_) => Ok(node),
        Value::Null if !main => {
            node.value = Value::Map(Vec::new());
            Ok(node)
        }
        Value::Null => Err(vec![
            Diagnostic::error("the profile is empty")
                .at(path, 0..0)
                .hint("start with `name: Your Name`; see the profile reference in docs/profile.md"),
        ]),
        _ => {
            let start = node.span.start.saturating_sub(base);
            Err(vec![
                Diagnostic::error("the profile must be a mapping of `key: value` lines")
                    .at(path, start..start + node.span.len())
                    .hint("start with `name: Your Name`; see the profile reference in docs/profile.md"),
            ])
        }
    }
}

/// The diagnostic for an error of typing the profile, located at `span` in `text` (the file at
/// `path` that holds it).
pub fn typed_error(error: &typed::Error, path: &Path, span: Range<usize>, text: &str) -> Diagnostic {
    let expected =
        |what: &str, hint: &str| Diagnostic::error(format!("expected {what} here")).at(path, span.clone()).hint(hint);
    match &error.kind {
        ErrorKind::Message(message) => message_error(message, span.clone(), text, path),
        ErrorKind::List => expected("a list", "write the items as `- item` lines under the key, or as `[a, b]`"),
        ErrorKind::Mapping => expected("a mapping (`key: value` lines)", "indent `key: value` lines under this key"),
        ErrorKind::SingleValue => expected(
            "a single value",
            "quote the value if it starts with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `@` or `%`",
        ),
        ErrorKind::MissingText => Diagnostic::error("expected text here, found nothing")
            .at(path, span)
            .hint("write the value after the `:`, or leave the key out"),
        ErrorKind::Number { found, whole: false } => Diagnostic::error(format!("expected a number, found `{found}`"))
            .at(path, span)
            .hint("write a number like `10.5`"),
        ErrorKind::Number { found, whole: true } => {
            Diagnostic::error(format!("expected a whole number, found `{found}`"))
                .at(path, span)
                .hint("write a whole number like `2`")
        }
        ErrorKind::Bool(found) => Diagnostic::error(format!("expected `true` or `false`, found `{found}`"))
            .at(path, span)
            .hint("write `true` or `false`"),
    }
}

/// Whether `byte` is a control character a profile may not hold: C0 except tab, LF and CR, and DEL.
fn is_forbidden_control(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f)
}

/// The most control characters reported one by one; the others are counted in one more error.
const MAX_CONTROL_REPORTS: usize = 20;

/// An error for every C0 control character other than tab, line feed and carriage return, and
/// for DEL, in one pass over the bytes (each is one byte in UTF-8, never part of another
/// character). The printer draws no caret under a character of no width: a label says where.
/// YAML forbids them; a NUL made the parser stop there without a word, so the rest of the profile
/// was silently lost. A JSON Resume is checked the same way.
pub(super) fn control_characters(text: &str, path: &Path) -> Vec<Diagnostic> {
    const HINT: &str = "delete it; it usually comes from copying text out of a PDF or a binary file";
    let mut out = Vec::new();
    let mut more = 0;
    let mut first_unreported = 0;
    for (at, byte) in text.bytes().enumerate() {
        if !is_forbidden_control(byte) {
            continue;
        }
        if out.len() < MAX_CONTROL_REPORTS {
            out.push(
                Diagnostic::error(format!("the profile contains a control character (U+{byte:04X})"))
                    .at(path, at..at + 1)
                    .label("here (it prints as nothing)")
                    .hint(HINT),
            );
        } else {
            if more == 0 {
                first_unreported = at;
            }
            more += 1;
        }
    }
    if more > 0 {
        let more = crate::diag::plural(more, "more control character", "more control characters");
        out.push(
            Diagnostic::error(format!("and {more} after these {MAX_CONTROL_REPORTS}"))
                .at(path, first_unreported..first_unreported + 1)
                .label("the next one is here (it prints as nothing)")
                .hint("delete them; they usually come from copying text out of a PDF or a binary file"),
        );
    }
    out
}

/// Parser limits sized for a CV, far below serde-saphyr's defaults: a profile is a few hundred
/// lines, a handful of levels deep, so an alias bomb or a 100,000-deep nesting is refused after
/// a few thousand events instead of being expanded.
pub(super) fn options() -> serde_saphyr::Options {
    serde_saphyr::Options {
        budget: Some(serde_saphyr::Budget {
            max_reader_input_bytes: Some(MAX_PROFILE_BYTES),
            max_events: 200_000,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_nodes: 100_000,
            max_total_scalar_bytes: MAX_PROFILE_BYTES,
            max_merge_keys: 1_000,
            ..serde_saphyr::Budget::default()
        }),
        alias_limits: serde_saphyr::options::AliasLimits {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        with_snippet: false,
        ..serde_saphyr::Options::default()
    }
}

/// The most values a profile's aliases may expand to, all together.
const MAX_REPLAYED_EVENTS: usize = 10_000;
/// The most aliases (`*name`) and anchors (`&name`) a profile may use.
const MAX_ALIASES: usize = 1_000;
/// The deepest nesting a profile may have (the deepest real one has 4 levels).
const MAX_DEPTH: usize = 64;
/// The largest profile accepted (real ones are a few kilobytes).
const MAX_PROFILE_BYTES: usize = 4 * 1024 * 1024;

/// Turns a YAML/serde error into a located diagnostic, with "did you mean" for unknown keys.
pub(super) fn yaml_error(error: &serde_saphyr::Error, text: &str, path: &Path) -> Diagnostic {
    use serde_saphyr::Error as E;
    let inner = error.without_snippet();
    let span = inner.location().map_or(0..0, |location| location_span(text, &location));
    let at = |d: Diagnostic, span: std::ops::Range<usize>| d.at(path, span);
    match inner {
        E::Message { msg, .. } | E::HookError { msg, .. } => message_error(msg, span, text, path),
        E::Unexpected { .. } | E::Eof { .. } if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) => {
            at(Diagnostic::error("the profile is empty"), 0..0).hint("start with `name: Your Name`; see the profile reference in docs/profile.md")
        }
        E::Eof { .. } => at(Diagnostic::error("the profile ends in the middle of a value"), span)
            .hint("close every `[`, `{` and quote that is opened"),
        E::Unexpected { expected: "mapping start", .. } if text[..span.start.min(text.len())].lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) => {
            at(Diagnostic::error("the profile must be a mapping of `key: value` lines"), span)
                .hint("start with `name: Your Name`; see the profile reference in docs/profile.md")
        }
        E::Unexpected { expected, .. } => {
            let (what, hint) = match *expected {
                "sequence start" => ("a list", "write the items as `- item` lines under the key, or as `[a, b]`"),
                "mapping start" => ("a mapping (`key: value` lines)", "indent `key: value` lines under this key"),
                e if e.contains("scalar") => (
                    "a single value",
                    "quote the value if it starts with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `@` or `%`",
                ),
                _ => ("something else", "check the value's type against the profile reference in docs/profile.md"),
            };
            at(Diagnostic::error(format!("expected {what} here")), span).hint(hint)
        }
        E::ContainerEndMismatch { .. } => {
            at(Diagnostic::error("`]` or `}` without a matching opening bracket"), span).hint("remove it, or add the opening bracket")
        }
        E::UnknownAnchor { .. } => at(Diagnostic::error("this alias refers to an anchor that is not defined"), span)
            .hint("define the anchor (`&name`) before the alias (`*name`) uses it"),
        E::Budget { breach, .. } => at(Diagnostic::error(breach_text(breach)), span)
            .hint("a profile needs a few levels of nesting and a few aliases at most; look for runaway aliases (`*name`) or brackets"),
        E::QuotingRequired { value, .. } => at(Diagnostic::error(format!("`{value}` must be quoted")), span)
            .hint(format!("write `\"{value}\"`")),
        other => at(Diagnostic::error(lowercase_first(&other.to_string())), span)
            .hint("check the YAML syntax around this place (indentation, colons, quotes)"),
    }
}

/// What limit a YAML input broke, in words.
fn breach_text(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => format!("the profile is nested too deeply (more than {MAX_DEPTH} levels)"),
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => {
            format!("the profile uses too many aliases (more than {MAX_ALIASES})")
        }
        B::Anchors { .. } => format!("the profile defines too many anchors (more than {MAX_ALIASES})"),
        B::Documents { .. } => "the profile holds more than one YAML document".to_owned(),
        B::InputBytes { .. } | B::ScalarBytes { .. } => {
            format!("the profile is too large (more than {} MB of text)", MAX_PROFILE_BYTES >> 20)
        }
        B::Events { .. } | B::Nodes { .. } | B::MergeKeys { .. } | B::SequenceUnbalanced => {
            "the profile is too large (too many values)".to_owned()
        }
    }
}

/// A serde or scanner message: unknown and missing fields, wrong types, syntax.
fn message_error(msg: &str, span: std::ops::Range<usize>, text: &str, path: &Path) -> Diagnostic {
    let message = lowercase_first(msg.trim().trim_end_matches('.'));
    if let Some((unknown, expected)) = parse_unknown_field(&message) {
        // serde-saphyr points at the mapping; point at the key itself.
        let span = find_key(text, &unknown, span.start).unwrap_or(span);
        let d = Diagnostic::error(format!("unknown field `{unknown}`")).at(path, span);
        return match diag::closest(&unknown, expected.iter().map(String::as_str)) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None => d.hint(format!(
                "expected one of {}",
                expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            )),
        };
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        return Diagnostic::error(format!("missing field `{field}`"))
            .at(path, span)
            .label("in this mapping")
            .hint(format!("add `{field}: …` to this mapping; see the profile reference in docs/profile.md"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // `invalid type: integer `5`, expected a sequence`
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        return Diagnostic::error(format!("expected {expected}, found {}", found_text(found)))
            .at(path, span)
            .hint(type_hint(expected));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another value"));
        return Diagnostic::error(format!("expected {expected}, found {}", found_text(found)))
            .at(path, span)
            .hint("check the value against the profile reference in docs/profile.md");
    }
    if message.starts_with("unknown variant `") {
        let mut d =
            Diagnostic::error(message.replace("unknown variant", "unknown value").replace(", expected one of", ";"));
        if let Some((value, expected)) = parse_unknown_variant(&message) {
            d = Diagnostic::error(format!("unknown value `{value}`"));
            d = match diag::closest(&value, expected.iter().map(String::as_str)) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!(
                    "write one of {}",
                    expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
                )),
            };
        }
        return d.at(path, span);
    }
    if message.starts_with("duplicate mapping key") || message.starts_with("duplicate key") {
        return Diagnostic::error("this key appears twice in the same mapping")
            .at(path, span)
            .hint("keep one of the two; YAML does not merge them");
    }
    if message.contains("tab") {
        // The scanner reports the token after the tab, or where the token began: point at the
        // first tab of that line, else the next one.
        let from = span.start.min(text.len());
        let line_start = text[..from].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[from..].find('\n').map_or(text.len(), |i| from + i);
        let tab = text[line_start..line_end]
            .find('\t')
            .map(|i| line_start + i)
            .or_else(|| text[from..].find('\t').map(|i| from + i))
            .map_or(span.clone(), |i| i..i + 1);
        return Diagnostic::error("a tab is used for indentation")
            .at(path, tab)
            .hint("indent with spaces; YAML does not allow tabs");
    }
    if message.starts_with("invalid floating point")
        || message.starts_with("invalid integer")
        || message.starts_with("invalid number")
    {
        let found = text.get(span.clone()).unwrap_or_default();
        return Diagnostic::error(format!("expected a number, found `{found}`"))
            .at(path, span)
            .hint("write a number like `10.5`");
    }
    if message.starts_with("invalid boolean") {
        let found = text.get(span.clone()).unwrap_or_default();
        return Diagnostic::error(format!("expected `true` or `false`, found `{found}`"))
            .at(path, span)
            .hint("write `true` or `false`");
    }
    if message.contains("unknown anchor") {
        let alias: String = text[span.start.min(text.len())..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
            .collect();
        return Diagnostic::error(format!("alias `{alias}` refers to an anchor that is not defined"))
            .at(path, span.start..span.start + alias.len())
            .hint("define the anchor (`&name value`) before the alias uses it, or quote the value if `*` is meant literally");
    }
    if message.contains("quoted scalar") {
        // Reported where the scanner gave up; the culprit is the last quote before it.
        let from = span.start.min(text.len());
        let quote = text[..from].rfind(['"', '\'']).map_or(span.clone(), |i| i..i + 1);
        return Diagnostic::error("a quoted value is never closed")
            .at(path, quote)
            .hint("close the quote on the same line, or indent the lines that continue it");
    }
    if let Some(bracket) = message.strip_prefix("unclosed bracket '").and_then(|r| r.strip_suffix('\'')) {
        let close = if bracket == "{" { "}" } else { "]" };
        return Diagnostic::error(format!("`{bracket}` is never closed"))
            .at(path, span)
            .hint(format!("close it with `{close}`, or quote the value if the `{bracket}` is meant as text"));
    }
    if message.starts_with("mapping values are not allowed") {
        return Diagnostic::error("unexpected `:` here")
            .at(path, span)
            .hint("this line is indented more than the key above it, or a value contains `: ` and needs quotes");
    }
    if message.starts_with("alias replay limit exceeded") {
        return Diagnostic::error(format!(
            "the profile's aliases expand to too many values (more than {MAX_REPLAYED_EVENTS})"
        ))
        .at(path, span)
        .hint("a profile needs a few aliases at most; look for anchors (`&name`) whose values hold aliases (`*name`) themselves");
    }
    if message.contains("recursion limit") {
        return Diagnostic::error("the profile is nested too deeply")
            .at(path, span)
            .hint("a profile needs a few levels of nesting; look for runaway `[` or `{`");
    }
    if message.starts_with("did not find expected") {
        return Diagnostic::error(format!("invalid YAML: {message}")).at(path, span).hint(
            "check the indentation and the brackets around this place; a value containing `: ` or `#` needs quotes",
        );
    }
    Diagnostic::error(format!("invalid YAML: {message}"))
        .at(path, span)
        .hint("check the YAML syntax around this place (indentation, colons, quotes)")
}

fn type_hint(expected: &str) -> &'static str {
    if expected.contains("sequence") {
        "write a list: `- item` lines under the key, or `[a, b]`"
    } else if expected.contains("map") || expected.contains("struct") {
        "write `key: value` lines, indented under this key"
    } else if expected.contains("string") {
        "quote the value: `\"…\"`"
    } else if expected.contains("bool") {
        "write `true` or `false`"
    } else {
        "check the value's type against the profile reference in docs/profile.md"
    }
}

/// serde's names for what it found, in the words of the profile reference: `map` is a mapping,
/// `sequence` a list, `string "x"` is `` text `x` ``.
fn found_text(found: &str) -> String {
    match found {
        "map" => "a mapping".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit" | "null" => "nothing".to_owned(),
        _ if found.contains('`') => found.to_owned(),
        _ => match found.split_once(' ') {
            Some((kind, value)) if value.starts_with('"') => {
                let kind = if kind == "string" { "text" } else { kind };
                format!("{kind} `{}`", value.trim_matches('"'))
            }
            _ => found.to_owned(),
        },
    }
}

fn lowercase_first(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some(first) = out.get(..1) {
        out.replace_range(..1, &first.to_lowercase());
    }
    out
}

/// The byte range serde-saphyr reports, or the start of the reported line and column.
fn location_span(text: &str, location: &serde_saphyr::Location) -> std::ops::Range<usize> {
    let span = location.span();
    if !span.is_empty() || span.offset() > 0 {
        // Offsets are bytes for string input (the parser's `Marker` docs say characters, but
        // its `&str` input counts bytes: checked with multi-byte text before the error).
        return clamp_to_chars(text, span.offset()..span.offset() + span.len().max(1));
    }
    let line = location.line().max(1) as usize;
    let column = location.column().max(1) as usize;
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let start =
        line_start + text[line_start.min(text.len())..].chars().take(column - 1).map(char::len_utf8).sum::<usize>();
    start..start
}

/// `span` within `text` and on character boundaries.
fn clamp_to_chars(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    start..floor(span.end).max(start)
}

/// Extracts `unknown variant `x`, expected one of `a`, `b`` into its parts.
fn parse_unknown_variant(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown variant `")?;
    let end = rest.find('`')?;
    let value = rest[..end].to_owned();
    let expected = rest[end + 1..].split('`').skip(1).step_by(2).map(str::to_owned).collect();
    Some((value, expected))
}

/// Extracts `unknown field `x`, expected one of `a`, `b`` into its parts.
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    let unknown = rest[..end].to_owned();
    let expected = match rest[end + 1..].split_once("expected one of ") {
        Some((_, list)) => {
            list.split(',').map(|e| e.trim().trim_matches('`').to_owned()).filter(|e| !e.is_empty()).collect()
        }
        None => rest[end + 1..].split('`').skip(1).step_by(2).map(str::to_owned).collect(),
    };
    Some((unknown, expected))
}

/// A `---` line after content: the start of a second document, which the parser skips.
fn second_document(text: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    let mut content = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        if (body == "---" || body.starts_with("--- ")) && content {
            return Some(offset..offset + 3);
        }
        let trimmed = body.trim_start();
        content |=
            !(trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("%") || body.starts_with("---"));
        offset += line.len();
    }
    None
}

/// The span of `key:` written as a mapping key at or after byte `from` (first match anywhere
/// as a fallback).
pub(super) fn find_key(text: &str, key: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let mut found = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t', '-']).trim_start();
        let indent = line.len() - body.len();
        let quoted = body.strip_prefix('"').and_then(|b| b.strip_prefix(key)).and_then(|b| b.strip_prefix('"'));
        let rest = quoted.or_else(|| body.strip_prefix(key));
        if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            let start = offset + indent + usize::from(quoted.is_some());
            let span = start..start + key.len();
            if offset + line.len() > from {
                return Some(span);
            }
            found.get_or_insert(span);
        }
        offset += line.len();
    }
    found
}

#[cfg(test)]
mod bad_input_tests {
    use super::*;
    use crate::profile::parse;

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse(text, Path::new("profile.yaml")) {
            Ok(_) => panic!("the profile is refused"),
            Err(diagnostics) => diagnostics,
        }
    }

    #[test]
    fn nesting_100_000_deep_is_refused() {
        for text in [
            format!("name: Ada\nsummary: {}\n", "[".repeat(100_000)),
            format!("name: Ada\nsummary: {}\n", "{a: ".repeat(100_000)),
            "[\n".repeat(100_000),
            "- ".repeat(100_000),
        ] {
            let d = errors(&text);
            assert_eq!(d.len(), 1, "{d:?}");
        }
    }

    #[test]
    fn alias_bombs_are_refused() {
        // Billion laughs, under keys the profile has and types that take lists of text.
        let mut bomb = "name: Ada\nkeywords:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
        let mut previous = 'a';
        for name in 'b'..='i' {
            bomb.push_str(&format!("  - &{name} [{}]\n", vec![format!("*{previous}"); 9].join(", ")));
            previous = name;
        }
        // The located tree is read before it is typed: the bomb is refused as it expands.
        let started = std::time::Instant::now();
        assert_eq!(errors(&bomb)[0].message, "the profile's aliases expand to too many values (more than 10000)");
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
        let flood = format!("name: &n Ada\nkeywords: [{}]\n", vec!["*n"; 5_000].join(", "));
        let d = errors(&flood);
        assert_eq!(d[0].message, "the profile uses too many aliases (more than 1000)");
    }

    #[test]
    fn a_nul_is_an_error_at_its_byte_not_the_end_of_the_profile() {
        let text = "name: Ada\nsummary: Analyst\0 of engines\neducation:\n  - institution: X\n    degree: Y\n";
        let d = errors(text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "the profile contains a control character (U+0000)");
        assert_eq!(d[0].location.as_ref().unwrap().span, 26..27);
        assert_eq!(d[0].hints, ["delete it; it usually comes from copying text out of a PDF or a binary file"]);
    }

    #[test]
    fn every_control_character_is_reported_up_to_twenty() {
        // Tab, line feed and carriage return are fine; C0 controls and DEL are not.
        assert!(parse("name: Ada\r\nsummary: \"a\tb\"\r\n", Path::new("profile.yaml")).is_ok());
        let text = format!("name: Ada\x01\x1b\x7f\nsummary: {}\n", "\x0b".repeat(22));
        let d = errors(&text);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages[..3],
            [
                "the profile contains a control character (U+0001)",
                "the profile contains a control character (U+001B)",
                "the profile contains a control character (U+007F)",
            ]
        );
        assert_eq!(messages[3..20], ["the profile contains a control character (U+000B)"; 17]);
        assert_eq!(messages[20], "and 5 more control characters after these 20");
        assert_eq!(d.len(), 21);
        // The count takes one pass: four million NULs are counted, not reported one by one.
        let d = errors(&"\0".repeat(4 << 20));
        assert_eq!(d[20].message, format!("and {} more control characters after these 20", (4 << 20) - 20));
    }

    #[test]
    fn spans_are_bytes_after_non_ascii_text() {
        let text = "name: 朱汉卿\neducation:\n  - institution: X\n    degree: Y\n    start: 2020-13\n";
        let d = errors(text);
        assert_eq!(&text[d[0].location.as_ref().unwrap().span.clone()], "2020-13");
        let text = "name: 朱汉卿\njounral: x\n";
        let d = errors(text);
        assert_eq!(d[0].message, "unknown field `jounral`");
        assert_eq!(&text[d[0].location.as_ref().unwrap().span.clone()], "jounral");
    }
}
