//! The speed benchmark: `cargo bench --bench scale` (options after `--`, see `--help`).
//!
//! It generates synthetic but realistic inputs (ten-author papers with accented names, roles via
//! `author+an`, awards, links) at 10, 100, 1,000 and 5,000 publications and reports, per size:
//! the wall time and peak memory of a whole `cvgen pdf` process (the release binary), the time of
//! each phase of cvgen's pipeline run in this process, and the ratio of that total to a bare Typst
//! compile + export of the same template and the same JSON in this process (the limit). Then it
//! times `cvgen watch`'s rebuild after a one-entry edit at 1,000 publications, and checks each
//! result against the targets of issue 6. Medians throughout; Typst's memoization is cleared
//! before every in-process run so each is a cold compile (fonts stay loaded, as in one process).
//!
//! Nothing here is a test: `cargo test` runs no timing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cvgen::Report;
use cvgen::pipeline::Inputs;
use cvgen::pipeline::document::{DocumentConfig, Pipeline};
use cvgen::render::FontSet;
use cvgen::timings::{Phase, Timings, millis};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration as TypstDuration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

#[path = "scale/edit_loop.rs"]
mod edit_loop;

/// The allocator `cvgen` itself uses (src/main.rs), so the phases timed in this process, bare
/// Typst's runs and its peak as a child process are measured as the product runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `SOURCE_DATE_EPOCH` for every run: 2025-11-29.
const EPOCH: &str = "1764374400";

struct Options {
    sizes: Vec<usize>,
    runs: Option<usize>,
    /// Only the section named (`pdf`, `check`), or every section.
    only: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--measure-child") {
        measure_child(&args[1..]);
        return;
    }
    if args.first().map(String::as_str) == Some("--bare-child") {
        bare_child(Path::new(args.get(1).map_or(".", String::as_str)));
        return;
    }
    if args.first().map(String::as_str) == Some("--generate") {
        let (Some(dir), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok())) else {
            eprintln!("usage: scale --generate DIR N");
            std::process::exit(2);
        };
        generate(Path::new(dir), n);
        return;
    }
    let mut options = Options { sizes: vec![10, 100, 1000, 5000], runs: None, only: None };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sizes" => {
                options.sizes = args.next().unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect()
            }
            "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()),
            "--only" => options.only = args.next(),
            "--help" | "-h" => {
                println!(
                    "cargo bench --bench scale [-- --sizes 10,100,1000,5000] [--runs N] [--only pdf|check|linear|edit|cells]\n\
                     cargo bench --bench scale -- --generate DIR N   (write the inputs of size N to DIR)"
                );
                return;
            }
            other => eprintln!("ignored argument `{other}`"),
        }
    }
    run(&options);
}

/// `n` entries, each the `crossref` child of the next, each with a field of its own.
fn crossref_chain(n: usize) -> String {
    let mut text: String = (0..n)
        .map(|i| {
            format!(
                "@book{{e{i}, title = {{T{i}}}, author = {{Lovelace, Ada}}, crossref = {{e{}}}, f{i} = {{x}}}}\n",
                i + 1
            )
        })
        .collect();
    text.push_str(&format!("@book{{e{n}, title = {{Top}}, year = 2020}}\n"));
    text
}

/// `levels` levels of two `xdata` entries that each name both of the next level: 2^levels ways
/// from the top to the bottom.
fn xdata_diamond(levels: usize) -> String {
    let mut text = String::new();
    for i in 0..levels {
        for name in ["a", "b"] {
            text.push_str(&format!("@xdata{{{name}{i}, xdata = {{a{n}, b{n}}}, note{i} = {{x}}}}\n", n = i + 1));
        }
    }
    text.push_str(&format!("@xdata{{a{levels}, year = 2020}}\n@xdata{{b{levels}, year = 2020}}\n"));
    text.push_str("@article{top, title = {T}, author = {Lovelace, Ada}, journal = {J}, xdata = {a0}}\n");
    text
}

// ---------------------------------------------------------------------------------------- runs

/// One row of the table.
struct Row {
    label: String,
    pages: usize,
    /// Median wall time of a whole `cvgen pdf` process.
    process: Duration,
    /// Median CPU time (user + system) of that process: steadier than wall time on a busy machine.
    process_cpu: Duration,
    /// Peak resident memory of that process, in MiB.
    peak_mib: f64,
    /// Median of each phase of the in-process pipeline.
    phases: Timings,
    /// Median bare Typst compile + export.
    bare: Duration,
}

impl Row {
    fn ratio(&self) -> f64 {
        self.phases.total.as_secs_f64() / self.bare.as_secs_f64()
    }
}

fn run(options: &Options) {
    let cvgen = PathBuf::from(env!("CARGO_BIN_EXE_cvgen"));
    let scratch = tempfile::tempdir().expect("a temporary folder");
    println!(
        "cvgen benchmark: {} ({} cores)",
        cvgen.display(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let wants = |section: &str| options.only.as_deref().is_none_or(|only| only == section);
    if wants("check") {
        println!();
        print!("{}", check_vs_data(scratch.path(), &cvgen, options.runs.unwrap_or(5)));
    }
    if wants("linear") {
        println!();
        print!("{}", linearity(scratch.path(), &cvgen, options.runs.unwrap_or(5)));
    }
    if options.only.as_deref() == Some("edit") {
        let edits = edit_loops(scratch.path(), &cvgen, options.runs.unwrap_or(9));
        println!();
        print!("{}", edit_table(&edits));
        println!();
        print!("{}", verdicts(&[], None, &[], &edits));
        return;
    }
    if options.only.as_deref() == Some("cells") {
        let fonts = FontSet::load(&[], false);
        let bare_fonts = BareFonts::load();
        println!();
        print!("{}", long_cells(scratch.path(), &cvgen, &fonts, &bare_fonts, options.runs.unwrap_or(3)));
        return;
    }
    if !wants("pdf") {
        return;
    }
    // Load the fonts now, as one process does once; every in-process run below shares them.
    let fonts = FontSet::load(&[], false);
    let bare_fonts = BareFonts::load();

    let mut rows = Vec::new();
    let example = scratch.path().join("example");
    std::fs::create_dir_all(&example).expect("scratch folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["profile.yaml", "refs.bib"] {
        std::fs::copy(root.join(file), example.join(file)).expect("copy the example");
    }
    rows.push(measure("example", &example, &cvgen, &fonts, &bare_fonts, options.runs.unwrap_or(21)));
    for &n in &options.sizes {
        let dir = scratch.path().join(format!("n{n}"));
        generate(&dir, n);
        let runs = options.runs.unwrap_or(match n {
            0..=100 => 21,
            101..=1000 => 9,
            _ => 5,
        });
        rows.push(measure(&n.to_string(), &dir, &cvgen, &fonts, &bare_fonts, runs));
    }
    let watch = options.sizes.contains(&1000).then(|| {
        let dir = scratch.path().join("n1000");
        watch_rebuild(&dir, &fonts, options.runs.unwrap_or(9))
    });
    // The floor (one plain paragraph per paper) and bare Typst's peak, as whole processes.
    let floors: Vec<Floor> = [1000, 5000]
        .into_iter()
        .filter(|n| options.sizes.contains(n))
        .map(|n| floor(&n.to_string(), &scratch.path().join(format!("n{n}")), &cvgen, options.runs.unwrap_or(5)))
        .collect();
    let edits = match options.only {
        None => edit_loops(scratch.path(), &cvgen, options.runs.unwrap_or(9)),
        Some(_) => Vec::new(),
    };

    println!();
    print!("{}", table(&rows));
    println!();
    print!("{}", floor_table(&rows, &floors));
    if !edits.is_empty() {
        println!();
        print!("{}", edit_table(&edits));
    }
    println!();
    print!("{}", verdicts(&rows, watch, &floors, &edits));
}

/// The edit loop on the example and on 1,000 publications (made here if no earlier section did).
fn edit_loops(scratch: &Path, cvgen: &Path, runs: usize) -> Vec<edit_loop::EditLoop> {
    let example = scratch.join("example");
    if !example.exists() {
        std::fs::create_dir_all(&example).expect("scratch folder");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for file in ["profile.yaml", "refs.bib"] {
            std::fs::copy(root.join(file), example.join(file)).expect("copy the example");
        }
    }
    let n1000 = scratch.join("n1000");
    if !n1000.exists() {
        generate(&n1000, 1000);
    }
    vec![edit_loop::measure("example", &example, cvgen, runs), edit_loop::measure("1000", &n1000, cvgen, runs)]
}

/// The least a process can do with the same papers, measured beside the real run.
struct Floor {
    label: String,
    /// `cvgen pdf` with a template of one plain paragraph per paper: median wall time.
    floor_process: Duration,
    /// The peak memory of a bare Typst compile + export of the theme and its JSON, as a process.
    bare_peak_mib: f64,
}

/// A template of one paragraph per paper (authors, title, venue): what any list of these papers
/// costs Typst, whatever its look.
const FLOOR_TEMPLATE: &str = r#"#let cv = json("/cv.json")
#set page(paper: "a4", margin: 2cm)
#set text(size: 10pt)
#for section in cv.sections.filter(s => s.kind == "publications") {
  for group in section.groups {
    for p in group.items {
      par[#p.authors.map(a => a.name).join(", "). #p.title. #p.at("venue", default: none)]
    }
  }
}
"#;

fn floor(label: &str, dir: &Path, cvgen: &Path, runs: usize) -> Floor {
    eprint!("floor {label}: ");
    std::fs::write(dir.join("floor.typ"), FLOOR_TEMPLATE).expect("write the floor template");
    let mut walls = Vec::new();
    for _ in 0..runs {
        walls.push(spawn_measured(dir, cvgen, &["pdf", "--template", "floor.typ", "-o", "floor.pdf"]).wall);
    }
    let me = std::env::current_exe().expect("the benchmark's own path");
    let mut peak_kib = 0;
    for _ in 0..runs {
        peak_kib = peak_kib.max(spawn_measured(dir, &me, &["--bare-child", "."]).max_rss_kib);
    }
    eprintln!("done");
    Floor { label: label.to_owned(), floor_process: median(walls), bare_peak_mib: peak_kib as f64 / 1024.0 }
}

/// `--bare-child DIR`: a bare Typst compile + export of the classic theme and the JSON cvgen
/// handed Typst in DIR (`typst-data/`), as a process of its own so its peak memory is known.
fn bare_child(dir: &Path) {
    fn read(dir: &Path, root: &Path, out: &mut ModelData) {
        for entry in std::fs::read_dir(dir).expect("the model's files of a cvgen run") {
            let path = entry.expect("a file of the model").path();
            if path.is_dir() {
                read(&path, root, out);
            } else {
                let name = format!("/{}", path.strip_prefix(root).expect("inside").display());
                out.insert(name, Bytes::new(std::fs::read(&path).expect("a file of the model")));
            }
        }
    }
    let fonts = BareFonts::load();
    let mut data = ModelData::new();
    read(&dir.join("typst-data"), &dir.join("typst-data"), &mut data);
    let world = BareWorld::new(&fonts, data);
    let document = typst::compile::<PagedDocument>(&world).output.expect("bare compile");
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).expect("bare export");
    std::fs::write(dir.join("bare.pdf"), pdf).expect("write the bare PDF");
}

/// `cvgen check` against `cvgen data` on 5,000 entries of which none has the owner among its
/// authors, so the check reports 5,000 warnings: a check reads, builds and lints the model once,
/// and its diagnostics are located and printed in time proportional to their number.
fn check_vs_data(scratch: &Path, cvgen: &Path, runs: usize) -> String {
    let dir = scratch.join("check5000");
    generate(&dir, 5000);
    let profile = PROFILE.replace("owner: [\"Ada Lovelace\", \"A. Lovelace\"]", "owner: [\"Grace Hopper\"]");
    assert_ne!(profile, PROFILE, "the generated profile names its owner");
    std::fs::write(dir.join("profile.yaml"), profile).expect("write the profile");
    eprint!("check vs data at 5000: ");
    let (mut data, mut check) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        data.push(spawn_measured(&dir, cvgen, &["data"]).wall);
        check.push(spawn_measured(&dir, cvgen, &["check"]).wall);
        eprint!(".");
    }
    eprintln!(" done");
    let warnings = Command::new(cvgen)
        .args(["check", "--format", "json"])
        .current_dir(&dir)
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).matches("\"severity\": \"warning\"").count())
        .unwrap_or(0);
    let (data, check) = (median(data), median(check));
    let ratio = check.as_secs_f64() / data.as_secs_f64();
    let verdict = if ratio <= 2.0 { "ok  " } else { "MISS" };
    format!(
        "{verdict} check / data, 5000 entries, {warnings} warnings: {} ms / {} ms = {ratio:.2}× (target ≤ 2×)\n",
        millis(check),
        millis(data)
    )
}

/// The inputs that once made cvgen quadratic, at 1,000, 2,000 and 4,000: entries, entries that
/// all share one key, and entries none of which has the owner (a lint warning each), through
/// `check`, `pdf` and `bib`; then 100,000 entries (`check` finishes in proportion, `pdf` is
/// refused by its budget before typesetting) and two pathological files that took 20 s or more
/// (a 1.5 MB comment line of `@`, 200,000 blank lines in a value), a chain of crossrefs (66 s
/// at 4,000) and an `xdata` diamond (exponential in its depth). Each time is the fastest of
/// `runs`: on a shared machine noise only ever adds time, and one slow run of a 100 ms `check`
/// made a doubling look like 2.7× (or 0.6×) where the fastest runs are 1.9×.
fn linearity(scratch: &Path, cvgen: &Path, runs: usize) -> String {
    let sizes = [1000, 2000, 4000];
    let kinds = [
        Shape { label: "entries", bib: |bib| bib.to_owned(), owner_missing: false },
        Shape { label: "repeated keys", bib: repeat_one_key, owner_missing: false },
        Shape { label: "lint warnings", bib: |bib| bib.to_owned(), owner_missing: true },
        Shape { label: "problems on one line", bib: one_line_of_problems, owner_missing: false },
    ];
    let verbs: [&[&str]; 3] = [&["check"], &["pdf", "-o", "out.pdf"], &["bib", "--keep-private", "-o", "out.bib"]];
    let mut out = String::new();
    let _ = writeln!(out, "| input | verb | 1000 ms | 2000 ms | 4000 ms | 2000/1000 | 4000/2000 |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
    let mut worst: f64 = 0.0;
    for Shape { label, bib: shape, owner_missing } in kinds {
        let dirs: Vec<PathBuf> = sizes
            .iter()
            .map(|&n| {
                let dir = scratch.join(format!("linear-{}-{n}", label.replace(' ', "-")));
                generate(&dir, n);
                let bib = std::fs::read_to_string(dir.join("refs.bib")).expect("generated bib");
                std::fs::write(dir.join("refs.bib"), shape(&bib)).expect("write the bib");
                if owner_missing {
                    let owner =
                        PROFILE.replace("owner: [\"Ada Lovelace\", \"A. Lovelace\"]", "owner: [\"Grace Hopper\"]");
                    std::fs::write(dir.join("profile.yaml"), owner).expect("write the profile");
                }
                dir
            })
            .collect();
        for verb in verbs {
            eprint!("linearity: {label}, {}: ", verb[0]);
            let times: Vec<Duration> = dirs
                .iter()
                .map(|dir| (0..runs).map(|_| spawn_measured(dir, cvgen, verb).wall).min().unwrap_or_default())
                .collect();
            eprintln!("done");
            let (a, b) =
                (times[1].as_secs_f64() / times[0].as_secs_f64(), times[2].as_secs_f64() / times[1].as_secs_f64());
            worst = worst.max(a).max(b);
            let _ = writeln!(
                out,
                "| {label} | {} | {} | {} | {} | {a:.2}× | {b:.2}× |",
                verb[0],
                millis(times[0]),
                millis(times[1]),
                millis(times[2])
            );
        }
    }
    let verdict = if worst <= 2.2 { "ok  " } else { "MISS" };
    let _ = writeln!(out, "{verdict} every doubling of the input at most 2.2× the time (worst {worst:.2}×)");

    // 100,000 entries.
    let dir = scratch.join("linear-100000");
    generate(&dir, 100_000);
    let check = spawn_measured(&dir, cvgen, &["check"]);
    let started = Instant::now();
    let pdf =
        Command::new(cvgen).args(["pdf", "-o", "out.pdf"]).current_dir(&dir).env("SOURCE_DATE_EPOCH", EPOCH).output();
    let pdf_time = started.elapsed();
    let refused = pdf
        .as_ref()
        .is_ok_and(|o| o.status.code() == Some(1) && String::from_utf8_lossy(&o.stderr).contains("at most"));
    let _ = writeln!(
        out,
        "{} 100,000 entries: check {} ms ({:.0} MiB); pdf refused by the budget in {} ms",
        if refused { "ok  " } else { "MISS" },
        millis(check.wall),
        check.max_rss_kib as f64 / 1024.0,
        millis(pdf_time),
    );

    // The pathological files.
    for (label, text) in [
        (
            "a 1.5 MB comment line of `@`",
            format!(
                "% {}\n@misc{{k, title = {{T}}, author = {{Lovelace, Ada}}, year = 2020}}\n",
                "@".repeat(1_500_000)
            ),
        ),
        (
            "200,000 blank lines in a value",
            format!("@misc{{k, title = {{T{}}}, author = {{Lovelace, Ada}}, year = 2020}}\n", "\n".repeat(200_000)),
        ),
        ("a chain of 4,000 crossrefs", crossref_chain(4000)),
        ("an xdata diamond 40 levels deep", xdata_diamond(40)),
    ] {
        let dir = scratch.join(format!("odd-{}", label.len()));
        generate(&dir, 0);
        std::fs::write(dir.join("refs.bib"), text).expect("write the bib");
        let check = spawn_measured(&dir, cvgen, &["check"]);
        let _ = writeln!(out, "     {label}: check {} ms", millis(check.wall));
    }
    out
}

/// Long cells (issue 21, rows that break): one honor whose title and note hold a long text, and
/// one whose `papers:` names many papers, at three sizes each, cvgen's `pdf` against bare Typst
/// on the same template and JSON, with the growth per doubling. A table row used to be one
/// unbreakable block: its layout grew 3–4× per doubling of one cell (a 150 KB title and note:
/// over 100 s). Only with `--only cells` (the largest case takes a while).
fn long_cells(scratch: &Path, cvgen: &Path, fonts: &FontSet, bare_fonts: &BareFonts, runs: usize) -> String {
    let text = |bytes: usize| -> String {
        let mut rng = Rng(0x5EED ^ bytes as u64);
        let mut out = String::with_capacity(bytes + 16);
        while out.len() < bytes {
            out.push_str(rng.pick(WORDS));
            out.push(' ');
        }
        out.trim_end().to_owned()
    };
    let mut rows = Vec::new();
    // Title and note, half each: 37.5, 75 and 150 KB in all.
    for kb in [37.5, 75.0, 150.0] {
        let dir = scratch.join(format!("cells-text-{kb}"));
        generate(&dir, 0);
        let half = (kb * 1000.0 / 2.0) as usize;
        let honor = format!(
            "name: Ada Lovelace\nhonors:\n  - title: \"{}\"\n    note: \"{}\"\n    organization: Analytical Society\n    date: 2020\n",
            text(half),
            text(half)
        );
        std::fs::write(dir.join("profile.yaml"), honor).expect("write the profile");
        rows.push((
            format!("title + note, {kb} KB"),
            measure(&format!("text {kb} KB"), &dir, cvgen, fonts, bare_fonts, runs),
        ));
    }
    for n in [250, 500, 1000] {
        let dir = scratch.join(format!("cells-papers-{n}"));
        generate(&dir, n);
        let keys: Vec<String> = (0..n).map(|i| format!("paper{i:05}")).collect();
        let prize = format!(
            "honors:\n  - title: Prize for Everything\n    organization: Analytical Society\n    date: 2020\n    papers: [{}]\n",
            keys.join(", ")
        );
        let profile = PROFILE.replacen("honors:\n", &prize, 1);
        std::fs::write(dir.join("profile.yaml"), profile).expect("write the profile");
        rows.push((format!("`papers:` of {n}"), measure(&format!("papers {n}"), &dir, cvgen, fonts, bare_fonts, runs)));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| case | pages | process ms | cvgen total | bare Typst | ratio | cvgen per doubling | bare per doubling |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (i, (label, row)) in rows.iter().enumerate() {
        // Each case's sizes double (the papers case from its first size): growth against the
        // row before, within a case.
        let growth = |now: Duration, before: Duration| format!("{:.2}×", now.as_secs_f64() / before.as_secs_f64());
        let (cvgen_growth, bare_growth) = match i % 3 {
            0 => ("".to_owned(), "".to_owned()),
            _ => (growth(row.phases.total, rows[i - 1].1.phases.total), growth(row.bare, rows[i - 1].1.bare)),
        };
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {:.2}× | {cvgen_growth} | {bare_growth} |",
            row.pages,
            millis(row.process),
            millis(row.phases.total),
            millis(row.bare),
            row.ratio()
        );
    }
    out
}

/// An input of the linearity table: how its bibliography is made from the generated one, and
/// whether the profile's owner is in none of its author lists (a lint warning per entry).
struct Shape {
    label: &'static str,
    bib: fn(&str) -> String,
    owner_missing: bool,
}

/// The same entries on one line (about 0.4 MB for 1,000), each title with a command cvgen has no
/// rule for: a located warning each, all on line 2 (issue 21: printing each message's whole line
/// made this quadratic).
fn one_line_of_problems(bib: &str) -> String {
    let line: Vec<&str> = bib.lines().filter(|l| !l.starts_with('%') && !l.trim().is_empty()).map(str::trim).collect();
    format!("% one line\n{}\n", line.join(" ").replace("title = {", "title = {\\weird{x} "))
}

/// The same entries, all under one key (each after the first is a warning).
fn repeat_one_key(bib: &str) -> String {
    let mut out = String::with_capacity(bib.len());
    for line in bib.split_inclusive('\n') {
        match line.find('{').filter(|_| line.starts_with('@')) {
            Some(open) => {
                out.push_str(&line[..=open]);
                out.push_str("same,\n");
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Measures one input folder: whole processes, the in-process pipeline and bare Typst.
fn measure(label: &str, dir: &Path, cvgen: &Path, fonts: &FontSet, bare_fonts: &BareFonts, runs: usize) -> Row {
    eprint!("{label}: ");
    // Whole process, through a child of ours so its peak memory is its own.
    let mut process = Vec::new();
    let mut process_cpu = Vec::new();
    let mut peak_kib = 0;
    for _ in 0..runs {
        let child = spawn_measured(dir, cvgen, &["pdf", "-o", "process.pdf"]);
        process.push(child.wall);
        process_cpu.push(child.cpu);
        peak_kib = peak_kib.max(child.max_rss_kib);
    }
    eprint!("process ");

    // In this process: cvgen's pipeline and bare Typst on the JSON cvgen produced.
    let config = config(dir);
    let mut cvgen_runs = Vec::new();
    let mut bare_runs = Vec::new();
    let mut pages = 0;
    // The two alternate which goes first: the second of a pair finds the allocator's memory
    // already mapped and runs faster, so neither side always gets that advantage.
    let mut last_data = ModelData::new();
    for run in 0..runs {
        let mut cvgen_run = || {
            typst::comemo::evict(0);
            let mut pipeline = Pipeline::new(&config, fonts);
            let mut report = Report::default();
            let timings =
                build(&mut pipeline, &mut report).unwrap_or_else(|| panic!("{label}: {:?}", report.diagnostics));
            cvgen_runs.push(timings);
            let model = pipeline.world().expect("a world after a build").model();
            model.files().map(|(path, bytes)| (path, bytes.clone())).collect::<ModelData>()
        };
        let mut bare_run = |data: ModelData| {
            typst::comemo::evict(0);
            let world = BareWorld::new(bare_fonts, data);
            let start = Instant::now();
            let document = typst::compile::<PagedDocument>(&world).output.expect("bare compile");
            let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).expect("bare export");
            bare_runs.push(start.elapsed());
            pages = document.pages().len();
            assert!(!pdf.is_empty());
        };
        if run % 2 == 0 {
            let data = cvgen_run();
            last_data.clone_from(&data);
            bare_run(data);
        } else {
            // The JSON the previous cvgen run produced (the model is deterministic).
            bare_run(last_data.clone());
            cvgen_run();
        }
    }
    // The model's files for the bare child.
    for (path, bytes) in &last_data {
        let file = dir.join("typst-data").join(path.trim_start_matches('/'));
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("a folder for the model");
        std::fs::write(file, bytes.as_slice()).expect("keep the model for the bare child");
    }
    eprintln!("in-process");
    Row {
        label: label.to_owned(),
        pages,
        process: median(process),
        process_cpu: median(process_cpu),
        peak_mib: peak_kib as f64 / 1024.0,
        phases: median_timings(&cvgen_runs),
        bare: median(bare_runs),
    }
}

/// `cvgen watch`'s rebuild after editing one entry: the same pipeline kept between builds and
/// the same cache eviction as the watch loop; the bibliography is edited on disk each time.
fn watch_rebuild(dir: &Path, fonts: &FontSet, runs: usize) -> Timings {
    eprint!("watch rebuild at 1000: ");
    let config = config(dir);
    let bib_path = dir.join("refs.bib");
    let original = std::fs::read_to_string(&bib_path).expect("generated bib");
    typst::comemo::evict(0);
    // As `cvgen watch` does: each entry's parsed and modelled form is kept between builds.
    cvgen::memo::keep();
    let mut pipeline = Pipeline::new(&config, fonts);
    build(&mut pipeline, &mut Report::default()).expect("first build");
    typst::comemo::evict(10);
    let mut times = Vec::new();
    // The entry in the middle of the file; each build sees its title changed (as when fixing a
    // typo) and nothing else.
    let entry = original.find("paper00500,").expect("a 1000-entry bib");
    let title = entry + original[entry..].find("title = {").expect("a title") + "title = {".len();
    for i in 0..runs {
        let edited = format!("{}Revised ({i}) {}", &original[..title], &original[title..]);
        std::fs::write(&bib_path, edited).expect("edit the bib");
        let mut report = Report::default();
        let timings = build(&mut pipeline, &mut report).unwrap_or_else(|| panic!("{:?}", report.diagnostics));
        typst::comemo::evict(10);
        times.push(timings);
    }
    std::fs::write(&bib_path, original).expect("restore the bib");
    eprintln!("done");
    median_timings(&times)
}

fn config(dir: &Path) -> DocumentConfig {
    DocumentConfig {
        inputs: Inputs::new(dir.join("profile.yaml"), Vec::new()),
        template: None,
        theme: None,
        keep_going: false,
        font_path: Vec::new(),
        system_fonts: false,
        export: Default::default(),
        output: dir.join("in-process.pdf"),
    }
}

/// One build as `cvgen pdf` makes it, the atomic write of the PDF included.
fn build(pipeline: &mut Pipeline, report: &mut Report) -> Option<Timings> {
    let built = pipeline.build(report).ok()?;
    let mut timings = built.timings;
    let output = &pipeline.config().output;
    let started = Instant::now();
    cvgen::write::atomic(output, &built.files[0]).ok()?;
    timings.add(Phase::Write, started.elapsed());
    timings.total += started.elapsed();
    Some(timings)
}

/// What `--measure-child` saw of one cvgen process.
struct Child {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
}

/// Runs `cvgen args` in `dir` through `--measure-child`.
fn spawn_measured(dir: &Path, cvgen: &Path, args: &[&str]) -> Child {
    let me = std::env::current_exe().expect("the benchmark's own path");
    let out = Command::new(me)
        .arg("--measure-child")
        .arg(dir)
        .arg(cvgen)
        .args(args)
        .output()
        .expect("run the measuring child");
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<u64> = text.split_whitespace().filter_map(|f| f.parse().ok()).collect();
    let [wall, cpu, max_rss_kib] = fields[..] else {
        panic!("measuring child failed: {text}\n{}", String::from_utf8_lossy(&out.stderr));
    };
    Child { wall: Duration::from_nanos(wall), cpu: Duration::from_nanos(cpu), max_rss_kib }
}

/// `--measure-child DIR CVGEN ARGS…`: runs cvgen once and prints `wall_ns cpu_ns max_rss_kib`.
/// Being the parent of cvgen alone, its `RUSAGE_CHILDREN` figures are cvgen's.
fn measure_child(args: &[String]) {
    let [dir, cvgen, rest @ ..] = args else { panic!("--measure-child DIR CVGEN ARGS…") };
    let start = Instant::now();
    let out =
        Command::new(cvgen).args(rest).current_dir(dir).env("SOURCE_DATE_EPOCH", EPOCH).output().expect("run cvgen");
    let wall = start.elapsed();
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        std::process::exit(1);
    }
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let micros = |t: nix::sys::time::TimeVal| t.tv_sec() as u64 * 1_000_000 + t.tv_usec() as u64;
    let cpu_ns = (micros(usage.user_time()) + micros(usage.system_time())) * 1000;
    println!("{} {cpu_ns} {}", wall.as_nanos(), usage.max_rss());
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn median_timings(runs: &[Timings]) -> Timings {
    let mut out = Timings::default();
    for phase in Phase::ALL {
        out.add(phase, median(runs.iter().map(|t| t.get(phase)).collect()));
    }
    out.total = median(runs.iter().map(|t| t.total).collect());
    out
}

// ------------------------------------------------------------------------------------ report

fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| pubs | pages | process ms | process CPU ms | peak MiB | load | parse | model | compile | export | write | cvgen total | bare Typst | ratio |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let p = |phase| millis(r.phases.get(phase));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {} | {:.3}× |",
            r.label,
            r.pages,
            millis(r.process),
            millis(r.process_cpu),
            r.peak_mib,
            p(Phase::Load),
            p(Phase::Parse),
            p(Phase::Model),
            p(Phase::Compile),
            p(Phase::Export),
            p(Phase::Write),
            millis(r.phases.total),
            millis(r.bare),
            r.ratio(),
        );
    }
    out
}

fn floor_table(rows: &[Row], floors: &[Floor]) -> String {
    let mut out = String::from(
        "| pubs | process ms | floor template ms | process / floor | peak MiB | bare Typst peak MiB | peak / bare |\n\
         |---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for f in floors {
        let Some(r) = rows.iter().find(|r| r.label == f.label) else { continue };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2}× | {:.0} | {:.0} | {:.2}× |",
            f.label,
            millis(r.process),
            millis(f.floor_process),
            r.process.as_secs_f64() / f.floor_process.as_secs_f64(),
            r.peak_mib,
            f.bare_peak_mib,
            r.peak_mib / f.bare_peak_mib,
        );
    }
    out
}

fn edit_table(edits: &[edit_loop::EditLoop]) -> String {
    let mut out = String::from(
        "| input | save → preview event ms | save → changed page shown ms | save → PDF written ms (`watch`) |\n\
         |---|---:|---:|---:|\n",
    );
    for e in edits {
        let _ = writeln!(out, "| {} | {} | {} | {} |", e.label, millis(e.event), millis(e.page), millis(e.pdf));
    }
    out
}

fn verdicts(rows: &[Row], watch: Option<Timings>, floors: &[Floor], edits: &[edit_loop::EditLoop]) -> String {
    let mut out = String::new();
    let find = |label: &str| rows.iter().find(|r| r.label == label);
    let mut check = |what: String, ok: bool| {
        let _ = writeln!(out, "{} {what}", if ok { "ok  " } else { "MISS" });
    };
    if let Some(r) = find("example") {
        check(
            format!("example CV, whole process: {} ms (target < 50 ms)", millis(r.process)),
            r.process.as_millis() < 50,
        );
    }
    if let Some(r) = find("1000") {
        check(
            format!("1000 publications, whole process: {} ms (target < 500 ms)", millis(r.process)),
            r.process.as_millis() < 500,
        );
        check(format!("1000 publications, cvgen / bare Typst: {:.3}× (target < 1.15×)", r.ratio()), r.ratio() < 1.15);
    }
    if let (Some(k), Some(big)) = (find("1000"), find("5000")) {
        let scale = big.process.as_secs_f64() / k.process.as_secs_f64();
        check(format!("5000 / 1000 publications, whole process: {scale:.2}× (target < 5.5×)"), scale < 5.5);
    }
    for f in floors {
        let Some(r) = find(&f.label) else { continue };
        if f.label == "1000" {
            let ratio = r.process.as_secs_f64() / f.floor_process.as_secs_f64();
            check(
                format!("1000 publications, whole process / floor template: {ratio:.2}× (target ≤ 1.9×)"),
                ratio <= 1.9,
            );
        }
        if f.label == "5000" {
            let ratio = r.peak_mib / f.bare_peak_mib;
            check(format!("5000 publications, peak / bare Typst's peak: {ratio:.2}× (target ≤ 1.15×)"), ratio <= 1.15);
        }
    }
    for e in edits {
        let (preview_target, pdf_target) = if e.label == "example" { (20, None) } else { (80, Some(200)) };
        check(
            format!("{}: save → preview updated {} ms (target ≤ {preview_target} ms)", e.label, millis(e.event)),
            e.event.as_millis() <= preview_target,
        );
        if let Some(target) = pdf_target {
            check(
                format!("{}: save → PDF written {} ms (target ≤ {target} ms)", e.label, millis(e.pdf)),
                e.pdf.as_millis() <= target,
            );
        }
    }
    if let Some(w) = watch {
        check(
            format!("watch rebuild after a one-entry edit at 1000: {} ms (target < 80 ms)\n     {w}", millis(w.total)),
            w.total.as_millis() < 80,
        );
    }
    out
}

// ----------------------------------------------------------------------------- bare Typst

/// The embedded fonts, loaded once, for the bare world.
struct BareFonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl BareFonts {
    fn load() -> Self {
        let fonts: Vec<Font> = typst_kit::fonts::embedded().map(|(font, _)| font).collect();
        let book = LazyHash::new(FontBook::from_infos(fonts.iter().map(|f| f.info().clone())));
        Self { book, fonts }
    }
}

/// The model's files by their paths (`/cv.json`, `/cv/outline.json`, `/cv/papers/0.json`, …).
type ModelData = std::collections::HashMap<String, Bytes>;

/// The least a Typst embedder needs: the template (parsed on first use), the model's files, fonts.
struct BareWorld<'a> {
    fonts: &'a BareFonts,
    main: FileId,
    source: OnceLock<Source>,
    data: ModelData,
}

impl<'a> BareWorld<'a> {
    fn new(fonts: &'a BareFonts, data: ModelData) -> Self {
        let main = cvgen::render::world::file_id("/classic.typ");
        Self { fonts, main, source: OnceLock::new(), data }
    }
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

impl World for BareWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let name = id.vpath().get_without_slash();
        let Some((_, text)) = cvgen::render::BUILTIN_FILES.iter().find(|(n, _)| *n == name) else {
            return Err(FileError::NotFound(name.into()));
        };
        if id != self.main {
            return Ok(Source::new(id, (*text).to_owned()));
        }
        Ok(self.source.get_or_init(|| Source::new(id, (*text).to_owned())).clone())
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_without_slash();
        self.data.get(&format!("/{path}")).cloned().ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<TypstDuration>) -> Option<Datetime> {
        Datetime::from_ymd(2025, 11, 29)
    }
}

// ------------------------------------------------------------------------------ inputs

/// A deterministic pseudo-random sequence (the inputs must be the same on every machine).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const GIVEN: &[&str] = &[
    "José",
    "Zoë",
    "Łukasz",
    "Anaïs",
    "Søren",
    "Jiří",
    "Ayşe",
    "Wei",
    "Hélène",
    "Mikael",
    "Ana",
    "Nikolaos",
    "Minh",
    "Ingrid",
    "Luca",
    "Sofía",
    "Raphaël",
    "Yuki",
    "Tomás",
    "Émile",
    "Priya",
    "Olúwásèun",
    "Björn",
    "Chloé",
];
const FAMILY: &[&str] = &[
    "García",
    "Müller",
    "Kowalski",
    "Nguyễn",
    "Østergaard",
    "Dvořák",
    "Çelik",
    "Zhang",
    "Smith",
    "O'Brien",
    "Šimić",
    "Fernández",
    "Lefèvre",
    "Björk",
    "Yılmaz",
    "Papadopoulos",
    "Chen",
    "Kim",
    "Ivanov",
    "Rossi",
    "Gómez",
    "Nowak",
    "Schäfer",
    "Andersson",
];
/// A few names the way BibTeX files often write them: LaTeX accents.
const LATEX_FAMILY: &[&str] = &["M{\\\"u}ller", "Garc{\\'\\i}a", "Lef{\\`e}vre", "Dvo{\\v{r}}{\\'a}k", "Sch{\\\"a}fer"];
const WORDS: &[&str] = &[
    "efficient",
    "scalable",
    "learning",
    "optimization",
    "photonic",
    "neural",
    "networks",
    "memory",
    "training",
    "inference",
    "sparse",
    "low-rank",
    "adaptive",
    "robust",
    "graph",
    "transformers",
    "hardware",
    "co-design",
    "quantization",
    "reasoning",
    "diffusion",
    "models",
    "accelerator",
    "provably",
    "convergent",
    "distributed",
    "systems",
    "compilers",
    "placement",
    "routing",
    "physics-informed",
    "simulation",
];
const ACRONYMS: &[&str] = &["{LLM}s", "{GPU}", "{FPGA}", "{RL}", "{SGD}", "{PDE}", "{AdamW}", "{CNN}"];
const VENUES: &[(&str, &str)] = &[
    ("Conference on Neural Information Processing Systems (NeurIPS)", "NeurIPS"),
    ("International Conference on Machine Learning (ICML)", "ICML"),
    ("International Conference on Learning Representations (ICLR)", "ICLR"),
    ("Conference on Machine Learning and Systems (MLSys)", "MLSys"),
    ("ACM/IEEE Design Automation Conference (DAC)", "DAC"),
    ("IEEE International Symposium on High-Performance Computer Architecture (HPCA)", "HPCA"),
    ("NeurIPS Workshop on Efficient Reasoning", "Workshop"),
];
const JOURNALS: &[(&str, &str)] = &[
    ("IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems", "TCAD"),
    ("Nature Communications", "Nat. Commun."),
    ("Journal of Machine Learning Research", "JMLR"),
    ("Optics Express", "Opt. Express"),
];

/// Writes `profile.yaml` and a `refs.bib` of `n` publications to `dir`.
fn generate(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("create the input folder");
    std::fs::write(dir.join("profile.yaml"), PROFILE).expect("write the profile");
    std::fs::write(dir.join("refs.bib"), bibliography(n)).expect("write the bibliography");
}

fn bibliography(n: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let mut out = String::from("% Synthetic bibliography generated by `cargo bench --bench scale`.\n\n");
    for i in 0..n {
        let year = 2025 - (i * 26 / n.max(1)) as i32;
        let owner_at = rng.below(10);
        let mut authors = Vec::new();
        for a in 0..10 {
            if a == owner_at {
                authors.push(if rng.chance(80) { "Lovelace, Ada".to_owned() } else { "Lovelace, A.".to_owned() });
            } else if rng.chance(8) {
                authors.push(format!("{}, {}", rng.pick(LATEX_FAMILY), rng.pick(GIVEN)));
            } else {
                authors.push(format!("{}, {}", rng.pick(FAMILY), rng.pick(GIVEN)));
            }
        }
        let mut title: Vec<&str> = (0..6 + rng.below(8)).map(|_| rng.pick(WORDS)).collect();
        title.insert(rng.below(title.len()), rng.pick(ACRONYMS));
        let mut title = title.join(" ");
        title[..1].make_ascii_uppercase();
        let key = format!("paper{i:05}");
        let mut fields = vec![
            ("author".to_owned(), authors.join(" and ")),
            ("title".to_owned(), title),
            ("year".to_owned(), year.to_string()),
        ];
        let mut roles = vec!["1=equal".to_owned(), "2=equal".to_owned()];
        if rng.chance(50) {
            roles.push("10=corresponding".to_owned());
        }
        fields.push(("author+an".to_owned(), roles.join("; ")));
        let kind = match rng.below(10) {
            0..=4 => {
                let (venue, abbr) = VENUES[rng.below(VENUES.len())];
                fields.push(("booktitle".to_owned(), venue.to_owned()));
                fields.push(("abbr".to_owned(), abbr.to_owned()));
                fields.push(("pages".to_owned(), format!("{}--{}", 100 + i, 112 + i)));
                "inproceedings"
            }
            5..=7 => {
                let (journal, abbr) = JOURNALS[rng.below(JOURNALS.len())];
                fields.push(("journal".to_owned(), journal.to_owned()));
                fields.push(("abbr".to_owned(), abbr.to_owned()));
                fields.push(("volume".to_owned(), (20 + rng.below(30)).to_string()));
                fields.push(("number".to_owned(), (1 + rng.below(12)).to_string()));
                fields.push(("pages".to_owned(), format!("{}--{}", 1000 + i, 1015 + i)));
                "article"
            }
            _ => {
                fields.push(("eprint".to_owned(), format!("{:02}{:02}.{:05}", year % 100, 1 + rng.below(12), i)));
                fields.push(("archiveprefix".to_owned(), "arXiv".to_owned()));
                "misc"
            }
        };
        if rng.chance(60) {
            fields.push(("doi".to_owned(), format!("10.1000/cvgen.{year}.{i}")));
        }
        if rng.chance(30) {
            fields.push(("code".to_owned(), format!("https://github.com/example/{key}")));
        }
        if rng.chance(15) {
            fields.push(("website".to_owned(), format!("https://example.org/projects/{key}/")));
        }
        if rng.chance(6) {
            fields.push(("award".to_owned(), "Best Paper Award".to_owned()));
            fields.push(("award_url".to_owned(), "https://example.org/awards".to_owned()));
        }
        if rng.chance(10) {
            fields.push(("note".to_owned(), "Oral presentation (top 2%)".to_owned()));
        }
        if rng.chance(10) {
            fields.push(("selected".to_owned(), "true".to_owned()));
        }
        let _ = writeln!(out, "@{kind}{{{key},");
        for (name, value) in fields {
            let _ = writeln!(out, "  {name} = {{{value}}},");
        }
        out.push_str("}\n\n");
    }
    out
}

const PROFILE: &str = r#"# Synthetic profile generated by `cargo bench --bench scale`.
name: Ada Lovelace
headline: Professor of Computer Science, Université de Genève
email: ada@example.org
website: https://example.org/ada/
github: ada-example
location: Genève, Switzerland
summary: >-
  I build efficient and scalable learning systems, from optimization theory to photonic
  hardware. This profile is synthetic: it exists to benchmark cvgen.
interests:
  - Efficient optimization for foundation models
  - Hardware-software co-design
education:
  - degree: Ph.D.
    area: Computer Science
    institution: École Polytechnique Fédérale de Lausanne
    start: 2008
    end: 2012
    advisors: [Prof. Zoë Müller, Prof. Jiří Dvořák]
  - degree: M.Sc.
    area: Mathematics
    institution: Universität Zürich
    date: 2008
experience:
  - position: Professor
    organization: Université de Genève
    start: 2018-09
    end: present
  - position: Research Scientist
    organization: Example Research Lab
    start: 2012-10
    end: 2018-08
    highlights:
      - Led the efficient-training effort
honors:
  - title: Best Paper Award
    organization: MLSys
    date: 2025
  - title: Early Career Award
    organization: Example Society
    date: 2021
  - title: Fellowship
    organization: Example Foundation
    start: 2009
    end: 2012
publications:
  bib: refs.bib
  owner: ["Ada Lovelace", "A. Lovelace"]
  group_by: type
  numbering: by_type
"#;
