//! Wall-clock timings of the pipeline's phases, for `cvgen pdf --timings`, `cvgen watch` and the
//! benchmark.
//!
//! This module measures and formats; it never prints. The line it formats is
//! `timings: load=0.4 parse=1.9 model=0.6 compile=21.3 export=9.8 write=0.2 total=34.7`:
//! milliseconds with one decimal, phases in pipeline order, `total` the wall time of the whole
//! command (so it also covers loading fonts and the gaps between phases).

use std::fmt;
use std::time::{Duration, Instant};

/// A step of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading files: the profile, the bibliography, font folders.
    Load,
    /// Parsing the profile (YAML) and the bibliography (BibTeX).
    Parse,
    /// Building the model, checking glyph coverage and serialising it to JSON.
    Model,
    /// Typst's compile: evaluating the template and laying out pages.
    Compile,
    /// Typst's PDF export.
    Export,
    /// Writing the PDF (atomically).
    Write,
}

impl Phase {
    /// Every phase, in pipeline order.
    pub const ALL: [Phase; 6] = [Phase::Load, Phase::Parse, Phase::Model, Phase::Compile, Phase::Export, Phase::Write];

    /// The phase's name in the timings line.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Parse => "parse",
            Phase::Model => "model",
            Phase::Compile => "compile",
            Phase::Export => "export",
            Phase::Write => "write",
        }
    }
}

/// Time spent in each phase of one build, plus the wall time of the whole build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    phases: [Duration; 6],
    /// Wall time from the start of the command to the end of the write.
    pub total: Duration,
}

impl Timings {
    /// Adds `elapsed` to `phase` (a phase may be entered several times: load, then parse, then
    /// load again for the bibliography the profile names).
    pub fn add(&mut self, phase: Phase, elapsed: Duration) {
        self.phases[phase as usize] += elapsed;
    }

    /// Runs `f`, adding its wall time to `phase`.
    pub fn time<T>(&mut self, phase: Phase, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(phase, start.elapsed());
        out
    }

    /// The time spent in `phase`.
    pub fn get(&self, phase: Phase) -> Duration {
        self.phases[phase as usize]
    }

    /// cvgen's own work: everything but Typst's compile and export.
    pub fn own(&self) -> Duration {
        self.total.saturating_sub(self.get(Phase::Compile) + self.get(Phase::Export))
    }
}

/// Milliseconds with one decimal (`23.4`).
pub fn millis(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("timings:")?;
        for phase in Phase::ALL {
            write!(f, " {}={}", phase.name(), millis(self.get(phase)))?;
        }
        write!(f, " total={}", millis(self.total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_format() {
        let mut t = Timings::default();
        t.add(Phase::Load, Duration::from_micros(400));
        t.add(Phase::Parse, Duration::from_micros(1_240));
        t.add(Phase::Load, Duration::from_micros(100));
        t.add(Phase::Compile, Duration::from_millis(21));
        t.total = Duration::from_micros(34_660);
        assert_eq!(t.to_string(), "timings: load=0.5 parse=1.2 model=0.0 compile=21.0 export=0.0 write=0.0 total=34.7");
        assert_eq!(t.own(), Duration::from_micros(13_660));
    }
}
