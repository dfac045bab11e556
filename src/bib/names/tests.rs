//! Unit tests of name splitting, owner matching and name printing ([`super`]).

use super::*;

#[test]
fn a_name_of_punctuation_only_parses_without_panicking() {
    // `owner: =,` (fuzz/found/profile-owner-equals-comma-overflow) overflowed a span.
    let name = Name::parse_plain("=,");
    assert_eq!((name.given.as_str(), name.family.as_str()), ("", ""));
    assert_eq!(Name::parse_plain(",").family, "");
}

#[test]
fn normalize_folds_case_accents_and_separators() {
    // The straightforward definition: decompose, drop marks, map separators, collapse spaces.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
            match c {
                '-' | ' ' | '\u{a0}' | '~' | '.' => out.push(' '),
                c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    let cases = [
        "",
        " ",
        "Zhu",
        "Hanqing Zhu",
        "  J.  R. R. ",
        "Müller-Lüdenscheidt",
        "O'Brien",
        "Zhu~Hanqing",
        "Šimić",
        "Ørsted",
        "İlker Yılmaz",
        "朱汉卿",
        "de la Vallée Poussin",
        "a.-b",
        "ǅemal",
        "-.~",
    ];
    for case in cases {
        assert_eq!(normalize(case), reference(case), "{case:?}");
    }
    assert_eq!(normalize("Müller-Lüdenscheidt"), "muller ludenscheidt");
    assert_eq!(normalize("  J.  R. R. "), "j r r");
}

fn person(src_author: &str) -> Name {
    let src = format!("@misc{{k, author = {{{src_author}}}}}");
    let bib = biblatex::Bibliography::parse(&src).expect("test input parses");
    let people = bib.get("k").unwrap().author().unwrap();
    Name::from_person(&people[0])
}

fn owner(variants: &[&str]) -> OwnerMatcher {
    OwnerMatcher::new(&variants.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

#[test]
fn both_name_orders_match() {
    let m = owner(&["Hanqing Zhu"]);
    assert!(m.matches(&person("Zhu, Hanqing")));
    assert!(m.matches(&person("Hanqing Zhu")));
    assert!(!m.matches(&person("Zhu, Hao")));
    assert!(!m.matches(&person("Zhu, H.")), "a full-name variant does not allow initials");
    assert!(m.matches(&person("ZHU, HANQING")));
}

#[test]
fn initials_take_only_initials() {
    let m = owner(&["H. Zhu"]);
    for written in ["Zhu, H.", "Zhu, H", "H Zhu", "H. Zhu", "H.Z. Zhu", "Zhu, H.-Q.", "Zhu, HQ", "Zhu, H. Q."] {
        assert!(m.matches(&person(written)), "{written}");
    }
    for stranger in ["Zhu, K.", "Zhu, Hanqing", "Hao Zhu", "Zhu, KH", "Zhu, Q. H."] {
        assert!(!m.matches(&person(stranger)), "{stranger}");
    }
    // Two initials in the variant need both.
    let m = owner(&["H. Q. Zhu"]);
    assert!(m.matches(&person("Zhu, HQ")));
    assert!(m.matches(&person("H.Q. Zhu")));
    assert!(!m.matches(&person("Zhu, H.")));
    assert!(!m.matches(&person("Zhu, H. K.")));
}

#[test]
fn a_full_given_name_takes_only_itself() {
    let m = owner(&["Hanqing Zhu", "H. Zhu"]);
    assert!(!m.matches(&person("Hao Zhu")), "the exact case of the issue");
    assert!(!m.matches(&person("Zhu, Hao")));
    assert!(!m.matches(&person("Zhu, Keren")));
    assert!(m.matches(&person("Zhu, Hanqing")));
    assert!(m.matches(&person("Zhu, H")));
    assert_eq!(m.compare(&person("Zhu, Hanqing")), OwnerMatch::Variant("Hanqing Zhu".into()));
    assert_eq!(m.compare(&person("Zhu, H")), OwnerMatch::Variant("H. Zhu".into()));
    assert_eq!(m.compare(&person("Hao Zhu")), OwnerMatch::SameFamily { initials_of: Some("H. Zhu".into()) });
    assert_eq!(m.compare(&person("Keren Zhu")), OwnerMatch::SameFamily { initials_of: None });
    assert_eq!(m.compare(&person("Jiaqi Gu")), OwnerMatch::Other);
    // A middle initial may stand for a middle name, never for the first one.
    let m = owner(&["David Z. Pan"]);
    assert!(m.matches(&person("Pan, David Z")));
    assert!(m.matches(&person("Pan, David Zhiqiang")));
    assert!(!m.matches(&person("Pan, David")));
    assert!(!m.matches(&person("Pan, D. Z.")));
    assert!(!owner(&["David Zhiqiang Pan"]).matches(&person("Pan, Daniel Zhiqiang")));
    assert!(!owner(&["Julius Robert Oppenheimer"]).matches(&person("J. Robert Oppenheimer")));
}

#[test]
fn dblp_homonym_numbers_are_no_part_of_a_name() {
    let m = owner(&["Hanqing Zhu"]);
    for written in ["Hanqing Zhu 0001", "Zhu 0001, Hanqing", "Zhu, Hanqing 0001"] {
        let name = person(written);
        assert_eq!(name.display(), "Hanqing Zhu", "{written}");
        assert!(m.matches(&name), "{written}");
    }
    assert_eq!(person("Jean de la Fontaine 0002").display(), "Jean de la Fontaine");
    assert!(owner(&["Hanqing Zhu 0001"]).matches(&person("Zhu, Hanqing")));
    assert!(!m.matches(&person("Hao Zhu 0001")));
    // Numbers that are not four digits are left alone.
    assert_eq!(person("Zhu, Hanqing 42").display(), "Hanqing 42 Zhu");
}

#[test]
fn particles_may_be_written_or_left_out() {
    let m = owner(&["Jean de la Fontaine"]);
    assert!(m.matches(&person("de la Fontaine, Jean")));
    assert!(m.matches(&person("Fontaine, Jean de la")));
    assert!(m.matches(&person("Jean de la Fontaine")));
    assert!(m.matches(&person("Fontaine, Jean")));
    assert!(!m.matches(&person("van Fontaine, Jean")));
    assert!(owner(&["Jean Fontaine"]).matches(&person("de la Fontaine, Jean")));
    assert!(owner(&["de la Fontaine, Jean"]).matches(&person("{de la Fontaine}, Jean")));
    assert_eq!(person("Fontaine, Jean de la").display(), "Jean de la Fontaine");
    assert_eq!(Name::parse_plain("jean fontaine").family, "fontaine");
}

fn dotted(written: &str) -> String {
    person(written).dotted().display()
}

#[test]
fn initials_are_dotted_and_spaced() {
    assert_eq!(dotted("Pan, David Z"), "David Z. Pan");
    assert_eq!(dotted("David Z. Pan"), "David Z. Pan");
    assert_eq!(dotted("Zhu, H"), "H. Zhu");
    assert_eq!(dotted("Zhu, H."), "H. Zhu");
    assert_eq!(dotted("Zhu, H.Z."), "H. Z. Zhu");
    assert_eq!(dotted("Zhu, H.Z"), "H. Z. Zhu");
    assert_eq!(dotted("Sartre, J.-P."), "J.-P. Sartre");
    assert_eq!(dotted("Sartre, J-P"), "J.-P. Sartre");
    assert_eq!(dotted("Tolkien, J. R. R."), "J. R. R. Tolkien");
    assert_eq!(dotted("Hanqing Zhu 0001"), "Hanqing Zhu");
    assert_eq!(dotted("Kai-Sheng Tai"), "Kai-Sheng Tai");
    assert_eq!(dotted("van Beethoven, Ludwig"), "Ludwig van Beethoven");
}

#[test]
fn run_together_capitals_are_initials_and_names_stay_names() {
    assert_eq!(dotted("Morris, CL"), "C. L. Morris");
    assert_eq!(dotted("Pan, DZ"), "D. Z. Pan");
    assert_eq!(dotted("Liu, JJ"), "J. J. Liu");
    assert_eq!(dotted("Chen, RT"), "R. T. Chen");
    assert_eq!(dotted("Smith, JRR"), "J. R. R. Smith");
    assert_eq!(dotted("Pan, David ZQ"), "David Z. Q. Pan");
    // Names, not initials.
    for name in ["Li, Yi", "Ng, Andrew", "Wu, Jo", "Zhou, Bo", "Xu, Bin", "Smith, JOHN"] {
        let written = person(name);
        assert_eq!(written.dotted(), written, "{name}");
    }
    // In a name written in capitals, capitals are no sign of initials.
    assert_eq!(dotted("ZHOU, BO"), "BO ZHOU");
    assert_eq!(dotted("ZHU, H"), "H. ZHU");
    // A generation number after a given name.
    assert_eq!(dotted("Smith, John III"), "John III Smith");
    assert_eq!(dotted("Smith, John II"), "John II Smith");
    // Matching reads them the same way.
    let m = owner(&["Christopher L. Morris", "C. L. Morris"]);
    assert!(m.matches(&person("Morris, CL")));
    assert!(!owner(&["Bo Zhou"]).matches(&person("Zhou, B.")));
    assert!(owner(&["Bo Zhou"]).matches(&person("ZHOU, BO")));
    assert!(!owner(&["B. O. Zhou"]).matches(&person("ZHOU, BO")));
}

#[test]
fn the_owner_is_found_on_the_dotted_form_too() {
    let m = owner(&["Hanqing Zhu", "H. Zhu"]);
    for written in ["Zhu, H", "Zhu, HQ", "Hanqing Zhu 0001"] {
        let name = person(written);
        assert_eq!(m.matches(&name), m.matches(&name.dotted()), "{written}");
    }
}

#[test]
fn case_accents_and_braces_are_ignored() {
    let m = owner(&["Jürgen Müller"]);
    assert!(m.matches(&person(r#"M{\"u}ller, J{\"u}rgen"#)));
    assert!(m.matches(&person("MULLER, JURGEN")));
    assert!(m.matches(&person("{Müller}, Jürgen")));
}

#[test]
fn marks_are_stripped_and_read() {
    let mut n = person("Zhu*, Hanqing");
    assert_eq!(strip_marks(&mut n), Marks { equal: true, corresponding: false });
    assert!(owner(&["Hanqing Zhu"]).matches(&n));
    let mut n = person("Tian*†, Yuandong");
    assert_eq!(strip_marks(&mut n), Marks { equal: true, corresponding: true });
    assert_eq!(n.display(), "Yuandong Tian");
    let mut n = person(r"Tian\textsuperscript{*}, Yuandong");
    strip_marks(&mut n);
    assert_eq!(n.family, "Tian");
}

#[test]
fn cjk_names_print_family_first_without_a_space() {
    assert_eq!(person("李, 四").display(), "李四");
    assert_eq!(person("李四").display(), "李四");
    assert_eq!(person("山田, 太郎").display(), "山田太郎");
    assert_eq!(person("김, 민수").display(), "김민수");
    assert_eq!(person("Li, Si").display(), "Si Li", "romanised names are unchanged");
    assert_eq!(person("Zhu, 汉卿").display(), "汉卿 Zhu", "a mixed name keeps the Western order");
}

#[test]
fn others_is_et_al() {
    let src = "@misc{k, author = {A, B and others}}";
    let bib = biblatex::Bibliography::parse(src).unwrap();
    let people = bib.get("k").unwrap().author().unwrap();
    assert!(Name::from_person(&people[1]).is_others());
}

#[test]
fn hyphenated_and_spaced_given_names_agree() {
    let m = owner(&["Kai-Sheng Tai"]);
    assert!(m.matches(&person("Tai, Kai Sheng")));
    assert!(m.matches(&person("Tai, Kaisheng")));
    assert!(owner(&["Kaisheng Tai"]).matches(&person("Kai-Sheng Tai")));
    assert!(!m.matches(&person("Tai, Kai")));
}
