"""Stated relations: every relation a page states between figures is declared in
``relations.csv`` or dismissed in ``dismissals.csv`` (:mod:`validation.model.stated` accounts for
each). One that is neither fails (``relation-undeclared``) on its article, with the sentence,
where it is printed and a suggested relation. A dismissal that matches no stated relation fails
as stale (``dismissal-stale``), so a dismissal can neither be written in advance nor outlive the
facts it names.
"""

from __future__ import annotations

from validation.corpus import Corpus
from validation.findings import Check, Finding

#: The checks this family reports.
CHECKS = (
    Check("relation-undeclared",
          ("A page states a relation between facts (其中, 占比, 同比增长, 翻番, 从…增至, 以上 "
           "classes, a figure printed twice) that no relation of relations.csv declares and no "
           "row of dismissals.csv dismisses."),
          hint="declare it in relations.csv, or dismiss it in dismissals.csv with a reason"),
    Check("dismissal-stale",
          ("A dismissal matches no stated relation of its kind among exactly its facts, or dismisses"
           " one that relations.csv declares."),
          hint="delete it if the relation is now declared or the facts changed"),
)


def run(corpus: Corpus) -> list[Finding]:
    result = corpus.model.stated
    findings = []
    for candidate in result.undeclared:
        facts = "|".join(candidate.facts)
        suggested = result.suggested[candidate.facts]
        findings.append(Finding(
            "relation-undeclared",
            f"{candidate.article_id} states a {candidate.kind} relation among {facts} that "
            "relations.csv does not declare", table="articles", row=candidate.article_id,
            expected=suggested, found=candidate.quote, location=candidate.location,
            hint=f"declare it in relations.csv (suggested: {suggested}) or dismiss it "
                 f"in dismissals.csv with a reason (fact_ids {facts}, kind {candidate.kind})"))
    if result.stale:
        table = corpus.tables["dismissals"]
        for index, dismissal_id in result.stale:
            findings.append(Finding(
                "dismissal-stale",
                f"{dismissal_id} dismisses a relation that no sentence states among exactly these "
                "facts and of this kind, or that relations.csv declares", table="dismissals",
                row=dismissal_id, column="fact_ids", found=str(table.frame.at[index, "fact_ids"]),
                location=table.location(index),
                hint="a dismissal lists exactly the facts and kind of a relation-undeclared "
                     "finding; delete it if the relation is now declared or the facts changed"))
    return findings
