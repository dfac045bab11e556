//! One entry's publication, memoized across `cvgen watch`'s builds ([`crate::memo`]): an entry whose text, place in
//! its file (relative to itself) and identity are unchanged, under unchanged publication
//! settings, is not modelled again; after an edit only the entries it touched are.
//!
//! The memo key is everything [`super::publication`] reads: the entry's key, id, type, file, the
//! file's category, its decided date and selection, and its own and inherited fields with their
//! positions taken relative to the entry's start (so text added above it does not count), plus a
//! fingerprint of the settings (from which the owner matcher and venue rules are made). A
//! publication made when the entry started elsewhere gets its diagnostics moved to where the
//! entry is now, and its `place` (file and line) is set anew. The memo is Typst's (`comemo`), so
//! the watch loop's one eviction bounds it.

use std::hash::{DefaultHasher, Hash, Hasher};

use super::{OwnerMatcher, Publication, VenueRules};
use crate::bib::{BibEntry, RawField};
use crate::profile::PublicationSettings;

/// A fingerprint of the settings a publication is modelled with.
pub fn settings_print(settings: Option<&PublicationSettings>) -> u64 {
    let mut hasher = DefaultHasher::new();
    format!("{settings:?}").hash(&mut hasher);
    hasher.finish()
}

/// [`super::publication`] of `entry`, from the memo when nothing it reads changed.
pub fn publication(
    entry: &BibEntry,
    settings: Option<&PublicationSettings>,
    settings_print: u64,
    owner: &OwnerMatcher,
    venues: &VenueRules,
) -> Publication {
    if !crate::memo::kept() {
        return super::publication(entry, settings, owner, venues);
    }
    let (mut publication, made_at) = made(Keyed { entry, settings, settings_print, owner, venues });
    let by = entry.span.start.wrapping_sub(made_at);
    if by != 0 {
        for d in &mut publication.problems {
            if let Some(location) = d.location.as_mut().filter(|l| *l.file == *entry.file) {
                location.span = location.span.start.wrapping_add(by)..location.span.end.wrapping_add(by);
            }
        }
    }
    publication.place = super::place_of(entry);
    publication
}

/// What one modelling reads; hashed as the memo key (see the module doc).
struct Keyed<'a> {
    entry: &'a BibEntry,
    settings: Option<&'a PublicationSettings>,
    settings_print: u64,
    owner: &'a OwnerMatcher,
    venues: &'a VenueRules,
}

impl Hash for Keyed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let e = self.entry;
        (&e.key, &e.id, &e.kind, &e.file, e.file_category, e.year, e.month, e.day, e.selected).hash(state);
        let start = e.span.start;
        let relative = |r: &std::ops::Range<usize>| (r.start.wrapping_sub(start), r.end.wrapping_sub(start));
        (relative(&e.span), relative(&e.key_span)).hash(state);
        for (list, fields) in [(0u8, &e.fields), (1, &e.inherited)] {
            (list, fields.len()).hash(state);
            for RawField { name, name_span, value_span, value, text } in fields {
                (name, relative(name_span), relative(value_span), value, text).hash(state);
            }
        }
        self.settings_print.hash(state);
    }
}

/// The publication and where its entry started when it was made.
#[comemo::memoize]
fn made(keyed: Keyed<'_>) -> (Publication, usize) {
    (super::publication(keyed.entry, keyed.settings, keyed.owner, keyed.venues), keyed.entry.span.start)
}
