//! The one clock: the moment a build is made, read once, from which the day the CV is dated (the
//! model's "today", what "the future" is measured from), the template's `datetime.today()` and
//! the PDF's creation date all come. `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) fixes it for
//! reproducible builds; otherwise it is the system clock. Days are UTC days.
//!
//! Why not typst-kit's `datetime::Time`, on which typst-cli builds its `today()`: it answers only
//! with a date, while the PDF's creation date carries the time of day (typst-cli itself reads
//! the system clock a second time, through chrono, for the PDF), so it would leave two clocks or
//! drop the time from cvgen's PDFs; its system clock gives the local date where cvgen dates in
//! UTC; and it brings in chrono for what [`Day::from_unix`] already does. Reads the environment
//! and the system clock; nothing else.

use typst::foundations::Datetime;

use crate::date::Day;

/// A moment, in whole seconds since 1970-01-01 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    unix: i64,
}

impl Clock {
    /// Now: `SOURCE_DATE_EPOCH` when it is set to a number of seconds, else the system clock.
    pub fn read() -> Self {
        let fixed = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok());
        let unix = fixed.unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        });
        Self { unix }
    }

    /// The moment `unix` seconds after 1970-01-01 UTC.
    pub fn at(unix: i64) -> Self {
        Self { unix }
    }

    /// The day (UTC): the CV's date, and the template's `datetime.today()`.
    pub fn day(self) -> Day {
        Day::from_unix(self.unix)
    }

    /// The moment as Typst's date and time (UTC), to the second: the PDF's creation date. A day
    /// Typst cannot represent (a year outside 1 to 9999, from an odd `SOURCE_DATE_EPOCH`) gives
    /// 1970-01-01.
    pub fn datetime(self) -> Datetime {
        let Day { year, month, day } = self.day();
        let seconds = self.unix.rem_euclid(86_400);
        let (h, m, s) = ((seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8);
        Datetime::from_ymd_hms(year, month, day, h, m, s)
            .unwrap_or_else(|| Datetime::from_ymd_hms(1970, 1, 1, 0, 0, 0).expect("1970-01-01 is a valid date"))
    }
}

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds: what the verbs
/// that do not typeset (`check`, `data`, the exports) date the CV by.
pub fn today() -> Day {
    Clock::read().day()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_and_the_creation_date_are_one_moment() {
        // 2024-02-29 23:59:59 UTC.
        let clock = Clock::at(1_709_251_199);
        assert_eq!(clock.day(), Day { year: 2024, month: 2, day: 29 });
        assert_eq!(clock.datetime(), Datetime::from_ymd_hms(2024, 2, 29, 23, 59, 59).unwrap());
        let next = Clock::at(1_709_251_200);
        assert_eq!(next.day(), Day { year: 2024, month: 3, day: 1 });
        assert_eq!(next.datetime(), Datetime::from_ymd_hms(2024, 3, 1, 0, 0, 0).unwrap());
    }

    #[test]
    fn a_moment_typst_cannot_date_is_no_panic() {
        // Year 33658: beyond Typst's calendar.
        let clock = Clock::at(999_999_999_999);
        assert_eq!(clock.datetime(), Datetime::from_ymd_hms(1970, 1, 1, 0, 0, 0).unwrap());
    }
}
