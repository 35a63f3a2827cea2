"""Traceability: every quote is printed in the article it cites, every figure or date in its
quote, and every name, title, byline and date quote in the pages. Matches are reported as
file:line:column.

Where each quoting row is printed is the model's (:mod:`validation.model.placements`); this
family reports the rows it could not place, and the articles and entities whose words are not
printed."""

from __future__ import annotations

from validation.corpus import Corpus
from validation.findings import Check, Finding
from validation.model.pages import entity_names
from validation.normalize import normalize

#: The checks this family reports.
CHECKS = (
    Check("quote-not-in-article",
          "A fact's, event's or exclusion's quote is not printed in its cited article.",
          hint="copy the quote verbatim from the seed, and cite the block it is printed in"),
    Check("quote-ambiguous",
          "A quote is printed more than once in its article and no occurrence is given.",
          hint="set occurrence to the one meant (1 is the first), or lengthen the quote"),
    Check("occurrence-out-of-range",
          "The occurrence asked for does not exist.",
          hint="count the quote's occurrences inside the article"),
    Check("figure-ambiguous-in-quote",
          "The printed text appears more than once in its quote.",
          hint="shorten or shift the quote so that it holds the figure once"),
    Check("title-not-in-article",
          "An article's title is not printed in its lines.",
          hint="copy the title verbatim from the block's lines"),
    Check("byline-not-in-article",
          "An article's byline is not printed in its lines.",
          hint="copy the byline verbatim from the block's lines"),
    Check("published-quote-not-found",
          "The words that date an article are not on its page.",
          hint="quote the words on the page that date it, verbatim"),
    Check("entity-name-not-found",
          "An entity's name or alias is not printed in any page.",
          hint="use the name exactly as printed"),
)


def run(corpus: Corpus) -> list[Finding]:
    return [*corpus.model.placements.findings, *_articles(corpus), *_entities(corpus)]


def _articles(corpus: Corpus) -> list[Finding]:
    """The words of articles.csv (title, byline, date quote) not printed where they must be."""
    unprinted = corpus.model.page_walk.unprinted_words
    if not unprinted:
        return []
    articles = corpus.tables["articles"]
    blocks = corpus.model.article_spans.blocks
    records = dict(articles.rows())
    findings = []
    for index in sorted(unprinted):
        row = records[index]
        block = blocks[row["article_id"] or ""]
        for column in unprinted[index]:
            words = row[column]
            if column == "published_quote":
                findings.append(Finding(
                    "published-quote-not-found",
                    f"published_quote is not printed on {block.file}", table="articles",
                    row=block.article_id, column="published_quote", found=words,
                    location=articles.location(index),
                    hint="quote the words on the page that date it, verbatim"))
                continue
            findings.append(Finding(
                f"{column}-not-in-article",
                f"{column} is not printed in {block.article_id} (lines {block.first}-{block.last})",
                table="articles", row=block.article_id, column=column, found=words,
                location=articles.location(index),
                hint=f"copy the {column} verbatim from the block's lines"))
    return findings


def _entities(corpus: Corpus) -> list[Finding]:
    if not corpus.has_columns("entities", "entity_id", "name_zh", "aliases"):
        return []
    printed = corpus.model.page_walk.printed_names
    entities = corpus.tables["entities"]
    findings = []
    for index, row in entities.rows():
        for column, name in entity_names(row):
            if name and normalize(name) not in printed:
                findings.append(Finding(
                    "entity-name-not-found", f"{column} {name!r} is not printed in any seed page",
                    table="entities", row=entities.row_key(index), column=column, found=name,
                    location=entities.location(index),
                    hint="use the name exactly as printed; put other spellings in aliases only "
                         "if they are printed too"))
    return findings
