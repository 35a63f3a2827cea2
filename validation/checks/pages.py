"""Seed integrity: every page in ``seeds/`` is registered, present, unchanged and UTF-8."""

from __future__ import annotations

from collections import Counter

from validation.corpus import SEEDS_DIR, Corpus
from validation.findings import Check, Finding
from validation.schemas.pages import is_bare_file_name

#: The checks this family reports.
CHECKS = (
    Check("seed-missing",
          "A page listed in pages.csv is not in seeds/.",
          hint="restore the page byte for byte, or remove its rows"),
    Check("seed-unregistered",
          "A file in seeds/ has no row in pages.csv.",
          hint=("add a row with its file name, sha256 and description (python -m validation "
                "add-page)")),
    Check("page-checksum-mismatch",
          "A page's bytes no longer match its recorded sha256.",
          hint="seeds are never edited: restore the original bytes; a new edition is a new page"),
    Check("seed-not-utf8",
          "A page is not UTF-8 text.",
          hint="convert the page to UTF-8"),
)


def run(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("pages", "file", "sha256"):
        return []
    pages = corpus.tables["pages"]
    facts_per_page = _facts_per_page(corpus)
    findings = []
    registered = set()
    for index, row in pages.rows():
        file, expected = row["file"], row["sha256"]
        if file is None or not is_bare_file_name(file):
            continue  # reported by the schema (missing-value, unsafe-file-name)
        registered.add(file)
        page = corpus.page(file)
        affected = facts_per_page.get(file, 0)
        if page is None and file in corpus.not_regular:
            findings.append(not_regular_seed(file, corpus.not_regular[file], pages.location(index)))
            continue
        if page is None:
            findings.append(Finding(
                "seed-missing", f"{SEEDS_DIR}/{file} does not exist; {affected} facts cite it "
                "and cannot be verified", table="pages", row=file, column="file",
                found="no such file", location=pages.location(index),
                hint=f"restore {SEEDS_DIR}/{file} (byte for byte) or remove its rows"))
            continue
        if expected is not None and page.sha256 != expected:
            findings.append(Finding(
                "page-checksum-mismatch",
                f"{SEEDS_DIR}/{file} has changed since it was registered; its {affected} facts "
                "must be re-verified against the new text", table="pages", row=file,
                column="sha256", expected=expected, found=page.sha256,
                location=pages.location(index),
                hint="seeds are never edited: restore the original bytes; a new edition of a "
                     "page is a new page, added under a new file name with its own rows"))
        if page.text is None:
            findings.append(Finding(
                "seed-not-utf8", f"{SEEDS_DIR}/{file} is not UTF-8 text; its quotes cannot be "
                "checked", table="pages", row=file, column="file",
                location=f"{SEEDS_DIR}/{file}", hint="convert the page to UTF-8"))
    findings.extend(unregistered_seeds(corpus, registered))
    return findings


def unregistered_seeds(corpus: Corpus, registered: set[str]) -> list[Finding]:
    """The entries of ``seeds/`` that pages.csv does not register: none of their numbers is
    scanned, so coverage cannot see them."""
    findings = []
    for file, kind in corpus.seed_entries():
        if kind != "a regular file" and file not in registered:
            findings.append(not_regular_seed(file, kind, f"{SEEDS_DIR}/{file}"))
    for file in corpus.seed_files():
        if file not in registered:
            findings.append(Finding(
                "seed-unregistered", f"{SEEDS_DIR}/{file} has no row in pages.csv",
                table="pages", row=file, column="file", location=f"{SEEDS_DIR}/{file}",
                hint="add a row with its file name, sha256 and description"))
    return findings


def not_regular_seed(file: str, kind: str, location: str) -> Finding:
    """A seed that is a link, a folder, a FIFO or a device: never read through."""
    return Finding(
        "not-a-regular-file", f"{SEEDS_DIR}/{file} is {kind}; seeds are regular files, so it was "
        "not read", table="pages", row=file, column="file", found=kind, location=location,
        hint=f"replace {SEEDS_DIR}/{file} with the page itself (a copy of the file, not a link), "
             f"or remove it")


def _facts_per_page(corpus: Corpus) -> Counter[str]:
    if not (corpus.has_columns("facts", "article_id")
            and corpus.has_columns("articles", "article_id", "file")):
        return Counter()
    articles = corpus.tables["articles"].frame
    page_of = dict(zip(articles["article_id"], articles["file"], strict=True))
    return Counter(str(page_of.get(a)) for a in corpus.tables["facts"].frame["article_id"])
