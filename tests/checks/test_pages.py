from tests.conftest import checks, flat, read_rows
from validation.engine import validate

PAGE = "001_888f096fff14ae58.txt"


def facts_on_page(root):
    header, facts = read_rows(root / "facts" / "facts.csv")
    return sum(f[header.index("article_id")].startswith("A001-") for f in facts)


def test_tampered_seed_byte_is_caught(corpus_root):
    path = corpus_root / "seeds" / PAGE
    data = bytearray(path.read_bytes())
    data[data.index(b"416")] = ord("5")
    path.write_bytes(bytes(data))
    report = validate(corpus_root)
    (finding,) = report.by_check("page-checksum-mismatch")
    assert (finding.row, finding.column) == (PAGE, "sha256")
    assert f"its {facts_on_page(corpus_root)} facts" in finding.message
    assert ("F1071", "quote", "quote-not-in-article") in flat(report)


def test_missing_seed_is_reported_with_the_facts_it_strands(corpus_root):
    (corpus_root / "seeds" / PAGE).unlink()
    report = validate(corpus_root)
    (finding,) = report.by_check("seed-missing")
    assert finding.row == PAGE and f"{facts_on_page(corpus_root)} facts cite it" in finding.message
    # facts on the missing page are not each reported as misquoted: the one cause is named once
    assert not report.by_check("quote-not-in-article")
    assert checks(report) == {"seed-missing", "entity-name-not-found"}


def test_seed_without_a_pages_row_is_reported(corpus_root):
    (corpus_root / "seeds" / "005_new.txt").write_text("新的一版\n", encoding="utf-8")
    report = validate(corpus_root)
    assert ("005_new.txt", "file", "seed-unregistered") in flat(report)


def test_seed_that_is_not_utf8_is_reported(corpus_root):
    path = corpus_root / "seeds" / PAGE
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    report = validate(corpus_root)
    assert (PAGE, "file", "seed-not-utf8") in flat(report)
