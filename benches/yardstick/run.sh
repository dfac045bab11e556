#!/usr/bin/env bash
# Yardstick: run the real BibTeX (plain.bst) -- and biber, and cvgen if asked --
# on every .bib file of a directory and print one summary line per file.
#
# usage: benches/yardstick/run.sh [DIR]        (default: the cases/ next to this script)
#
# env:
#   BIBER=0            skip biber even when it is installed (it is slow: ~1 s per file)
#   CVGEN=path         also run `$CVGEN bib --bib FILE --keep-private` on each file
#   CVGEN_PROFILE=f    pass `--profile f` to cvgen (else cvgen's default, ./profile.yaml)
#   KEEP=dir           keep every work dir (.aux/.bbl/.blg/stdout, biber's output) under dir
#   CASE_KEY=k         the key whose presence is reported as k_in_bbl (default: k)
#
# Per file it prints
#   NAME: exit=N errors=N warnings=N entries_in_bbl=N k_in_bbl=yes|no
#     bibtex: <first error message, or first warning, verbatim>
#     biber:  exit=N warn=N error=N entries_out=N k_out=yes|no  <first ERROR/WARN line>
#     cvgen:  exit=N k_out=yes|no
# bibtex's exit code (TeX Live 2022): 0 = clean or warnings only, 2 = error(s), 3 = fatal.
# `errors` is bibtex's own "(There were N error messages)" count; `warnings` counts the
# "Warning--" lines (bibtex stops counting warnings in its summary once an error occurred).
#
# The script installs nothing. Without bibtex it says how to get it and exits 0.

set -u

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/cases}
# The cases are generated (two of them are 1 MiB): make them when the default folder is absent.
if [ -z "${1:-}" ] && [ ! -d "$dir" ]; then
    python3 "$here/gen_cases.py" || exit 1
fi
key=${CASE_KEY:-k}
apt_line='apt-get update && apt-get install -y --no-install-recommends texlive-binaries texlive-base biber'

if ! command -v bibtex >/dev/null 2>&1 || ! kpsewhich plain.bst >/dev/null 2>&1; then
    echo "yardstick: bibtex (with plain.bst) is not installed; nothing was run."
    echo "yardstick: install it (Debian, as root, ~50 s, ~170 MB) with:"
    echo "    $apt_line"
    exit 0
fi
use_biber=1
if [ "${BIBER:-1}" = 0 ]; then
    use_biber=0
elif ! command -v biber >/dev/null 2>&1; then
    use_biber=0
    echo "yardstick: biber is not installed, skipping it (install: $apt_line)"
fi
if [ -n "${CVGEN:-}" ] && [ ! -x "$CVGEN" ]; then
    echo "yardstick: CVGEN=$CVGEN is not an executable; skipping cvgen"
    CVGEN=
fi

shopt -s nullglob
files=("$dir"/*.bib)
if [ ${#files[@]} -eq 0 ]; then
    echo "yardstick: no .bib files in $dir"
    exit 0
fi

if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"
    work=$(cd "$KEEP" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/yardstick.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
invoked_from=$(pwd)

# First error of a bibtex stdout: the first line that is not the banner, a warning
# (with its "--line N" / "refers to entry" tail), a " : " context line, a recovery note
# or the summary; joined with the next line when the message goes on there
# (e.g. "A bad cross reference---entry "k"" + "refers to entry ...").
first_error() {
    awk '
        /^(This is BibTeX|The top-level auxiliary file|The style file|Database file #)/ { next }
        /^Warning--/ { inwarn = 1; next }
        inwarn && (/^--line / || /^refers to entry/) { next }
        { inwarn = 0 }
        /^ : / || /^\(There w/ || /^I.m skipping/ || /^\(Error may/ { if (found) exit; next }
        { if (!found) { msg = $0; found = 1; if ($0 ~ /---line [0-9]+ of file/) exit; next }
          msg = msg " " $0; exit }
        END { if (found) print msg }' "$1"
}

# First warning, joined with its "--line N of file" or "refers to entry" tail.
first_warning() {
    awk '
        found && (/^--line / || /^refers to entry/) { msg = msg " " $0; exit }
        found { exit }
        /^Warning--/ { msg = $0; found = 1 }
        END { if (found) print msg }' "$1"
}

# Keys of the entries a BibTeX-like text holds (@type{key, / @type(key, / @type{key}).
entry_keys() {
    grep -a -o -i -E '^@[a-z]+[[:space:]]*[{(][^,})[:space:]]*' "$1" 2>/dev/null |
        grep -v -i -E '^@(preamble|string|comment)' | sed -E 's/^@[A-Za-z]+[[:space:]]*[{(]//'
}

for f in "${files[@]}"; do
    name=$(basename "$f" .bib)
    d=$work/$name
    rm -rf "$d"
    mkdir -p "$d"
    cp "$f" "$d/$name.bib"
    printf '\\citation{*}\n\\bibdata{%s}\n\\bibstyle{plain}\n' "$name" >"$d/$name.aux"

    (cd "$d" && timeout 300 bibtex "$name" >bibtex.out 2>&1)
    rc=$?
    errors=$(sed -n -E 's/^\(There (was|were) ([0-9]+) error messages?\)$/\2/p' "$d/bibtex.out")
    errors=${errors:-0}
    warnings=$(grep -a -c '^Warning--' "$d/bibtex.out")
    if [ -f "$d/$name.bbl" ]; then
        entries=$(grep -a -c '^\\bibitem' "$d/$name.bbl")
        if grep -a -q -F "\\bibitem{$key}" "$d/$name.bbl"; then kin=yes; else kin=no; fi
    else
        entries=0
        kin=no
    fi
    echo "$name: exit=$rc errors=$errors warnings=$warnings entries_in_bbl=$entries k_in_bbl=$kin"
    msg=
    [ "$errors" != 0 ] && msg=$(first_error "$d/bibtex.out")
    [ -z "$msg" ] && msg=$(first_warning "$d/bibtex.out")
    [ -n "$msg" ] && echo "  bibtex: $msg"

    if [ $use_biber = 1 ]; then
        mkdir -p "$d/biber"
        cp "$f" "$d/biber/$name.bib"
        (cd "$d/biber" && timeout 300 biber --tool --validate-datamodel "$name.bib" >biber.out 2>&1)
        brc=$?
        bwarn=$(grep -a -c '^WARN - ' "$d/biber/biber.out")
        berr=$(grep -a -c '^ERROR - ' "$d/biber/biber.out")
        out=$d/biber/${name}_bibertool.bib
        if [ -f "$out" ]; then
            bent=$(entry_keys "$out" | grep -c .)
            if entry_keys "$out" | grep -q -x -F "$key"; then bk=yes; else bk=no; fi
        else
            bent=0
            bk=no
        fi
        bfirst=$(grep -a -m1 -E '^(ERROR|WARN) - ' "$d/biber/biber.out" | sed -E 's#/tmp/biber_tmp_[^ ]*\.utf8#<tmp>#')
        echo "  biber:  exit=$brc warn=$bwarn error=$berr entries_out=$bent k_out=$bk  $bfirst"
    fi

    if [ -n "${CVGEN:-}" ]; then
        abs=$(cd "$(dirname "$f")" && pwd)/$(basename "$f")
        prof=()
        [ -n "${CVGEN_PROFILE:-}" ] && prof=(--profile "$CVGEN_PROFILE")
        (cd "$invoked_from" && timeout 300 "$CVGEN" bib "${prof[@]}" --bib "$abs" --keep-private \
            >"$d/cvgen.out" 2>"$d/cvgen.err")
        crc=$?
        if entry_keys "$d/cvgen.out" | grep -q -x -F "$key"; then ck=yes; else ck=no; fi
        echo "  cvgen:  exit=$crc k_out=$ck  $(grep -a -m1 -i -E 'error|warning' "$d/cvgen.err")"
    fi
done
[ -n "${KEEP:-}" ] && echo "yardstick: work files kept in $work"
exit 0
