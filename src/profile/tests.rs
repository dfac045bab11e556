//! Unit tests of the profile as a whole ([`super`]).

use super::*;

#[test]
fn every_locale_titles_every_section() {
    for locale in crate::locale::LOCALES {
        for id in SECTION_IDS.iter().chain(jsonresume::EXTRA_SECTION_IDS) {
            assert!(locale.title(id).is_some(), "{} has no title for `{id}`", locale.code);
        }
    }
}
