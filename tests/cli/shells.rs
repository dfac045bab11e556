//! The completion scripts and man pages as the shells and groff read them, checked at the level of
//! their quoting (no shell is needed here; `tests/consumers.sh` runs `fish -n`, `zsh -n` and
//! `groff -ww` in CI): a `"` or a `(` in a value's help once ended fish's `-a "…"` string early
//! (`Unknown command` on sourcing, no values offered) and cut zsh's description, and a raw `…` in
//! a help text made `groff -ww` warn.

use crate::common::*;

fn completions(shell: &str) -> String {
    let out = cvgen(&root(), &["completions", shell]);
    assert!(out.status.success(), "{shell}: {}", stderr(&out));
    stdout(&out)
}

/// One `complete` command of a fish script, as fish tokenizes it: its words unquoted, and what
/// fish would expand in it (an unquoted `(`, a `$` outside single quotes), which a completion
/// never needs.
struct FishCommand {
    words: Vec<String>,
    expansions: Vec<String>,
}

/// Reads the command that starts at `text` up to its unquoted end of line, by fish's quoting
/// rules; `Err` when a quote is still open at the end of the script.
fn fish_command(text: &str) -> Result<(FishCommand, usize), String> {
    #[derive(PartialEq)]
    enum Q {
        None,
        Single,
        Double,
    }
    let mut q = Q::None;
    let (mut words, mut expansions, mut word, mut in_word) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match q {
            Q::None => match c {
                '\n' | ';' => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                    }
                    return Ok((FishCommand { words, expansions }, i + 1));
                }
                ' ' | '\t' => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                '\\' => {
                    in_word = true;
                    if let Some((_, next)) = chars.next() {
                        word.push(next);
                    }
                }
                '\'' => (q, in_word) = (Q::Single, true),
                '"' => (q, in_word) = (Q::Double, true),
                '(' | '$' => {
                    expansions.push(text[i..].lines().next().unwrap_or_default().to_owned());
                    (in_word, word) = (true, word + &c.to_string());
                }
                _ => (in_word, word) = (true, word + &c.to_string()),
            },
            Q::Single => match c {
                '\'' => q = Q::None,
                '\\' if matches!(chars.peek(), Some((_, '\'' | '\\'))) => word.push(chars.next().unwrap().1),
                _ => word.push(c),
            },
            Q::Double => match c {
                '"' => q = Q::None,
                '\\' if matches!(chars.peek(), Some((_, '"' | '$' | '\\' | '\n'))) => {
                    word.push(chars.next().unwrap().1)
                }
                '$' => {
                    expansions.push(text[i..].lines().next().unwrap_or_default().to_owned());
                    word.push(c);
                }
                _ => word.push(c),
            },
        }
    }
    if q != Q::None {
        return Err(format!("a quote is left open in {:?}", text.lines().next().unwrap_or_default()));
    }
    if in_word {
        words.push(word);
    }
    Ok((FishCommand { words, expansions }, text.len()))
}

/// fish's quoting of one single-quoted help (`'text'`, with `\'` and `\\`), and what follows it.
fn fish_single_quoted(text: &str) -> Option<(String, &str)> {
    let mut rest = text.strip_prefix('\'')?.char_indices();
    let mut out = String::new();
    while let Some((i, c)) = rest.next() {
        match c {
            '\'' => return Some((out, &text[i + 2..])),
            '\\' => out.push(rest.next()?.1),
            _ => out.push(c),
        }
    }
    None
}

#[test]
fn fish_completions_keep_every_value_and_help_in_one_string() {
    let script = completions("fish");
    let (mut at, mut commands) = (0, 0);
    let mut values = Vec::new();
    while at < script.len() {
        let rest = &script[at..];
        if !rest.starts_with("complete ") {
            at += rest.find('\n').map_or(rest.len(), |n| n + 1);
            continue;
        }
        let (command, used) = fish_command(rest).unwrap_or_else(|e| panic!("{e}"));
        at += used;
        commands += 1;
        assert!(command.expansions.is_empty(), "fish would expand {:?}", command.expansions);
        let words = &command.words;
        assert_eq!(words[0], "complete");
        for (i, word) in words.iter().enumerate() {
            // The options that take a value: condition, short, long, description, arguments.
            if !word.starts_with('-') || word.len() != 2 || !"nslda".contains(&word[1..]) {
                continue;
            }
            let value = words.get(i + 1).unwrap_or_else(|| panic!("`{word}` has no value in {words:?}"));
            assert!(!value.starts_with('-') || word == "-l" || word == "-s", "`{word}` lost its value in {words:?}");
            if word == "-a" && !value.starts_with('(') {
                // Each line: `value<TAB>'help'`, the help one single-quoted string to the end.
                for line in value.lines() {
                    let Some((name, help)) = line.split_once("\\t") else {
                        values.push(line.to_owned());
                        continue;
                    };
                    let (help, after) =
                        fish_single_quoted(help).unwrap_or_else(|| panic!("{name}: help not one string: {help:?}"));
                    assert!(after.is_empty(), "{name}: {after:?} after the help {help:?}");
                    values.push(name.to_owned());
                }
            }
        }
    }
    assert!(commands > 50, "{commands} `complete` commands in\n{script}");
    for value in ["csv", "markdown", "csl-json", "jsonresume", "a-2b", "bibtex", "biblatex"] {
        assert!(values.iter().any(|v| v == value), "`{value}` is not offered: {values:?}");
    }
}

#[test]
fn zsh_value_descriptions_are_whole() {
    let script = completions("zsh");
    let mut groups = 0;
    for (start, _) in script.match_indices(":((") {
        let body = &script[start + 3..];
        let body = &body[..body.find("))").expect("a closed `((…))`")];
        groups += 1;
        for item in body.lines() {
            // `name\:"description"`: the description one double-quoted string, nothing after it.
            let (name, description) = item.split_once("\\:\"").unwrap_or_else(|| panic!("{item:?}"));
            let inner = description.strip_suffix('"').unwrap_or_else(|| panic!("{name}: {description:?}"));
            let quotes = inner.match_indices('"').filter(|(i, _)| !inner[..*i].ends_with('\\')).count();
            assert_eq!(quotes, 0, "{name}: the description {inner:?} is cut at its quote");
        }
    }
    assert!(groups >= 5, "{groups} value lists with descriptions in\n{script}");
    assert!(script.contains("csv\\:\""), "{script}");
}

/// A POSIX shell script's quotes close (bash, zsh): every `'` and `"` opened is closed again.
fn posix_quotes_close(script: &str) -> Result<(), String> {
    let (mut single, mut double, mut line) = (false, false, 1);
    let mut chars = script.chars().peekable();
    let mut at_word_start = true;
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if single {
            single = c != '\'';
        } else if double {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => double = false,
                _ => {}
            }
        } else {
            match c {
                '\\' => {
                    chars.next();
                }
                '\'' => single = true,
                '"' => double = true,
                '#' if at_word_start => {
                    while chars.peek().is_some_and(|&c| c != '\n') {
                        chars.next();
                    }
                }
                _ => {}
            }
        }
        at_word_start = c.is_whitespace() || c == ';';
    }
    match (single, double) {
        (false, false) => Ok(()),
        _ => Err(format!("a quote is still open at line {line}")),
    }
}

/// PowerShell and elvish quote help as `'…'` with `''` for a quote: an even number on each line.
fn doubled_quotes_close(script: &str) -> Result<(), String> {
    for (n, line) in script.lines().enumerate() {
        let code = line.split_once(" # ").map_or(line, |(code, _)| code);
        if code.matches('\'').count() % 2 != 0 {
            return Err(format!("line {}: {line:?}", n + 1));
        }
    }
    Ok(())
}

#[test]
fn every_shell_script_closes_its_quotes() {
    for shell in ["bash", "zsh"] {
        posix_quotes_close(&completions(shell)).unwrap_or_else(|e| panic!("{shell}: {e}"));
    }
    for shell in ["powershell", "elvish"] {
        doubled_quotes_close(&completions(shell)).unwrap_or_else(|e| panic!("{shell}: {e}"));
    }
    // The checks themselves catch what broke fish and zsh.
    assert!(fish_command("complete -a \"csv\\t'a \"b (c)\" d'\"\n").is_ok_and(|(c, _)| !c.expansions.is_empty()));
    assert!(posix_quotes_close("x 'a\n").is_err());
}

/// Every man page: cvgen(1) and one per command.
fn man_pages() -> Vec<(String, String)> {
    let mut pages = vec![("cvgen".to_owned(), stdout(&cvgen(&root(), &["man"])))];
    for verb in ["pdf", "watch", "data", "bib", "check", "init", "schema", "completions", "man", "export", "coauthors"]
    {
        let out = cvgen(&root(), &["man", verb]);
        assert!(out.status.success(), "{verb}: {}", stderr(&out));
        pages.push((verb.to_owned(), stdout(&out)));
    }
    pages
}

#[test]
fn man_pages_are_plain_ascii_roff() {
    // groff reads its input as Latin-1 unless told otherwise: `-ww` warns on a raw `…`
    // (`can't find special character`), and a page shows it as mojibake.
    for (page, text) in man_pages() {
        for (n, line) in text.lines().enumerate() {
            let odd: String = line.chars().filter(|c| !c.is_ascii()).collect();
            assert!(odd.is_empty(), "cvgen-{page}(1) line {}: {odd:?} in {line:?}", n + 1);
        }
    }
}
