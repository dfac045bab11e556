//! Reading input files: the one place cvgen reads a profile or a bibliography from disk.
//!
//! Text must be UTF-8 (a byte-order mark is accepted and dropped). Anything else is refused with
//! the position of the first bad byte and a conversion command, never decoded by guesswork: a
//! garbled name in a job application is worse than an error. UTF-16 (what some Windows tools
//! save) is recognised and named. Line ends may be LF, CRLF or the old Mac's lone CR (read as LF,
//! byte for byte, so every position stays where it was). No input may be larger than
//! [`MAX_INPUT_BYTES`]: reading stops there, so `--bib /dev/zero` is an error, not a hang.
//!
//! With several profile files, [`base_dir`] says where each one's relative paths resolve from
//! (its own folder, as seen from the main profile's).

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Sources};

/// The largest input read: 128 MiB. The largest real bibliographies (whole journals' archives,
/// 10,000 entries) are a few megabytes; a CV's is a few hundred kilobytes.
pub const MAX_INPUT_BYTES: u64 = 128 * 1024 * 1024;

/// Reads `path` as UTF-8 text and registers it for diagnostics. `what` names the file's role
/// (`profile`, `bibliography`) in messages.
pub fn read_text(path: &Path, what: &str, sources: &mut Sources) -> Result<String, Diagnostic> {
    let cannot = |error: std::io::Error| {
        let reason = reason(&error);
        let hint = match what {
            "profile" => "run cvgen next to your profile.yaml, or pass `--profile FILE`",
            "bibliography" => "set `publications.bib` in the profile (relative to it), or pass `--bib FILE`",
            _ => "check the path",
        };
        Diagnostic::error(format!("cannot read {what} `{}`: {reason}", path.display())).hint(hint)
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(cannot(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(format!(
            "{what} `{}` is larger than {} MiB",
            path.display(),
            MAX_INPUT_BYTES >> 20
        ))
        .hint(format!("cvgen reads at most {} MiB; is this the right file?", MAX_INPUT_BYTES >> 20)));
    }
    decode(&bytes, path, sources)
}

/// The folder that relative paths written in a file in `dir` resolve from, as a path relative to
/// `main_dir` (the main profile's folder, from which the profile's paths are read): empty for the
/// same folder, the path of a folder inside it, else `dir` made absolute (from the current
/// folder, the one reading that looks at the system). `""` is the current folder.
pub fn base_dir(main_dir: &Path, dir: &Path) -> PathBuf {
    let plain = |path: &Path| -> PathBuf { path.components().filter(|c| !matches!(c, Component::CurDir)).collect() };
    let (main, dir) = (plain(main_dir), plain(dir));
    if main == dir {
        return PathBuf::new();
    }
    let up = |path: &Path| path.components().any(|c| matches!(c, Component::ParentDir));
    if let Ok(inside) = dir.strip_prefix(&main)
        && !up(&main)
        && !up(inside)
    {
        return inside.to_owned();
    }
    let absolute = if dir.as_os_str().is_empty() { std::env::current_dir() } else { std::path::absolute(&dir) };
    absolute.unwrap_or(dir)
}

/// Why a file could not be opened, in the words of messages (`file not found`), for the errors
/// users meet; other errors as the system says them.
pub fn reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => error.to_string(),
    }
}

/// Decodes UTF-8 (with or without BOM); reports the first invalid byte with its position, and
/// UTF-16 by name. A text whose lines end in a lone CR (old Mac files) reads as if they ended
/// in LF.
pub fn decode(bytes: &[u8], path: &Path, sources: &mut Sources) -> Result<String, Diagnostic> {
    if let Some(order) = utf16(bytes) {
        return Err(Diagnostic::error(format!("`{}` is UTF-16 ({order}), not UTF-8", path.display())).hint(format!(
            "convert it with `iconv -f UTF-16 -t UTF-8 {} > fixed && mv fixed {}`, or save it as UTF-8 in your editor",
            path.display(),
            path.display()
        )));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => match iso_2022_escape(body) {
            None => {
                let text = if text.contains('\r') && !text.contains('\n') {
                    std::borrow::Cow::Owned(text.replace('\r', "\n"))
                } else {
                    std::borrow::Cow::Borrowed(text)
                };
                sources.insert(path, &text);
                Ok(text.into_owned())
            }
            Some(at) => {
                // 7-bit ISO-2022-JP is valid UTF-8 byte for byte, but its text is unreadable
                // (`$B4A;z(B`); only its escape sequences give it away.
                let shown = text.replace('\x1b', "\u{241B}");
                sources.insert(path, &shown);
                let at = at + 2 * text[..at].matches('\x1b').count();
                Diagnostic::error(format!("`{}` is ISO-2022-JP, not UTF-8", path.display()))
                    .at(path, at..at + 5)
                    .label("ISO-2022-JP escape sequence (ESC shown as ␛)")
                    .hint(format!(
                        "convert it with `iconv -f ISO-2022-JP -t UTF-8 {} > fixed && mv fixed {}`",
                        path.display(),
                        path.display()
                    ))
                    .pipe(Err)
            }
        },
        Err(error) => {
            let at = error.valid_up_to();
            // Show the valid part as it is and every later non-ASCII byte as U+FFFD: decoding
            // the rest leniently would show accidental characters (GBK bytes that happen to form
            // UTF-8) that are not in the file.
            let mut shown = String::with_capacity(body.len() + 16);
            shown.push_str(std::str::from_utf8(&body[..at]).expect("valid up to `at`"));
            shown.extend(body[at..].iter().map(|&b| if b.is_ascii() { b as char } else { '\u{FFFD}' }));
            sources.insert(path, &shown);
            let bad = body[at];
            let guess = guess_encoding(body);
            Diagnostic::error(format!("`{}` is not UTF-8 (byte 0x{bad:02X})", path.display()))
                .at(path, at..at + 3)
                .label("first byte that is not UTF-8")
                .hint(format!(
                    "it looks like {guess}; convert it with `iconv -f {} -t UTF-8 {} > fixed && mv fixed {}`",
                    guess_iconv(guess),
                    path.display(),
                    path.display()
                ))
                .pipe(Err)
        }
    }
}

/// Whether `bytes` are UTF-16, and in which byte order: a byte-order mark, or (without one) a
/// NUL in every other byte of the start, as ASCII text in UTF-16 has.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    if nul_at(1) * 10 >= pairs * 9 {
        Some("little-endian")
    } else if nul_at(0) * 10 >= pairs * 9 {
        Some("big-endian")
    } else {
        None
    }
}

/// The offset of the first ISO-2022-JP escape sequence (`ESC $ @`, `ESC $ B`, `ESC $ ( D`,
/// `ESC ( B`, `ESC ( J`, `ESC ( I`), if any.
fn iso_2022_escape(bytes: &[u8]) -> Option<usize> {
    bytes.windows(3).position(|w| matches!(w, [0x1b, b'$', b'@' | b'B' | b'('] | [0x1b, b'(', b'B' | b'J' | b'I']))
}

fn guess_encoding(bytes: &[u8]) -> &'static str {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if bytes.windows(3).any(|w| w == b"\x1b$B" || w == b"\x1b(B") {
        "ISO-2022-JP"
    } else if high > 0 && double_byte_pairs(bytes) * 2 * 10 >= high * 8 {
        "GB18030/GBK (Chinese)"
    } else {
        "Windows-1252 (Western European)"
    }
}

/// Counts pairs of high bytes (both ≥ 0x81): Chinese GBK text is made of them, while Western
/// text in Windows-1252 has isolated high bytes between ASCII letters.
fn double_byte_pairs(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] >= 0x81 && bytes[i + 1] >= 0x40 && bytes[i + 1] != 0x7F && bytes[i + 1] >= 0x81 {
            count += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    count
}

fn guess_iconv(guess: &str) -> &'static str {
    match guess {
        "ISO-2022-JP" => "ISO-2022-JP",
        "GB18030/GBK (Chinese)" => "GB18030",
        _ => "CP1252",
    }
}

/// Small helper so a value can flow into a function in method position.
trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_named_with_a_working_command() {
        let mut s = Sources::default();
        let le: Vec<u8> = "\u{feff}@misc{k, title = {T}}\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le, Path::new("refs.bib"), &mut s).unwrap_err();
        assert_eq!(d.message, "`refs.bib` is UTF-16 (little-endian), not UTF-8");
        assert!(d.hints[0].starts_with("convert it with `iconv -f UTF-16 -t UTF-8 refs.bib"), "{:?}", d.hints);
        let be: Vec<u8> = "@misc{k, title = {T}}\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be, Path::new("refs.bib"), &mut s).unwrap_err();
        assert_eq!(d.message, "`refs.bib` is UTF-16 (big-endian), not UTF-8");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let mut s = Sources::default();
        let text = decode(b"@misc{a,\r title = {T}}\r@misc{b}", Path::new("old.bib"), &mut s).unwrap();
        assert_eq!(text, "@misc{a,\n title = {T}}\n@misc{b}");
        assert_eq!(s.line_column(Path::new("old.bib"), text.find("@misc{b").unwrap()), Some((3, 1)));
        let crlf = decode(b"a\r\nb", Path::new("crlf"), &mut s).unwrap();
        assert_eq!(crlf, "a\r\nb", "CRLF is left as it is");
    }

    #[test]
    fn inputs_have_a_size_limit() {
        if !Path::new("/dev/zero").exists() {
            return;
        }
        let mut s = Sources::default();
        let d = read_text(Path::new("/dev/zero"), "bibliography", &mut s).unwrap_err();
        assert_eq!(d.message, "bibliography `/dev/zero` is larger than 128 MiB");
    }

    #[test]
    fn relative_paths_of_a_later_file_resolve_from_its_folder() {
        assert_eq!(base_dir(Path::new("cv"), Path::new("./cv")), PathBuf::new());
        assert_eq!(base_dir(Path::new(""), Path::new("private")), PathBuf::from("private"));
        assert_eq!(base_dir(Path::new("cv"), Path::new("cv/private")), PathBuf::from("private"));
        let outside = base_dir(Path::new("cv"), Path::new("private"));
        assert!(outside.is_absolute() && outside.ends_with("private"), "{outside:?}");
        assert!(base_dir(Path::new("cv"), Path::new("")).is_absolute(), "the current folder, from `cv/`");
        assert_eq!(base_dir(Path::new("/a"), Path::new("/a/b")), PathBuf::from("b"));
    }

    #[test]
    fn bom_is_dropped() {
        let mut s = Sources::default();
        assert_eq!(decode(b"\xEF\xBB\xBFname: x", Path::new("p"), &mut s).unwrap(), "name: x");
    }

    #[test]
    fn cp1252_is_located() {
        let mut s = Sources::default();
        let d = decode(b"name: M\xFCller\n", Path::new("p.yaml"), &mut s).unwrap_err();
        assert_eq!(d.message, "`p.yaml` is not UTF-8 (byte 0xFC)");
        assert_eq!(d.location.unwrap().span.start, 7);
        assert!(d.hints[0].contains("iconv -f CP1252"), "{:?}", d.hints);
    }

    #[test]
    fn iso_2022_jp_is_caught_although_it_is_ascii() {
        let mut s = Sources::default();
        let d = decode(b"name: Ada\nnative_name: \x1b$B4A;z\x1b(B\n", Path::new("p.yaml"), &mut s).unwrap_err();
        assert_eq!(d.message, "`p.yaml` is ISO-2022-JP, not UTF-8");
        let span = d.location.unwrap().span;
        assert_eq!(&s.get(Path::new("p.yaml")).unwrap()[span], "␛$B");
        assert!(decode(b"plain \x1b text", Path::new("q"), &mut s).is_ok(), "a lone ESC is not ISO-2022-JP");
    }

    #[test]
    fn gbk_is_shown_without_accidental_characters() {
        let mut s = Sources::default();
        // GBK for 朱汉卿: its middle bytes happen to form the UTF-8 of `캺`.
        let d = decode(b"name: \xd6\xec\xba\xba\xc7\xe4\n", Path::new("p.yaml"), &mut s).unwrap_err();
        assert!(d.hints[0].contains("GB18030"), "{:?}", d.hints);
        assert_eq!(s.get(Path::new("p.yaml")).unwrap(), "name: \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\n");
    }

    #[test]
    fn line_of_bad_byte() {
        let (line, col) = crate::diag::line_column("a\nbc\u{FFFD}", 4);
        assert_eq!((line, col), (2, 3));
    }
}
