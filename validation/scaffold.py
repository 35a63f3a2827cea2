"""Starting a corpus and adding pages to it: the library behind ``init`` and ``add-page``.

:func:`init_corpus` creates a corpus folder: ``seeds/`` (empty), ``facts/`` with every table's
header in canonical form, and a short README. :func:`add_page` copies a page into ``seeds/``
byte for byte, registers it in ``pages.csv`` and proposes its blocks in ``articles.csv``, all
three files written as one set. :func:`propose_blocks` is the block proposal on its own: it
reads only the page's layout (blank lines, short lines, bylines, captions, continuation
markers), never its meaning, so every block it proposes is for a person to check.

Nothing here prints or exits; unusable input raises :class:`InputError` with the file and what
is wrong, before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from validation.canonical import canonical_text, read_cells
from validation.corpus import FACTS_DIR, SEEDS_DIR, followed_kind
from validation.csvfile import CONTROL, decode_utf8
from validation.dates import DateError, read_date
from validation.files import (
    NotRegularFile,
    check_writable,
    kind_of,
    read_regular,
    remove_stale_temporaries,
    staged,
)
from validation.findings import InputError
from validation.normalize import index_text
from validation.periods import PeriodError, is_partial_date
from validation.schemas import TABLES, TableSpec
from validation.schemas.pages import is_bare_file_name

README_NAME = "README.md"

# --------------------------------------------------------------------------------------------
# Block proposal
# --------------------------------------------------------------------------------------------

#: Blank lines that separate two groups of paragraphs on a page (a column, a photo, an advert):
#: inside a story, paragraphs are one blank line apart.
SECTION_GAP = 2
#: The longest line read as a headline, a kicker or a subtitle, in characters.
HEADING_LENGTH = 32
#: The longest paragraph a headline zone may hold (title, kicker, subtitle, caption above the
#: byline), in characters.
ZONE_LENGTH = 40
#: How many paragraphs above a byline may belong to its article's head.
ZONE_PARAGRAPHS = 3
#: The longest caption, in characters, and the most lines it may be broken over.
CAPTION_LENGTH = 80
CAPTION_LINES = 4
#: The longest photo credit standing alone, in characters.
CREDIT_LENGTH = 30

_SENTENCE_END = "。！？!?…；;"
_CLOSERS = "”’」』）)》】〉\"'"
_LEAD_IN = ("——", "—", "：", ":")
_DIGIT = "0-9０-９"
_PAGE_NO = f"[{_DIGIT}一二三四五六七八九十百A-Za-zＡ-Ｚａ-ｚ]{{1,4}}"
#: A continuation marker: 《上接1版》, (上接第一版), （下转第3版）, 【转A2版】.
_MARKER = (rf"[《(（【〈<\[]?\s*(?P<word>上接|接上|下转|转至|转|接)\s*第?\s*(?P<page>{_PAGE_NO})\s*"
           r"(?:版|页)(?:\s*[)）]\s*)?\s*[》)）】〉>\]]?")
_MARKER_ONLY = re.compile(rf"(?:{_MARKER}\s*)+")
_MARKER_START = re.compile(_MARKER)
_MARKER_END = re.compile(rf"{_MARKER}$")
#: A photo credit standing alone: (本版图片均由范远志摄), 本文图片均由天心经开区提供, 均为园区供图.
_CREDIT = re.compile(r"[(（]?\s*[^。！？!?]{0,24}?(?:摄影?|供图|提供|供稿)\s*[)）]?")
#: Words that mark a caption: ▲ 图为…, …摄, …供图, …全景图。, …签约现场。
_CAPTION_START = ("▲", "△", "►", "◀", "▼", "图为", "图：", "图:", "上图", "下图", "左图", "右图")
_CAPTION_WORDS = re.compile(r"图为|(?:图片|照片)[^。]{0,16}(?:摄|提供)|供图|[^。，,]{1,12}摄[)）]?$|"
                            r"(?:(?:对比|全景|效果|示意|鸟瞰|资料|航拍)图|现场|一角|掠影|合影|合照)[。.]?$")
#: A byline: 张福芳 周茂林, ● 匡小娟 成柳静, 本报记者 张三 通讯员 李四, 记者：王五.
_ROLE = (r"(?:本报|本刊|新华社|中新社|人民日报|全媒体|融媒体|特约|见习|首席)?"
         r"(?:记者|通讯员|评论员|撰稿|撰文|文/图|文／图|图/文|图／文|摄影)")
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_BYLINE = re.compile(rf"[●■◆·•]?\s*(?P<words>(?:{_ROLE}\s*[：:]?\s*)?{_NAME}"
                     rf"(?:[\s、，,／/]+(?:{_ROLE}\s*[：:]?\s*)?{_NAME})*)")
_ROLE_FIRST = re.compile(_ROLE)
#: A story's opening words: 本报讯（记者 张三）, 本报北京6月2日讯, 新华社北京2月13日电（记者 李四）.
_DATELINE = re.compile(
    rf"(?:本报|本刊|新华社|中新社|新华网|人民网)[\u4e00-\u9fff]{{0,8}}?"
    rf"(?:[{_DIGIT}]{{1,2}}\s*月\s*[{_DIGIT}]{{1,2}}\s*日)?\s*(?:讯|电)"
    r"(?:\s*[(（](?P<words>[^()（）]{1,40})[)）])?")
#: (记者 黄玥 张研) at the end of a story, before or after its dateline.
_TRAILING_BYLINE = re.compile(rf"[(（]\s*(?P<words>{_ROLE}\s*[：:]?\s*{_NAME}(?:[\s、，,]+{_NAME})*)\s*[)）]")
#: A printed date: 2024年12月20日 (the masthead's form).
_FULL_DATE = re.compile(rf"[{_DIGIT}]{{4}}\s*年\s*[{_DIGIT}]{{1,2}}\s*月\s*[{_DIGIT}]{{1,2}}\s*日")
_MASTHEAD_WORDS = re.compile(
    r"星期|周[一二三四五六日天]|农历|第\s*[0-9０-９]+\s*[期号]|[版页]\s*$|^\S{0,6}报")


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines of a page (1-based line numbers, inclusive)."""

    first: int
    last: int
    lines: tuple[str, ...]  # each line without surrounding whitespace
    gap_before: int  # blank lines between this paragraph and the one before (the page's top: many)

    @cached_property
    def text(self) -> str:
        return "".join(self.lines)

    @cached_property
    def length(self) -> int:
        return len(self.text)

    # What the paragraph could be, each read once (see the functions of the same names).
    @cached_property
    def marker_only(self) -> bool:
        return bool(_MARKER_ONLY.fullmatch(self.text))

    @cached_property
    def caption(self) -> bool:
        return _is_caption(self)

    @cached_property
    def credit(self) -> bool:
        return _is_credit(self)


@dataclass(frozen=True)
class ProposedBlock:
    """A block the proposal finds: its lines, kind, and what it could read of it."""

    first: int
    last: int
    kind: str
    title: str = ""
    byline: str = ""
    #: The continuation marker printed at its start or end, as printed (《上接1版》).
    marker: str = ""
    note: str = ""


def line_paragraphs(text: str) -> bool:
    """Whether the page prints one paragraph per line, blank lines parting stories, rather than
    a blank line between paragraphs: more of its non-blank lines follow a non-blank line than
    follow a blank one."""
    adjacent = parted = 0
    previous_blank: bool | None = None
    blank_run = False
    for line in text.split("\n"):
        if line.strip():
            if previous_blank is False:
                adjacent += 1
            elif previous_blank is True and blank_run:
                parted += 1
            previous_blank, blank_run = False, False
        elif previous_blank is not None:
            previous_blank, blank_run = True, True
    return adjacent > parted


def paragraphs(text: str, *, by_line: bool = False) -> list[Paragraph]:
    """The paragraphs of a page (runs of non-blank lines, or each non-blank line with
    ``by_line``), lines split on ``\\n`` as the layout check splits them."""
    if by_line:
        found_lines: list[Paragraph] = []
        blank = 10**9
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                found_lines.append(Paragraph(number, number, (line.strip(),), blank))
                blank = 0
            else:
                blank += 1
        return found_lines
    found: list[Paragraph] = []
    run: list[str] = []
    first = 0
    blank = 10**9  # blank lines since the last paragraph; the top of the page counts as many
    gap = blank
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and _BYLINE.fullmatch(stripped) and _ROLE_FIRST.search(stripped):
            # A byline with its role (本报记者 李华) stands apart even with no blank line around
            # it: the headline above it and the text below it are other paragraphs.
            if run:
                found.append(Paragraph(first, number - 1, tuple(run), gap))
                gap = 0
            else:
                gap = blank
            found.append(Paragraph(number, number, (stripped,), gap))
            run, blank = [], 0
            continue
        if stripped:
            if not run:
                first, gap = number, blank
            run.append(stripped)
            continue
        if run:
            found.append(Paragraph(first, number - 1, tuple(run), gap))
            run, blank = [], 0
        blank += 1
    if run:
        found.append(Paragraph(first, first + len(run) - 1, tuple(run), gap))
    return found


def _core(text: str) -> str:
    """``text`` without closing quotes and brackets at its end."""
    return text.rstrip(_CLOSERS).rstrip()


def ends_sentence(text: str) -> bool:
    core = _core(text)
    return bool(core) and core[-1] in _SENTENCE_END


def _lead_in(text: str) -> bool:
    """Text that runs on into what follows (a lead ending in a dash or a colon)."""
    return text.endswith(_LEAD_IN)


def _heading(p: Paragraph) -> bool:
    """A short single line that is no sentence: a headline, kicker, subtitle or subhead."""
    return (len(p.lines) == 1 and p.length <= HEADING_LENGTH and not ends_sentence(p.text)
            and not p.text.endswith(("，", ",", "、")) and "。" not in p.text
            and not _MARKER_END.search(p.text))


def _title_like(p: Paragraph) -> bool:
    """A heading, or a short single line asking or exclaiming (为何要瞄准数字经济产业？)."""
    return _heading(p) or (len(p.lines) == 1 and p.length <= HEADING_LENGTH
                           and _core(p.text).endswith(("？", "?", "！", "!")))


def is_marker(p: Paragraph) -> bool:
    return p.marker_only


def _credit(p: Paragraph) -> bool:
    return p.credit


def _caption(p: Paragraph) -> bool:
    return p.caption


def _is_credit(p: Paragraph) -> bool:
    text = p.text
    return (p.length <= CREDIT_LENGTH and bool(_CREDIT.fullmatch(text))
            and any(w in text for w in ("图", "摄", "照片")))


def _is_caption(p: Paragraph) -> bool:
    if p.length > CAPTION_LENGTH or len(p.lines) > CAPTION_LINES or is_marker(p):
        return False
    return p.text.startswith(_CAPTION_START) or bool(_CAPTION_WORDS.search(p.text))


def byline_of(p: Paragraph, *, bare_names: bool = True) -> str:
    """The byline a paragraph opens with, as printed (without its bullet), or ``""``."""
    if len(p.lines) == 1 and p.length <= ZONE_LENGTH:
        match = _BYLINE.fullmatch(p.text)
        if match:
            words = match["words"].strip()
            has_role = bool(_ROLE_FIRST.match(words))
            names = len(re.split(r"[\s、，,／/]+", words))
            if has_role or (bare_names and names >= 2):
                return words
    return ""


def story_start(p: Paragraph, *, bare_names: bool = True) -> str | None:
    """The byline a paragraph opens a story with (``""`` for a dateline naming no author, such
    as 本报讯), or ``None`` when it opens none."""
    words = byline_of(p, bare_names=bare_names)
    if words:
        return words
    match = _DATELINE.match(p.text)
    if match is None:
        return None
    return (match["words"] or "").strip()


def _trailing_byline(p: Paragraph) -> str:
    found = list(_TRAILING_BYLINE.finditer(p.text))
    return found[-1]["words"] if found and found[-1].end() >= p.length - 20 else ""


@dataclass
class _Draft:
    """A block being built: paragraph indices ``start``..``end`` (inclusive)."""

    start: int
    end: int
    kind: str = ""
    byline: str = ""
    byline_at: int = -1
    marker: str = ""
    continued: bool = False  # opens with a continuation marker (《上接1版》)
    note: str = ""


def propose_blocks(text: str) -> list[ProposedBlock]:
    """Blocks for a page: every non-blank line in exactly one block, blocks in page order.

    The page is read as paragraphs (runs of non-blank lines) grouped into sections where two or
    more blank lines part them. A section of short lines only holds captions (a short sentence,
    or a line marked as one: ▲, 图为, 摄, 供图), photo credits and page furniture (slogans,
    names, a headline's tail), each its own block, furniture runs merged. A section of text is
    split where a story starts: at a byline (its headline, kicker and subtitle above it go with
    it, unless the text above runs on into them with a dash or colon), at a continuation marker
    (《上接1版》 starts a fragment, （下转第3版） ends one), and at a headline that follows a
    paragraph breaking off mid-sentence (the column it closes continues elsewhere). Captions and
    credits at the top or bottom of a section are blocks of their own.
    """
    by_line = line_paragraphs(text)
    paras = paragraphs(text, by_line=by_line)
    gap = 1 if by_line else SECTION_GAP
    drafts: list[_Draft] = []
    sections: list[tuple[int, int]] = []
    for i, p in enumerate(paras):
        if i == 0 or p.gap_before >= gap:
            sections.append((i, i))
        else:
            sections[-1] = (sections[-1][0], i)
    masthead = _masthead_end(paras)
    if masthead is not None:
        drafts.append(_Draft(0, masthead, "other", note="Masthead: paper, date and page."))
        sections = [(max(a, masthead + 1), b) for a, b in sections if b > masthead]
    for start, end in sections:
        if _text_in(paras, start, end):
            drafts.extend(_text_section(paras, start, end))
        else:
            drafts.extend(_short_section(paras, start, end))
    drafts = _merged(paras, drafts)
    return [_finish(paras, d) for d in drafts]


def _texty(p: Paragraph) -> bool:
    """Running text: a paragraph no caption, credit, marker or short line explains."""
    return (not _caption(p) and not _credit(p) and not is_marker(p)
            and (p.length > ZONE_LENGTH or story_start(p) is not None))


def _text_in(paras: Sequence[Paragraph], start: int, end: int) -> bool:
    """Whether a section holds running text, or a headline over a sentence (a short story)."""
    return any(_texty(paras[i]) or (i < end and _heading(paras[i]) and _sentence(paras[i + 1]))
               for i in range(start, end + 1))


def _sentence(p: Paragraph) -> bool:
    """A paragraph of text that is no caption, credit or marker."""
    return ends_sentence(p.text) and not _caption(p) and not _credit(p) and not is_marker(p)


def _short_section(paras: Sequence[Paragraph], start: int, end: int) -> list[_Draft]:
    """Captions, credits, markers and furniture: each a block, furniture runs as one."""
    drafts: list[_Draft] = []
    for i in range(start, end + 1):
        p = paras[i]
        if _credit(p):
            drafts.append(_Draft(i, i, "other", note="Photo credit."))
        elif is_marker(p):
            drafts.append(_Draft(i, i, "other", marker=p.text))
        elif _caption(p) or (ends_sentence(p.text) and len(p.lines) == 1):
            drafts.append(_Draft(i, i, "caption"))
        elif drafts and drafts[-1].kind == "other" and drafts[-1].end == i - 1 \
                and drafts[-1].note == "" and not drafts[-1].marker:
            drafts[-1].end = i
        else:
            drafts.append(_Draft(i, i, "other"))
    return drafts


def _text_section(paras: Sequence[Paragraph], start: int, end: int) -> list[_Draft]:
    drafts: list[_Draft] = []
    # captions and credits at the top and the bottom of the section stand alone
    while start <= end and (_caption(paras[start]) or _credit(paras[start])):
        drafts.append(_Draft(start, start, "caption" if _caption(paras[start]) else "other",
                             note="" if _caption(paras[start]) else "Photo credit."))
        start += 1
    tail: list[_Draft] = []
    while end >= start and (_caption(paras[end]) or _credit(paras[end])):
        tail.insert(0, _Draft(end, end, "caption" if _caption(paras[end]) else "other",
                              note="" if _caption(paras[end]) else "Photo credit."))
        end -= 1
    if start > end:
        return drafts + tail
    current = _Draft(start, start)
    for i in range(start, end + 1):
        p = paras[i]
        begins = _MARKER_START.match(p.text)
        if begins and begins["word"] in ("上接", "接上", "接"):
            if i > current.start:
                current.end = i - 1
                drafts.append(current)
            current = _Draft(i, i, marker=begins.group().strip(), continued=True)
        elif (words := story_start(p, bare_names=_heading_above(paras, i, current.start))) is not None:
            head = _head_start(paras, i, max(current.start, current.byline_at + 1))
            if head > current.start and not _lead_in(paras[head - 1].text):
                current.end = head - 1
                drafts.append(current)
                current = _Draft(head, i)
            if current.byline_at < 0:  # a second byline line under the first is the same byline
                current.byline, current.byline_at = words, i
        elif (i > current.start and _heading(p) and not _texty_end(paras[i - 1])):
            current.end = i - 1
            drafts.append(current)
            current = _Draft(i, i)
        current.end = i
        closes = _MARKER_END.search(p.text)
        if closes and closes["word"] in ("下转", "转至", "转") and i < end:
            current.marker = current.marker or closes.group().strip()
            drafts.append(current)
            current = _Draft(i + 1, i + 1)
    drafts.append(current)
    return drafts + tail


def _heading_above(paras: Sequence[Paragraph], i: int, start: int) -> bool:
    """Whether a line of bare names at ``i`` sits where a byline does: at the top of its block
    or under a short line (a headline)."""
    return i == start or paras[i - 1].length <= ZONE_LENGTH


def _head_start(paras: Sequence[Paragraph], byline: int, start: int) -> int:
    """The first paragraph of the story whose byline is at ``byline``: the short paragraphs
    (headline, kicker, subtitle, a caption) just above it, at most :data:`ZONE_PARAGRAPHS`."""
    head = byline
    while (head - 1 >= start and byline - head < ZONE_PARAGRAPHS
           and paras[head - 1].length <= ZONE_LENGTH and not is_marker(paras[head - 1])):
        head -= 1
    while head < byline and not _title_like(paras[head]):
        head += 1  # a story's head starts with its headline or kicker, not with a sentence
    return head


def _texty_end(p: Paragraph) -> bool:
    """Whether a paragraph ends where text may end: a sentence, a heading, a lead-in. A body
    paragraph breaking off mid-word continues in another column."""
    return ends_sentence(p.text) or _heading(p) or _lead_in(p.text) or p.length <= ZONE_LENGTH


def _merged(paras: Sequence[Paragraph], drafts: list[_Draft]) -> list[_Draft]:
    """Adjacent marker-only blocks become one; a furniture block that ends a section joins the
    furniture that opens the next."""
    out: list[_Draft] = []
    for d in drafts:
        if out and _only_markers(paras, out[-1]) and _only_markers(paras, d):
            out[-1].end = d.end
            continue
        if (out and out[-1].kind == "other" and d.kind == "other" and not out[-1].note
                and not d.note and not out[-1].marker and not d.marker
                and out[-1].end + 1 == d.start):
            out[-1].end = d.end
            continue
        out.append(d)
    return out


def _only_markers(paras: Sequence[Paragraph], d: _Draft) -> bool:
    return all(is_marker(paras[i]) for i in range(d.start, d.end + 1))


def _finish(paras: Sequence[Paragraph], d: _Draft) -> ProposedBlock:
    """The kind, title, byline and note of a draft block."""
    members = paras[d.start:d.end + 1]
    first, last = members[0].first, members[-1].last
    markers = [p for p in members if is_marker(p)]
    note = d.note
    if d.marker:
        note = _marker_note(d.marker)
    if d.kind:
        kind = d.kind
    elif len(markers) == len(members):
        kind, note = "other", "Continuation markers with no text after them."
    elif not any(_texty(p) for p in members) and all(_heading(p) for p in members):
        kind, note = "other", note or "A headline with no text after it on this page."
    elif d.byline_at >= 0 and not d.continued:
        kind = "article"
    else:
        kind = "fragment"
    byline = d.byline or _trailing_byline(members[-1])
    if kind == "fragment" and byline and not d.continued and _heading(members[0]):
        kind = "article"
    title = ""
    if kind == "article":
        zone = members[:d.byline_at - d.start] if d.byline_at >= 0 else members
        candidates = [p for p in zone if _heading(p) and not p.text.startswith(("—", "-"))]
        candidates += [p for p in members if _heading(p)]
        title = candidates[0].text if candidates else ""
    elif kind == "fragment":
        opening = next((p for p in members if not is_marker(p)), None)
        if opening is not None and _title_like(opening) and story_start(opening) is None:
            title = opening.text
    return ProposedBlock(first, last, kind, _cell(title), _cell(byline), d.marker,
                         CONTROL.sub("", note))


def _marker_note(marker: str) -> str:
    match = _MARKER_START.search(marker)
    page = match["page"] if match else "?"
    if match and match["word"] in ("下转", "转至", "转"):
        return f"Continued on page {page} ({marker})."
    return f"Continued from page {page} ({marker}); set 'continues' if that page is in the corpus."


def _cell(text: str) -> str:
    """Words for a cell, or nothing when they hold a control character no cell may hold."""
    return "" if CONTROL.search(text) else text


def _masthead_end(paras: Sequence[Paragraph]) -> int | None:
    """The last paragraph of the masthead (paper, date, page) at the top of the page, if the
    page prints one: short lines down to one holding a full date."""
    for i, p in enumerate(paras[:3]):
        if p.length > 60 or any(len(line) > ZONE_LENGTH for line in p.lines) \
                or ends_sentence(p.text):
            return None
        if _FULL_DATE.search(p.text) and (len(p.lines) > 1 or _MASTHEAD_WORDS.search(p.text)
                                          or p.length <= 20):
            return i
    return None


def masthead_date(text: str) -> tuple[str, str] | None:
    """The publication date printed in the page's masthead: (ISO date, the words as printed)."""
    paras = paragraphs(text, by_line=line_paragraphs(text))
    end = _masthead_end(paras)
    if end is None:
        return None
    for p in paras[:end + 1]:
        for line in p.lines:
            match = _FULL_DATE.search(line)
            if match:
                try:
                    return read_date(match.group()).iso(), match.group()
                except DateError:
                    continue
    return None


def date_words(text: str, iso: str) -> str | None:
    """The first words on the page that print the date ``iso`` (2024-12 -> 2024年12月), as printed
    (width and whitespace as on the page), or ``None``."""
    year, _, rest = iso.partition("-")
    month, _, day = rest.partition("-")
    months = [month, month.lstrip("0")] if month else [""]
    days = [day, day.lstrip("0")] if day else [""]
    index = index_text(text)
    for m in dict.fromkeys(months):
        for d in dict.fromkeys(days):
            words = f"{year}年" + (f"{m}月" if m else "") + (f"{d}日" if d else "")
            for span in index.find_all(words):
                return text[span.start:span.end]
    return None


# --------------------------------------------------------------------------------------------
# init
# --------------------------------------------------------------------------------------------

CORPUS_README = """\
# {name}

A corpus of the Tianxin fact-table validator (`python -m validation`): news pages, and tables
in which every figure printed on them is a row that cites the words stating it.

* `seeds/`: the pages, one UTF-8 text file each, byte for byte as received. Never edit a page:
  the tables cite its lines, and `facts/pages.csv` holds its SHA-256.
* `facts/`: the tables, each a CSV file: pages, articles (the blocks of each page), entities,
  metrics, units, facts, and the optional events, exclusions, relations and conflicts. They
  start with their header only; the validator's README ("The tables") says what each column
  holds.

Next, from this folder (or from anywhere else with `--root` naming it):

1. `python -m validation add-page PAGE.txt` copies a page into `seeds/`, registers it in
   `facts/pages.csv` and proposes its blocks in `facts/articles.csv`. Check what it prints.
2. `python -m validation draft` proposes a row for every number no row covers yet.
3. `python -m validation check` validates the tables against the pages;
   `python -m validation report` writes the validation report.
"""


@dataclass(frozen=True)
class InitResult:
    folder: Path
    created_folder: bool
    tables: list[str]  # file names written into facts/


def init_corpus(folder: Path | str) -> InitResult:
    """Create a corpus in ``folder`` (which may not exist yet; its parent must). Raises
    :class:`InputError`, writing nothing, when ``folder`` is a file or a link or already holds
    a table, ``seeds/``, ``facts/`` or a README."""
    folder = Path(folder)
    kind = kind_of(folder)
    if kind is None:
        parent = folder.absolute().parent
        parent_kind = followed_kind(parent)
        if parent_kind != "a directory":
            raise InputError(f"{folder}: its parent {parent} "
                             f"{'does not exist' if parent_kind is None else 'is ' + parent_kind}; "
                             "init creates the corpus folder itself, not the folders above it")
    elif kind != "a directory":
        raise InputError(f"{folder}: is {kind}, not a folder; give init a new folder, or an "
                         "existing real folder (not a link) to turn into a corpus")
    else:
        present = [n for n in (SEEDS_DIR, FACTS_DIR, README_NAME,
                               *(spec.filename for spec in TABLES.values()))
                   if kind_of(folder / n) is not None]
        if present:
            raise InputError(f"{folder}: already holds {', '.join(present)}; init only starts a "
                             "new corpus and never writes over one: use add-page to add to it, "
                             "or give init a new folder")
    created: list[Path] = []
    try:
        for path in (folder, folder / SEEDS_DIR, folder / FACTS_DIR):
            if path == folder and kind is not None:
                continue
            path.mkdir()
            created.append(path)
        with staged(folder / FACTS_DIR) as stage:
            for spec in TABLES.values():
                stage(folder / FACTS_DIR / spec.filename, header_only(spec))
            stage(folder / README_NAME, CORPUS_README.format(name=folder.absolute().name))
    except OSError as exc:
        for path in reversed(created):
            try:
                path.rmdir()
            except OSError:
                pass
        raise InputError(f"{exc.filename or folder}: cannot create ({exc.strerror or exc}); "
                         "nothing was written: check the folder's permissions") from None
    return InitResult(folder, kind is None, [spec.filename for spec in TABLES.values()])


def header_only(spec: TableSpec) -> str:
    """A table with its header and no row, in canonical form."""
    return canonical_text(spec, spec.columns, [])


# --------------------------------------------------------------------------------------------
# add-page
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddedBlock:
    article_id: str
    block: ProposedBlock


@dataclass(frozen=True)
class AddedPage:
    """What :func:`add_page` wrote, for the command to report."""

    root: Path
    file: str
    source: Path
    size: int
    sha256: str
    description: str
    page_number: str
    number_from_name: bool
    blocks: list[AddedBlock]
    published: str
    published_quote: str
    published_from: str  # "option", "masthead" or "" (not found)
    masthead: str = ""  # the masthead's date when --published was given and differs
    created_tables: list[str] = field(default_factory=list)


def add_page(root: Path | str, source: Path | str, *, name: str | None = None,
             published: str | None = None) -> AddedPage:
    """Copy ``source`` into ``root``/seeds, register it and propose its blocks; the seed and both
    tables are written as one set. Raises :class:`InputError`, writing nothing, for a page
    that is not a readable regular UTF-8 file with text, a name that is unsafe or taken, a page
    already registered (by name or by content), or tables that cannot be merged."""
    root, source = Path(root), Path(source)
    _check_corpus(root)
    if published is not None and not _is_date(published):
        raise InputError(f"--published {published}: not a date; give YYYY, YYYY-MM or YYYY-MM-DD "
                         "(e.g. 2024-12-20)")
    data = _read_page(source)
    text = _page_text(data, source)
    digest = hashlib.sha256(data).hexdigest()
    tables = {t: _read_table(root, TABLES[t]) for t in ("pages", "articles")}
    used = _page_numbers(tables["articles"])
    target = name if name is not None else source.name
    _check_name(target, given=name is not None, digest=digest, used=used)
    _check_new(root, target, digest, tables)
    number, from_name = _page_number(target, used)
    proposed = propose_blocks(text)
    width = 3 if len(proposed) > 99 else 2
    blocks = [AddedBlock(f"A{number}-{i:0{width}d}", b) for i, b in enumerate(proposed, start=1)]
    date, quote, source_of_date, masthead = _publication(text, published)
    description = _description(text, blocks)

    pages_header, pages_rows, _ = tables["pages"]
    pages_row = {"file": target, "sha256": digest, "description": description}
    articles_header, articles_rows, _ = tables["articles"]
    article_rows = [{
        "article_id": b.article_id, "file": target, "line_start": str(b.block.first),
        "line_end": str(b.block.last), "kind": b.block.kind, "title": b.block.title,
        "byline": b.block.byline, "published": date, "published_quote": quote,
        "continues": "", "note": b.block.note} for b in blocks]
    pages_text = _merged_table(TABLES["pages"], pages_header, pages_rows, [pages_row])
    articles_text = _merged_table(TABLES["articles"], articles_header, articles_rows, article_rows)
    seed = root / SEEDS_DIR / target
    try:
        remove_stale_temporaries(root / SEEDS_DIR)  # staged() clears those of facts/
        with staged(root / FACTS_DIR) as stage:
            stage(seed, text)
            stage(root / FACTS_DIR / TABLES["pages"].filename, pages_text)
            stage(root / FACTS_DIR / TABLES["articles"].filename, articles_text)
    except OSError as exc:
        raise InputError(f"{exc.filename or root}: cannot write ({exc.strerror or exc}); nothing "
                         "was added: check the corpus folder's permissions") from None
    created = [TABLES[t].filename for t in ("pages", "articles") if tables[t][2]]
    return AddedPage(root, target, source, len(data), digest, description, number, from_name,
                     blocks, date, quote, source_of_date, masthead, created)


def _is_date(text: str) -> bool:
    try:
        return is_partial_date(text)
    except (PeriodError, ValueError):
        return False


def _check_corpus(root: Path) -> None:
    kind = followed_kind(root)
    if kind != "a directory":
        raise InputError(f"{root}: {'no such folder' if kind is None else 'is ' + kind}; --root "
                         f"must name a corpus folder holding {SEEDS_DIR}/ and {FACTS_DIR}/ "
                         "(python -m validation init DIR creates one)")
    for sub in (SEEDS_DIR, FACTS_DIR):
        sub_kind = kind_of(root / sub)
        if sub_kind is None:
            raise InputError(f"{root}: no {sub}/ folder; add-page adds to a corpus folder holding "
                             f"{SEEDS_DIR}/ and {FACTS_DIR}/ (python -m validation init DIR "
                             "creates one)")
        if sub_kind != "a directory":
            raise InputError(f"{root / sub}: is {sub_kind}, not a folder; {sub}/ must be a real "
                             "folder inside the corpus, not a link to one elsewhere")


def _read_page(source: Path) -> bytes:
    try:
        return read_regular(source)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file; name the page to add") from None
    except NotRegularFile as exc:
        raise InputError(f"{source}: is {exc.kind}; add-page copies only a regular file: copy "
                         "the page itself") from None


def _page_text(data: bytes, source: Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{source}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the page to UTF-8 first, e.g. iconv -f GB18030 -t UTF-8, and check the "
            "result reads right") from None
    if not text.strip():
        raise InputError(f"{source}: {'empty file' if not data else 'holds only whitespace'}; a "
                         "page needs text")
    return text


def _read_table(root: Path, spec: TableSpec) -> tuple[list[str], list[list[str]], bool]:
    """Header, rows and whether the table is absent (then written new). Raises when a cell could
    be lost or the table cannot be rewritten."""
    path = root / FACTS_DIR / spec.filename
    display = f"{FACTS_DIR}/{spec.filename}"
    try:
        data = read_regular(path)
    except FileNotFoundError:
        return list(spec.columns), [], True
    except NotRegularFile as exc:
        raise InputError(f"{display} is {exc.kind}; add-page rewrites only regular files: "
                         f"replace it with the table itself") from None
    check_writable(path, display)
    text = decode_utf8(data, display)
    if not text.strip():
        return list(spec.columns), [], False
    header, rows = read_cells(text, display)
    return header, rows, False


def _column(header: list[str], rows: list[list[str]], column: str) -> list[str]:
    if column not in header:
        return []
    at = header.index(column)
    return [row[at] for row in rows]


def _page_numbers(articles: tuple[list[str], list[list[str]], bool]) -> dict[str, set[str]]:
    """Page numbers of article ids (A005-01 -> 005), with the files each is used for."""
    header, rows, _ = articles
    used: dict[str, set[str]] = {}
    for article_id, file in zip(_column(header, rows, "article_id"), _column(header, rows, "file"),
                                strict=False):
        match = re.fullmatch(r"A(\d+)-\d+", article_id)
        if match:
            used.setdefault(match[1], set()).add(file)
    return used


def _page_number(file: str, used: dict[str, set[str]]) -> tuple[str, bool]:
    """The page number of a new page: the number its name starts with, in the corpus's
    ``NNN_…`` convention (005_x.txt -> 005), when no other page uses it, else the next free one."""
    match = re.match(r"(\d+)_", file)
    taken = {int(n) for n in used}
    if match and int(match[1]) not in taken:
        return match[1].zfill(3), True
    return next_page_number(used), False


def next_page_number(used: Iterable[str]) -> str:
    numbers = [int(n) for n in used]
    width = max([3, *(len(n) for n in used)])
    return str(max(numbers) + 1 if numbers else 0).zfill(width)


def _check_name(target: str, *, given: bool, digest: str, used: dict[str, set[str]]) -> None:
    if is_bare_file_name(target) and not CONTROL.search(target) and _encodable(target):
        return
    suggestion = f"{next_page_number(used)}_{digest[:16]}.txt"
    what = "--name" if given else "the page's file name"
    shown = target.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    raise InputError(f"{shown!r}: {what} is not a safe name for a seed (it must have no '/' or "
                     "'\\', not start with '.', and hold no control character); give one with "
                     f"--name, e.g. --name {suggestion}")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_new(root: Path, target: str, digest: str,
               tables: dict[str, tuple[list[str], list[list[str]], bool]]) -> None:
    seed = root / SEEDS_DIR / target
    kind = kind_of(seed)
    if kind is not None:
        raise InputError(f"{SEEDS_DIR}/{target} already exists ({kind}); the page is already in "
                         "the corpus, or give this one another name with --name")
    header, rows, _ = tables["pages"]
    files = _column(header, rows, "file")
    if target in files:
        raise InputError(f"{FACTS_DIR}/pages.csv already registers {target} (without its seed); "
                         "restore seeds/" + target + " or remove the row, or give this page "
                         "another name with --name")
    for file, sha in zip(files, _column(header, rows, "sha256"), strict=False):
        if sha.strip().lower() == digest:
            raise InputError(f"the page is already in the corpus as {file} (same sha256 "
                             f"{digest[:16]}…); a page is added once")
    a_header, a_rows, _ = tables["articles"]
    if target in _column(a_header, a_rows, "file"):
        raise InputError(f"{FACTS_DIR}/articles.csv already has blocks for {target}; remove them "
                         "or give this page another name with --name")


def _publication(text: str, published: str | None) -> tuple[str, str, str, str]:
    """published, published_quote, where the date came from, and the masthead's date when it
    differs from --published."""
    printed = masthead_date(text)
    if published is not None:
        quote = date_words(text, published) or ""
        differs = printed[0] if printed and printed[0] != published else ""
        return published, quote, "option", differs
    if printed is not None:
        return printed[0], printed[1], "masthead", ""
    return "", "", "", ""


def _description(text: str, blocks: list[AddedBlock]) -> str:
    """A placeholder that says what it is: the first headline (or line) as printed."""
    titles = [b.block.title for b in blocks if b.block.title]
    first = titles[0] if titles else next((line.strip() for line in text.split("\n")
                                           if line.strip()), "")
    first = _cell(first)
    if len(first) > 40:
        first = first[:40] + "…"
    return (f"To be described (paper, section, main subject, in English); first headline: {first}"
            if first else "To be described (paper, section, main subject, in English)")


def _merged_table(spec: TableSpec, header: list[str], rows: list[list[str]],
                  new: list[dict[str, str]]) -> str:
    """The table with ``new`` rows added, in canonical form; columns the header lacks are
    added (existing rows get them empty), so no cell is lost."""
    columns = list(header) + [c for c in spec.columns if c not in header]
    widened = [row + [""] * (len(columns) - len(header)) for row in rows]
    widened += [[row.get(c, "") for c in columns] for row in new]
    return canonical_text(spec, columns, widened)


# --------------------------------------------------------------------------------------------
# How well the proposal agrees with blocks a person drew
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """How the proposed blocks of a page compare with the recorded ones."""

    file: str
    recorded: int
    proposed: int
    same_lines: int  # recorded blocks whose line range is proposed exactly
    same_kind: int  # of those, the ones proposed with the same kind
    same_title: int  # of those with a recorded title, the ones proposed with that title
    titled: int


def agreement(file: str, proposed: Sequence[ProposedBlock],
              recorded: Sequence[tuple[int, int, str, str]]) -> Agreement:
    """Compare ``proposed`` with ``recorded`` blocks (first, last, kind, title)."""
    by_lines = {(b.first, b.last): b for b in proposed}
    same = [(r, by_lines[(r[0], r[1])]) for r in recorded if (r[0], r[1]) in by_lines]
    titled = [(r, b) for r, b in same if r[3]]
    return Agreement(file, len(recorded), len(proposed), len(same),
                     sum(1 for r, b in same if r[2] == b.kind),
                     sum(1 for r, b in titled if r[3] == b.title), len(titled))


__all__ = ["AddedBlock", "AddedPage", "Agreement", "InitResult", "Paragraph", "ProposedBlock",
           "add_page", "agreement", "date_words", "init_corpus", "masthead_date", "paragraphs",
           "propose_blocks"]
