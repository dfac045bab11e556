//! Unit tests of reading a JSON Resume as a profile ([`super::parse`]).

use super::*;

#[test]
fn every_section_it_makes_is_a_built_in_or_an_extra_section() {
    for id in ORDER {
        let known = crate::profile::SECTION_IDS.contains(id) || EXTRA_SECTION_IDS.contains(id);
        assert!(known, "`{id}` is in neither list, so no locale may title it");
    }
}

fn parse_ok(text: &str) -> Profile {
    let (profile, warnings) = parse(text, Path::new("resume.json"), None).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    profile
}

#[test]
fn work_description_and_skill_level_are_shown() {
    let p = parse_ok(
        r#"{"basics": {"name": "A"}, "work": [{"name": "Pied Piper", "description": "Compression company",
            "summary": "Led it."}, {"name": "Hooli", "description": "Search engine"}],
            "skills": [{"name": "Web", "level": "Master", "keywords": ["HTML", "CSS"]}, {"name": "Rust", "level": "Expert"},
            {"level": "Fluent", "keywords": ["Go"]}]}"#,
    );
    assert_eq!(p.experience[0].description.as_deref(), Some("Compression company. Led it."));
    assert_eq!(p.experience[1].description.as_deref(), Some("Search engine"));
    let skills: Vec<(&str, Vec<&str>)> =
        p.skills.iter().map(|s| (s.category.as_str(), s.items.iter().map(String::as_str).collect())).collect();
    assert_eq!(skills, [("Web (Master)", vec!["HTML", "CSS"]), ("Rust", vec!["Expert"]), ("Fluent", vec!["Go"])]);
}

#[test]
fn control_characters_are_located_errors() {
    let text = "{\"basics\": {\"name\": \"A\u{7f}\"}}";
    let d = parse(text, Path::new("r.json"), None).unwrap_err();
    assert_eq!(d[0].message, "the profile contains a control character (U+007F)");
    assert_eq!(d[0].location.as_ref().unwrap().span, 22..23);
}

#[test]
fn basics_become_the_header() {
    let p = parse_ok(
        r#"{"basics": {"name": " Ada Lovelace ", "label": "Analyst", "url": "https://ada.example",
            "location": {"city": "London", "countryCode": "GB"},
            "profiles": [{"network": "GitHub", "username": "ada"}, {"network": "Mastodon", "url": "https://m.example/@ada"}]},
            "unknownKey": 1}"#,
    );
    assert_eq!(p.name, "Ada Lovelace");
    assert_eq!(p.headline.as_deref(), Some("Analyst"));
    assert_eq!(p.location.as_deref(), Some("London, GB"));
    assert_eq!(p.github.as_deref(), Some("ada"));
    assert_eq!(p.links[0].label, "Mastodon");
}

#[test]
fn open_ended_work_runs_to_the_present_and_days_are_dropped() {
    let p =
        parse_ok(r#"{"basics": {"name": "A"}, "work": [{"name": "Org", "position": "P", "startDate": "2020-03-15"}]}"#);
    let work = &p.experience[0];
    assert_eq!(work.start.as_ref().unwrap().value.0, "2020-03");
    assert_eq!(work.end.as_ref().unwrap().value.0, "present");
}

#[test]
fn every_bad_date_is_reported() {
    let errors = parse(
        r#"{"basics": {"name": "A"}, "work": [{"startDate": "March 2020"}], "awards": [{"title": "T", "date": "2020/01"}]}"#,
        Path::new("r.json"),
        None,
    )
    .unwrap_err();
    let messages: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["invalid date `March 2020` in `work[0].startDate`", "invalid date `2020/01` in `awards[0].date`"]
    );
    // Each at its value.
    assert_eq!(errors[0].location.as_ref().unwrap().span, 49..61);
}

#[test]
fn syntax_errors_are_located() {
    let error = parse("{\n  \"basics\": {\"name\": \"A\",}\n}", Path::new("r.json"), None).unwrap_err();
    let location = error[0].location.as_ref().unwrap();
    // The `}` after the trailing comma, in the second line (which starts at byte 2).
    assert_eq!(location.span.start, 2 + 25, "{:?}", error[0]);
}
