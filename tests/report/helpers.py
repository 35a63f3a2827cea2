"""Read what a report's HTML shows, with the standard library's HTML parser."""

from __future__ import annotations

from html.parser import HTMLParser


class Marks(HTMLParser):
    """Every ``<mark>`` of the page, by the article element it stands in, and every element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article: str | None = None
        self.marks: dict[str, list[dict[str, str]]] = {}
        self.ids: list[str] = []
        self.order: list[str] = []  # ids of top-level sections, in document order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "section" and "block" in attributes.get("class", ""):
            self.order.append(attributes.get("id", ""))
        if tag == "article":
            self.article = attributes.get("data-article")
        elif tag == "mark" and self.article:
            self.marks.setdefault(self.article, []).append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article = None


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser
