//! `cvgen coauthors`: the co-author list for NSF's COA Table 4 from Hanqing Zhu's real
//! bibliography (tests/fixtures/real/multi-file: Google Scholar exports with name variants), and
//! from a made-up one that tests each merging rule; CSV read back field by field.


use crate::common::*;

/// The records of RFC 4180 CSV (quoted fields with `""`), read independently of cvgen's writer.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (c, _) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the CSV ends with a line end");
    records
}

fn real() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures/real/multi-file"), dir.path(), &[]);
    dir
}

#[test]
fn the_real_bibliography_gives_each_coauthor_once_in_nsf_order() {
    let dir = real();
    let out = cvgen(dir.path(), &["coauthors"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\r\n"), "RFC 4180 line ends");
    let records = csv_records(&stdout(&out));
    assert_eq!(records[0], ["Name", "Organizational Affiliation", "Optional (email, Department)", "Last Active"]);
    let rows = &records[1..];
    assert!(rows.iter().all(|r| r.len() == 4 && r[1].is_empty() && r[2].is_empty()), "{rows:?}");
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // `Pan, David Z` and `Pan, David`, `Chen, Ray T` and `Chen, Ray` are one person each.
    assert_eq!(names.iter().filter(|n| n.starts_with("Pan, ")).collect::<Vec<_>>(), [&"Pan, David Z."]);
    assert_eq!(names.iter().filter(|n| n.starts_with("Chen, R")).collect::<Vec<_>>(), [&"Chen, Ray T."]);
    // The owner is left out; another Zhu is not.
    assert!(!names.iter().any(|n| n.starts_with("Zhu, H")), "{names:?}");
    assert!(names.contains(&"Zhu, Keren"));
    // Family name, then given name.
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    assert_eq!(names.len(), 37, "{names:?}");
    let active = |name: &str| rows.iter().find(|r| r[0] == name).map(|r| r[3].clone()).unwrap();
    assert_eq!(active("Pan, David Z."), "2024");
    assert_eq!(active("Incorvia, Jean Anne"), "2022");
    // One paper ends its list with `and others`.
    assert!(
        stderr(&out).contains(
            "warning: author lists cut short with `and others`, whose other co-authors are missing: `ning2024photonic`"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_window_follows_source_date_epoch_and_months() {
    let dir = real();
    let count = |args: &[&str]| {
        let mut all = vec!["coauthors", "-q"];
        all.extend_from_slice(args);
        let out = cvgen(dir.path(), &all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        csv_records(&stdout(&out)).len() - 1
    };
    // Today is 2025-11-29: 12 months reach back to December 2024, so only 2025's and 2024's
    // papers count (dated by their year, any of which may be in the window).
    let recent = count(&["--months", "12"]);
    let all = count(&["--months", "120"]);
    assert!(recent < all && recent > 0, "{recent} {all}");
    let out = cvgen(dir.path(), &["coauthors", "--months", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: `--months 0` is not a window cvgen can count\n"), "{}", stderr(&out));
}

/// A made-up bibliography with each rule: variants of one person merged, two full given names of
/// one family kept apart, initials that fit two people kept as written, a variant that fits
/// only the owner left out with the owner.
#[test]
fn variants_merge_only_when_the_person_is_certain() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "profile.yaml", "name: Ada Zhu\npublications:\n  bib: refs.bib\n  owner: [\"Ada Zhu\"]\n");
    write(
        dir.path(),
        "refs.bib",
        r#"@article{a, title = {A}, author = {Zhu, Ada and Zhu, Hanqing and Zhu, Hao and Li, Kai-Sheng}, journal = {J}, year = 2025, month = mar}
@article{b, title = {B}, author = {Zhu, Ada and Zhu, H. and Li, Kaisheng and Müller, Jürgen}, journal = {J}, year = 2024}
@article{c, title = {C}, author = {Zhu, A. and Mueller, J. and M{\"u}ller, J. and Smith, Jr., John}, journal = {J}, year = 2023, month = jan}
@article{d, title = {D}, author = {Zhu, Ada and Old, Friend}, journal = {J}, year = 2019}
@article{e, title = {E}, author = {Zhu, Ada and Nodate, Person}, journal = {J}}
"#,
    );
    let out = cvgen(dir.path(), &["coauthors", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Name") && !l.starts_with("| ---"))
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["Li, Kai-Sheng", "Mueller, J.", "Müller, Jürgen", "Smith, John, Jr.", "Zhu, H.", "Zhu, Hanqing", "Zhu, Hao"],
        "{text}"
    );
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap();
    assert_eq!(row("Li, Kai-Sheng")[2..], ["2025-03", "2", "Kai-Sheng Li; Kaisheng Li"]);
    assert_eq!(row("Müller, Jürgen")[3..], ["2", "Jürgen Müller; J. Müller"]);
    assert_eq!(row("Zhu, H.")[2], "2024", "initials that fit two people stay as written");
    assert!(!text.contains("Old, Friend"), "2019 is outside the window");
    assert!(!text.contains("Zhu, A"), "`Zhu, A.` fits only the owner");
    let err = stderr(&out);
    assert!(err.contains("warning: `H. Zhu` could be Hanqing Zhu or Hao Zhu: it is listed as written"), "{err}");
    assert!(err.contains("warning: papers without a year are not counted: `e`"), "{err}");
}

#[test]
fn the_list_is_written_like_every_output() {
    let dir = real();
    let out = cvgen(dir.path(), &["coauthors", "-o", "coa.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("wrote coa.csv (37 co-authors)\n"), "{}", stderr(&out));
    assert_no_temp_files(dir.path());
    let out = cvgen(dir.path(), &["coauthors", "-o", "profile.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cvgen(dir.path(), &["coauthors", "-o", "conf.bib"]);
    assert_eq!(out.status.code(), Some(2), "a bibliography the profile names is an input too");
    assert!(stderr(&out).contains("error: the output `conf.bib` is also an input"), "{}", stderr(&out));

    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), "profile.yaml", "name: Ada\n");
    let out = cvgen(empty.path(), &["coauthors"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: no bibliography to list co-authors from"), "{}", stderr(&out));
}
