//! Unit tests of the typed profile values ([`super`]).

use super::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

fn node(text: &str) -> Node {
    super::super::tree::read(text, 1000, serde_saphyr::Options::default()).expect("YAML")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Sample {
    name: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    size: Option<f64>,
    #[serde(default)]
    pages: Option<u32>,
    #[serde(default)]
    fit: Option<bool>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    date: Option<Spanned<String>>,
}

#[test]
fn scalars_read_as_serde_saphyr_reads_them() {
    let text = "name: 2024\nphone: 0123\nsize: '10'\npages: 2\nfit: yes\ntags:\ndate: 2020-08\n";
    let s: Sample = from_node(&node(text)).unwrap();
    assert_eq!(s.name, "2024");
    assert_eq!(s.phone.as_deref(), Some("0123"));
    assert_eq!(s.size, Some(10.0));
    assert_eq!(s.pages, Some(2));
    assert_eq!(s.fit, Some(true));
    assert!(s.tags.is_empty());
    let date = s.date.unwrap();
    assert_eq!(date.value, "2020-08");
    let at = text.find("2020-08").unwrap();
    assert_eq!(crate::date::span_of(&date.referenced), 1000 + at..1000 + at + 7);
    assert_eq!(date.referenced.line(), 7);
}

#[test]
fn errors_are_located_at_what_they_are_about() {
    let text = "name: Ada\nphne: 1\n";
    let e = from_node::<Sample>(&node(text)).unwrap_err();
    assert!(e.to_string().starts_with("unknown field `phne`"), "{e}");
    assert_eq!(e.span, Some(1010..1014));
    let e = from_node::<Sample>(&node("name: Ada\npages: 2.5\n")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Number { found: "2.5".into(), whole: true });
    assert_eq!(e.span, Some(1017..1020));
    let e = from_node::<Sample>(&node("phone: x\n")).unwrap_err();
    assert_eq!(e.to_string(), "missing field `name`");
    assert_eq!(e.span, Some(1000..1005), "at the mapping's first key");
    let e = from_node::<Sample>(&node("name: Ada\ntags: solo\n")).unwrap_err();
    assert_eq!((e.kind, e.span), (ErrorKind::List, Some(1016..1020)));
    let e = from_node::<Sample>(&node("name: [Ada]\n")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::SingleValue);
    let e = from_node::<Sample>(&node("name: Ada\nfit: maybe\n")).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Bool("maybe".into()));
}

#[test]
fn yaml_numbers() {
    assert_eq!(parse_integer("1_000"), Some(1000));
    assert_eq!(parse_integer("0x1F"), Some(31));
    assert_eq!(parse_integer("-3"), Some(-3));
    assert_eq!(parse_integer("2.5"), None);
    assert_eq!(parse_integer(&"9".repeat(60)), None);
    assert_eq!(parse_float("1e3"), Some(1000.0));
    assert_eq!(parse_float("large"), None);
}
