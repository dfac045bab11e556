#!/usr/bin/env python3
"""Regenerate the yardstick .bib cases into ./cases (next to this script).

Each case holds the entry under test (key `k`, unless the key itself is the
case) followed by a clean control entry `ok`, so one can see whether a problem
in `k` spills over into the entries after it.  Line numbers in README.md refer
to the files exactly as written here.  Run:  python3 gen_cases.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

OK = """@misc{ok,
  author = {Olga Control},
  title = {Control Entry},
  year = {2001},
}
"""

XAMPL_PREAMBLE = r'''@preamble{ "\newcommand{\noopsort}[1]{} "
        # "\newcommand{\printfirst}[2]{#1} "
        # "\newcommand{\singleletter}[1]{#1} "
        # "\newcommand{\switchargs}[2]{#2#1} " }
'''


def entry(*fields, key="k", typ="misc"):
    body = "".join("  %s,\n" % f for f in fields)
    return "@%s{%s,\n%s}\n" % (typ, key, body)


def std(*extra, key="k", typ="misc", author="{Alice Author}", title="{Case Title}", year="{2020}"):
    f = []
    if author is not None:
        f.append("author = " + author)
    if title is not None:
        f.append("title = " + title)
    if year is not None:
        f.append("year = " + year)
    f.extend(extra)
    return entry(*f, key=key, typ=typ)


CASES = {}


def case(name, text, mode="text"):
    CASES[name] = (text, mode)


# --- month -----------------------------------------------------------------
case("month_june_1998", std("month = {June 1998}") + "\n" + OK)
case("month_spring_2020", std("month = {Spring 2020}") + "\n" + OK)
case("month_fall_2019", std("month = {Fall 2019}") + "\n" + OK)
case("month_1_2020", std("month = {1 2020}") + "\n" + OK)
case("month_concat_jun", std("month = jun # { 1998}") + "\n" + OK)
case("month_arabic_indic_3", std("month = {\u0663}") + "\n" + OK)
case("month_vulgar_half", std("month = {\u00bd}") + "\n" + OK)
# --- date / year -----------------------------------------------------------
case("date_arabic_indic_day", std("date = {2020-01-\u0663}", year=None) + "\n" + OK)
case("year_dash_2020", std(year="{- 2020}") + "\n" + OK)
case("year_noopsort", XAMPL_PREAMBLE + "\n" + std(year='"{\\noopsort{1973a}}1972"') + "\n" + OK)
case("year_bare_number", std(year="2020") + "\n" + OK)
case("year_bare_word", std(year="twenty") + "\n" + OK)
# --- title / values --------------------------------------------------------
case("title_quoted_in_braces", std(title='"{A "quoted" word}"') + "\n" + OK)
case("title_quoted_unbraced", std(title='"A "quoted" word"') + "\n" + OK)
case("title_unpaired_dollar", std(title="{Cost in $ per unit}") + "\n" + OK)
case("undefined_macro", std("journal = jmrl", typ="article") + "\n" + OK)
case("error_then_at_in_value",
     '@misc{k,\n  author = {Alice Author},\n  title = "A "quoted" word",\n  note = {mail a@b.org},\n  year = {2020},\n}\n\n' + OK)
case("empty_value", std("note = {}") + "\n" + OK)
case("percent_in_value", std(title="{50% Off: A Study}") + "\n" + OK)
case("nested_braces_200", std(title="{" + "{" * 200 + "Deep" + "}" * 200 + "}") + "\n" + OK)
MB = ("word " * 209716)[:1048576]   # exactly 1 MiB, no newline
case("value_1mb_note", std("note = {" + MB + "}") + "\n" + OK)
case("value_1mb_title", std(title="{" + MB + "}") + "\n" + OK)
# --- structure -------------------------------------------------------------
case("stray_fields_after_close",
     "@misc{k,\n  author = {Alice Author},\n  title = {Case Title}},\n  year = {2020},\n  note = {after},\n}\n\n" + OK)
case("preamble_concat", '@preamble{ "a" # "b" }\n\n' + std() + "\n" + OK)
case("preamble_xampl", XAMPL_PREAMBLE + "\n" + std() + "\n" + OK)
case("dup_key", std(title="{First Copy}") + "\n" + std(title="{Second Copy}") + "\n" + OK)
case("dup_key_case", std(key="Zhu2024", title="{Upper Zhu}") + "\n" + std(key="zhu2024", title="{Lower Zhu}") + "\n" + OK)
case("dup_field", std("title = {Second Title}", title="{First Title}") + "\n" + OK)
case("key_special_chars", std(key="DBLP:conf/nips/Zhu0ZP24") + "\n" + std(key="a+b.c-d_e") + "\n" + OK)
case("key_left_brace", std(key="k{x") + "\n" + OK)
case("comment_unbalanced_brace", "@comment{ this { brace is never closed }\n\n" + std() + "\n" + OK)
case("percent_comment_between_fields",
     "@misc{k,\n  author = {Alice Author},\n  % title = {Commented Out},\n  title = {Real Title},\n  year = {2020},\n}\n\n" + OK)
case("no_fields_bare", "@misc{k}\n\n" + OK)
case("no_fields_comma", "@misc{k,}\n\n" + OK)
case("paren_delimiters", '@article(k, title = "x")\n\n' + OK)
case("whitespace_before_brace", "@article \n  {k,\n  author = {Alice Author},\n  title = {Case Title},\n  journal = {J},\n  year = {2020},\n}\n\n" + OK)
case("crossref_missing", std("crossref = {nothere}") + "\n" + OK)
case("crossref_cycle", std("crossref = {k2}") + "\n" + std("crossref = {k}", key="k2", title="{Second}") + "\n" + OK)
# --- file level ------------------------------------------------------------
case("cr_only_line_endings", (std("month = jun") + "\n" + OK).replace("\n", "\r"))
case("cr_only_with_error", (std(title='"A "quoted" word"') + "\n" + OK).replace("\n", "\r"))
case("crlf_with_error", (std(title='"A "quoted" word"') + "\n" + OK).replace("\n", "\r\n"))
case("utf16le_bom", "\ufeff" + std() + "\n" + OK, mode="utf16le")
case("csl_json", json.dumps([{"id": "k", "type": "article-journal", "title": "Case Title",
                               "author": [{"family": "Author", "given": "Alice"}],
                               "issued": {"date-parts": [[2020]]}}], indent=2) + "\n")
case("empty_file", "")
case("only_comments", "% just a comment\n% another comment\n\nfree text outside entries is a comment too\n")

os.makedirs(OUT, exist_ok=True)
for name, (text, mode) in CASES.items():
    path = os.path.join(OUT, name + ".bib")
    if mode == "utf16le":
        data = text.encode("utf-16-le")   # BOM included as U+FEFF in text
    else:
        data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
print("wrote %d cases to %s" % (len(CASES), OUT))
