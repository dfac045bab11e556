//! How a paper's venue prints, decided once for every theme and export:
//!
//! - a venue the built-in table knows prints in the table's casing when the bibliography's
//!   spelling differs from the table's name only in letter case (Google Scholar's "Acs
//!   Photonics", "Advances in neural information processing systems"): that is an export
//!   artefact, not the author's choice;
//! - the badge (`venue_short`) is left out when the venue already starts with it ("arXiv
//!   preprint arXiv:2406.05250" needs no "[arXiv]" before it);
//! - the year is printed after the venue only when the venue does not already hold it ("2024
//!   IEEE International Symposium on High-Performance Computer Architecture (HPCA)" is not
//!   followed by ", 2024").
//!
//! A venue the profile writes (`venues: {…: {name: …}}`) is the user's last word: no casing is
//! changed in it. Pure.

use crate::bib::venues;

/// A venue in the table's casing when the written one differs from the table's name only in
/// letter case; else as written.
pub fn table_casing(written: String) -> String {
    let Some(known) = venues::builtin().find(&written) else { return written };
    let same_letters = known.name.to_lowercase() == written.trim().to_lowercase();
    if same_letters && known.name != written.trim() { known.name.clone() } else { written }
}

/// The badge, unless the venue already starts with its text as a whole word.
pub fn badge(short: Option<String>, venue: Option<&str>) -> Option<String> {
    let short = short?;
    let repeats = venue.is_some_and(|venue| {
        let (venue, badge) = (venue.trim().to_lowercase(), short.trim().to_lowercase());
        !badge.is_empty()
            && venue.starts_with(&badge)
            && !venue[badge.len()..].chars().next().is_some_and(char::is_alphanumeric)
    });
    (!repeats).then_some(short)
}

/// Whether `venue` holds `year` as a number of its own (`2024 IEEE …`, `ICML 2024`, `NeurIPS
/// '24` does not count), so that the year is not printed a second time after it.
pub fn holds_year(venue: Option<&str>, year: Option<i32>) -> bool {
    let (Some(venue), Some(year)) = (venue, year) else { return false };
    let year = year.to_string();
    venue.match_indices(&year).any(|(at, _)| {
        let before = venue[..at].chars().next_back();
        let mut after = venue[at + year.len()..].chars();
        // A digit, or a dot, colon or slash joined to digits (an arXiv id `2406.02024`), makes
        // it part of another number.
        let part_before = before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '/'));
        let part_after = match after.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some('.' | ':' | '/') => after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        !part_before && !part_after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_casing_gives_way_to_the_table() {
        assert_eq!(table_casing("Acs Photonics".to_owned()), "ACS Photonics");
        assert_eq!(
            table_casing("Advances in neural information processing systems".to_owned()),
            "Advances in Neural Information Processing Systems"
        );
        // Other words than the table's name: kept as written.
        assert_eq!(table_casing("Proc. of NeurIPS".to_owned()), "Proc. of NeurIPS");
        assert_eq!(table_casing("Unknown venue".to_owned()), "Unknown venue");
    }

    #[test]
    fn a_badge_the_venue_starts_with_is_left_out() {
        let arxiv = Some("arXiv preprint arXiv:2406.05250");
        assert_eq!(badge(Some("arXiv".to_owned()), arxiv), None);
        assert_eq!(badge(Some("MLSys".to_owned()), Some("MLSys 2024")), None);
        assert_eq!(
            badge(Some("MLSys".to_owned()), Some("Conference on Machine Learning and Systems (MLSys)")).as_deref(),
            Some("MLSys")
        );
        assert_eq!(badge(Some("ICS".to_owned()), Some("ICSE 2024")).as_deref(), Some("ICS"));
        assert_eq!(badge(Some("DAC".to_owned()), None).as_deref(), Some("DAC"));
    }

    #[test]
    fn a_year_in_the_venue_is_found_once() {
        let hpca = "2024 IEEE International Symposium on High-Performance Computer Architecture (HPCA)";
        assert!(holds_year(Some(hpca), Some(2024)));
        assert!(holds_year(Some("Proceedings of ICML 2024."), Some(2024)));
        assert!(!holds_year(Some(hpca), Some(2023)));
        assert!(!holds_year(Some("arXiv preprint arXiv:2406.02024"), Some(2024)));
        assert!(!holds_year(Some("arXiv preprint arXiv:2024.05250"), Some(2024)));
        assert!(!holds_year(Some("vol. 12024"), Some(2024)));
        assert!(!holds_year(None, Some(2024)));
    }
}
