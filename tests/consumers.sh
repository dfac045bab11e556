#!/usr/bin/env bash
# The consumers check: each output of cvgen handed to the program that reads it, as a user's own
# tools would (docs/consumers.md says what each one checks). Run by .ci/run after `cargo test`,
# over the binary that `cargo test` built (target/debug/cvgen, or under $CARGO_TARGET_DIR), on the
# example CV and the large fixture (tests/fixtures/stress). Fails on any rejection.
#
# Installs the consumers a machine lacks from Debian (fish, zsh, groff, bibtex, pandoc, a Java runtime for the
# W3C validator), npm (ajv-cli, vnu-jar) and PyPI (check-jsonschema); needs root and apt-get on a
# fresh Debian machine, or the tools already on PATH (CONSUMERS_NO_INSTALL=1 skips installing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$SECONDS

# Pinned versions (npm and PyPI; Debian's come from its stable release).
AJV_CLI=5.0.0
AJV_FORMATS=3.0.1
VNU_JAR=26.9.27
CHECK_JSONSCHEMA=0.39.0

cvgen="${CARGO_TARGET_DIR:-$root/target}/debug/cvgen"
case "$cvgen" in /*) ;; *) cvgen="$root/$cvgen" ;; esac
if [ ! -x "$cvgen" ]; then
  echo "error: no binary at $cvgen; run \`cargo test\` first (it builds it)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools="${CONSUMERS_TOOLS:-$work/tools}"
mkdir -p "$tools"

step() { printf '== %s (%ss)\n' "$1" "$((SECONDS - started))"; }
# A rejection is reported and the check goes on, so one run lists every rejection; the script
# fails at the end if there was any.
failures=0
fail() {
  echo "consumers: REJECTED: $*" >&2
  failures=$((failures + 1))
}

# ---- installs ----
if [ -z "${CONSUMERS_NO_INSTALL:-}" ]; then
  step "installing consumers"
  # As root (this project's CI); elsewhere (a GitHub runner) through sudo.
  sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  # Debian's packages for the commands this machine lacks (a machine may have its own node).
  packages=()
  need() { command -v "$1" >/dev/null || packages+=("${@:2}"); }
  need fish fish
  need zsh zsh
  need groff groff-base
  need bibtex texlive-binaries
  need pandoc pandoc
  need java default-jre-headless
  need npm nodejs npm
  need python3 python3
  command -v kpsewhich >/dev/null && kpsewhich plain.bst >/dev/null || packages+=(texlive-base)
  python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
  if [ "${#packages[@]}" -gt 0 ]; then
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
  npm install --silent --no-audit --no-fund --prefix "$tools/npm" \
    "ajv-cli@$AJV_CLI" "ajv-formats@$AJV_FORMATS" "vnu-jar@$VNU_JAR" >/dev/null
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install -q --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA"
fi
export PATH="$tools/npm/node_modules/.bin:$tools/venv/bin:$PATH"
vnu="$tools/npm/node_modules/vnu-jar/build/dist/vnu.jar"

# ---- inputs: the example CV and the large fixture (200 entries),
# and URLs as real bibliographies write them (several in one field, a DOI with `<` `>`).
cases=("$root" "$root/tests/fixtures/stress" "$root/tests/fixtures/export/urls")

# ---- JSON Schema of profile.yaml: check-jsonschema and ajv, as editors' validators ----
step "cvgen schema: check-jsonschema, ajv"
"$cvgen" schema >"$work/profile.schema.json"
check-jsonschema --check-metaschema "$work/profile.schema.json" ||
  fail "check-jsonschema refuses the schema"
check-jsonschema --schemafile "$work/profile.schema.json" \
  "$root/profile.yaml" "$root/tests/fixtures/stress/profile.yaml" "$root/src/cmd/init/profile.yaml" ||
  fail "check-jsonschema: a profile does not validate"
ajv compile --spec=draft2020 --strict=false -c ajv-formats -s "$work/profile.schema.json" >/dev/null ||
  fail "ajv refuses the schema"
for profile in "$root/profile.yaml" "$root/tests/fixtures/stress/profile.yaml"; do
  ajv validate --spec=draft2020 --strict=false -c ajv-formats -s "$work/profile.schema.json" -d "$profile" ||
    fail "ajv: $profile does not validate"
done

# ---- JSON Resume export: the JSON Resume schemas (draft-04 and draft-07) ----
step "cvgen export --format jsonresume: check-jsonschema, ajv"
for dir in "${cases[@]}"; do
  out="$work/resume-$(basename "$dir").json"
  (cd "$dir" && "$cvgen" -q export --format jsonresume -o "$out")
  for schema in tests/fixtures/export/jsonresume-schema.json tests/fixtures/jsonresume/schema.json; do
    check-jsonschema --schemafile "$root/$schema" "$out" || fail "$out against $schema"
  done
  ajv validate --spec=draft7 --strict=false -c ajv-formats -s "$root/tests/fixtures/jsonresume/schema.json" -d "$out" ||
    fail "ajv: $out against the JSON Resume schema"
done

# ---- HTML export: the W3C Nu HTML Checker ----
step "cvgen export --format html: vnu"
pages=()
for dir in "${cases[@]}"; do
  out="$work/cv-$(basename "$dir").html"
  (cd "$dir" && "$cvgen" -q export --format html -o "$out")
  pages+=("$out")
done
java -jar "$vnu" --errors-only --stdout "${pages[@]}" >"$work/vnu.txt" 2>&1 || {
  cat "$work/vnu.txt" >&2
  fail "the W3C validator rejects the HTML"
}

# ---- A large real bibliography: TUGboat's (Nelson Beebe's tugboat.bib, 4,846 entries, from
# Debian's texlive-bibtex-extra), exported for the web and judged by the same validators ----
step "a large real bibliography (TUGboat): JSON Resume schemas, vnu"
big="$tools/tugboat"
mkdir -p "$big"
if [ ! -f "$big/tugboat.bib" ]; then
  (cd "$big" && apt-get -q download texlive-bibtex-extra >/dev/null 2>&1) &&
    dpkg-deb --fsys-tarfile "$big"/texlive-bibtex-extra_*.deb |
    tar -x -O ./usr/share/texlive/texmf-dist/bibtex/bib/beebe/tugboat.bib >"$big/tugboat.bib" &&
    rm -f "$big"/texlive-bibtex-extra_*.deb
fi
if [ -s "$big/tugboat.bib" ]; then
  printf 'name: Barbara Beeton\npublications:\n  bib: tugboat.bib\n  owner: Barbara Beeton\n' >"$big/profile.yaml"
  (cd "$big" && "$cvgen" -q export --format jsonresume -o "$work/resume-tugboat.json" 2>/dev/null) ||
    fail "cvgen cannot export tugboat.bib as JSON Resume"
  (cd "$big" && "$cvgen" -q export --format html -o "$work/cv-tugboat.html" 2>/dev/null) ||
    fail "cvgen cannot export tugboat.bib as HTML"
  for schema in tests/fixtures/export/jsonresume-schema.json tests/fixtures/jsonresume/schema.json; do
    check-jsonschema --schemafile "$root/$schema" "$work/resume-tugboat.json" || fail "tugboat's JSON Resume against $schema"
  done
  java -jar "$vnu" --errors-only --stdout "$work/cv-tugboat.html" >"$work/vnu-tugboat.txt" 2>&1 || {
    head -40 "$work/vnu-tugboat.txt" >&2
    fail "the W3C validator rejects tugboat's HTML"
  }
else
  fail "could not fetch tugboat.bib from Debian's texlive-bibtex-extra"
fi

# ---- BibTeX export: bibtex 0.99d with plain.bst, no warning the input did not have ----
step "cvgen bib: bibtex"
# bibtex on `bib` with the plain style and every entry; prints its warnings, one per line.
bibtex_warnings() {
  local dir=$1 bib=$2
  mkdir -p "$dir"
  cp "$bib" "$dir/refs.bib"
  printf '\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n' >"$dir/job.aux"
  (cd "$dir" && bibtex -terse job >/dev/null 2>&1) || true
  grep -q 'error message' "$dir/job.blg" && {
    cat "$dir/job.blg" >&2
    return 1
  }
  grep '^Warning--' "$dir/job.blg" | sort -u || true
}
bib_cases=("$root" "$root/tests/fixtures/stress" "$root/tests/fixtures/bib/dialect")
for dir in "${bib_cases[@]}"; do
  name=$(basename "$dir")
  input=$(ls "$dir"/*.bib | head -n 1)
  profile=()
  [ -f "$dir/profile.yaml" ] && profile=(--profile "$dir/profile.yaml")
  "$cvgen" -q bib "${profile[@]}" --bib "$input" -o "$work/$name-out.bib"
  if ! bibtex_warnings "$work/bibtex-$name-out" "$work/$name-out.bib" >"$work/$name-out.warn"; then
    fail "bibtex cannot read the export of $input"
    continue
  fi
  bibtex_warnings "$work/bibtex-$name-in" "$input" >"$work/$name-in.warn" || true
  if new=$(comm -23 "$work/$name-out.warn" "$work/$name-in.warn") && [ -n "$new" ]; then
    echo "$new" >&2
    fail "bibtex warns on the export of $input where it did not on the input"
  fi
  entries=$(grep -c '^@[A-Za-z]' "$work/$name-out.bib" || true)
  strings=$(grep -ci '^@string' "$work/$name-out.bib" || true)
  items=$(grep -c '^\\bibitem' "$work/bibtex-$name-out/job.bbl" || true)
  [ "$items" -eq "$((entries - strings))" ] || fail "bibtex read $items of $((entries - strings)) entries of $input's export"
done

# ---- CSL-JSON export: pandoc's citeproc ----
step "cvgen export --format csl-json: pandoc --citeproc"
for dir in "${cases[@]}" "$root/tests/fixtures/export/csl"; do
  out="$work/csl-$(basename "$dir").json"
  (cd "$dir" && "$cvgen" -q export --format csl-json -o "$out")
  count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$out")
  printf -- '---\nnocite: "@*"\n---\n' |
    pandoc --citeproc --bibliography="$out" -f markdown -t plain -o "$work/refs.txt" 2>"$work/pandoc.err" ||
    fail "pandoc refuses $out: $(cat "$work/pandoc.err")"
  if [ -s "$work/pandoc.err" ]; then
    cat "$work/pandoc.err" >&2
    fail "pandoc warns on $out"
  fi
  printed=$(grep -c . "$work/refs.txt" || true)
  [ "$printed" -ge "$count" ] || fail "pandoc printed $printed lines for $count items of $out"
done

# ---- completions: the shells themselves ----
step "cvgen completions: fish, zsh, bash"
"$cvgen" completions fish >"$work/cvgen.fish"
fish --no-execute "$work/cvgen.fish" || fail "fish cannot parse the completions"
offered=$(fish -c "source $work/cvgen.fish; complete -C 'cvgen coauthors --format '" 2>&1)
for value in csv markdown; do
  grep -q "^$value" <<<"$offered" || fail "fish offers no \`$value\` for coauthors --format: $offered"
done
offered=$(fish -c "source $work/cvgen.fish; complete -C 'cvgen export --format '" 2>&1)
for value in jsonresume markdown html csl-json hayagriva; do
  grep -q "^$value" <<<"$offered" || fail "fish offers no \`$value\` for export --format: $offered"
done
"$cvgen" completions zsh >"$work/_cvgen"
zsh -n "$work/_cvgen" || fail "zsh cannot parse the completions"
"$cvgen" completions bash >"$work/cvgen.bash"
bash -n "$work/cvgen.bash" || fail "bash cannot parse the completions"

# ---- man pages: groff -ww ----
step "cvgen man: groff -ww"
for page in "" pdf watch data bib check init schema completions man export coauthors; do
  # shellcheck disable=SC2086
  "$cvgen" man $page >"$work/page.1"
  groff -ww -man -Tutf8 -z "$work/page.1" 2>"$work/groff.err" || fail "groff fails on cvgen man $page"
  if [ -s "$work/groff.err" ]; then
    cat "$work/groff.err" >&2
    fail "groff -ww warns on cvgen man $page"
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "consumers: $failures rejection(s) in $((SECONDS - started)) s" >&2
  exit 1
fi
echo "consumers: every output accepted, in $((SECONDS - started)) s"
