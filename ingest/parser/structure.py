"""Second pass: walk the blocks, building the goal chain, sections, indicators and activities.

Text inside a goal accumulates into the goal's current field (Beskrivning, Förväntat
resultat …) until the next sub-heading or goal; other headings inside a goal are kept as
text, because plans put topic headings ("BARNS RÄTTIGHETER") inside a goal's description.
Only a template top-level heading (Redovisning av ekonomi, Övrigt …) or an award question
ends the goal chain.

Quality-award applications have no goal labels; there a short title followed by a
"Förväntat resultat" sub-heading starts an (implicit) enhetsmål.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from indicators.models import GOAL_LEVEL_LABELS, GoalLevel
from ingest.parser.blocks import Block
from ingest.parser.dated_bullets import dated_item, is_activity_caption, item_dates
from ingest.parser.goal_tables import OverviewColumn, goal_rows, overview_columns
from ingest.parser.goals import (
    FIELDS,
    LEVEL_RANK,
    kf_level,
    match_label,
    match_subheading,
    split_number,
)
from ingest.parser.sections import Buffer, Paragraph, ProseBlock, Structure, build_output, ocr_noise
from ingest.parser.tables import GoalRef, TableResult, column_role, parse_table
from ingest.parser.text import fold
from knowledge.models import Activity, Goal


@dataclass
class _Heading:
    level: int
    text: str
    plain: bool
    used: bool = False  # has text or sub-headings under it
    numbered: bool = False  # placed by its own number ("2 Mål och uppföljning")
    depth: int | None = None  # depth of its own number, whatever placed it


class _Walker:
    def __init__(self, implicit: bool, vocabulary: Counter[str]) -> None:
        self.implicit = implicit
        self.vocabulary = vocabulary
        self.out = Structure()
        self.chain: list[Goal] = []
        self.field = "beskrivning"
        self.stack: list[_Heading] = []
        self.buffers: list[Buffer] = []
        self.current: Buffer | None = None
        self.pending: tuple[GoalLevel, int | None, bool] | None = None
        # The heading level a goal chain laid out in a table stands under: a styled heading at
        # that level or above is the next part of the document, so it ends the chain.
        self.anchor: int | None = None
        self.seq = 0
        self.page: int | None = None
        self.headings: list[tuple[int, ProseBlock]] = []
        # The goal whose title line was just read: a title wrapped by the export goes on below it.
        self.titled: Goal | None = None
        # Goal overview tables ("Nämndmål | Enhetsmål | Förväntat resultat"), read as goals when
        # nothing else gives any: a row when a heading names its goal, the rest at the end.
        self.overviews: list[tuple[Block, list[OverviewColumn]]] = []
        self.overview_rows_read: set[tuple[int, int]] = set()  # (overview, row) already opened
        self.overview_keys: set[str] = set()  # goals opened from overview rows
        # The open goal was opened by a heading that is its title (`_overview_heading`): headings
        # under it caption its parts ("Aktiviteter 2021") and stay its text.
        self.heading_goal = False
        # Under an "Aktiviteter" caption, bullets are activities (`dated_bullets`); `listed` is the
        # last one read while its bullet may still wrap onto the next line.
        self.activity_list = False
        self.listed: Activity | None = None
        # A heading inside a goal waiting to be read as text of the goal's field, unless the next
        # block is the indicator or activity table it captions (`_table`).
        self.caption: str | None = None

    def run(self, blocks: list[Block]) -> Structure:
        for block in blocks:
            if self.caption is not None and block.kind not in ("blank", "table"):
                self._caption_as_text()
            self.page = block.page
            if self._continue_title(block):
                continue
            self.titled = None
            if block.kind == "blank":
                self._break()
                self.listed = None
            elif block.kind == "table":
                self.activity_list = False
                self._flush_pending()
                if not self._goal_table(block):
                    self._table(block)
            elif not self._take_title(block) and not self._label(block) and not self._sub(block):
                if block.kind == "heading":
                    self.activity_list = is_activity_caption(block.text)
                    self.listed = None
                    self._heading(block)
                else:
                    self._list_item(block)
                    self._text(block.text)
        if self.caption is not None:
            self._caption_as_text()
        self._flush_pending()
        return self._finish()

    # --- goals ------------------------------------------------------------------------------------------

    def _continue_title(self, block: Block) -> bool:
        """Join a wrapped goal title's next line to it ('… där behoven är som' + 'störst').

        A line right under the title (no blank between) that starts in lower case cannot start a
        sentence, heading or label of its own, so it is the title going on.
        """
        goal = self.titled
        if goal is None or block.kind not in ("text", "heading") or not block.text[:1].islower():
            return False
        goal.title = f"{goal.title} {block.text.strip()}"
        return True

    def _take_title(self, block: Block) -> bool:
        if self.pending is None:
            return False
        if match_label(block.text) or match_subheading(block.text):
            self._flush_pending()
            return False
        level, page, bare = self.pending
        self.pending = None
        self._open_goal(kf_level(block.text) if bare else level, block.text, page)
        return True

    def _flush_pending(self) -> None:
        if self.pending is not None:
            level, page, _ = self.pending
            self.pending = None
            self._open_goal(level, "", page)

    def _label(self, block: Block) -> bool:
        label = match_label(block.text)
        if label is None:
            return False
        self._flush_pending()
        if label.rest:
            self._open_goal(label.level, label.rest, self.page)
        else:
            self.pending = (label.level, self.page, label.bare_kf)
        return True

    def _open_goal(self, level: GoalLevel, raw_title: str, page: int | None) -> None:
        number, title = split_number(level, raw_title)
        rank = LEVEL_RANK[level]
        self.chain = [goal for goal in self.chain if LEVEL_RANK[goal.level] < rank]
        goal = Goal(
            key=f"g{len(self.out.goals) + 1}",
            level=level,
            number=number,
            title=title or GOAL_LEVEL_LABELS[level],
            parent_key=self.chain[-1].key if self.chain else None,
            page=page,
        )
        self.out.goals.append(goal)
        self.chain.append(goal)
        self.anchor = None
        self.heading_goal = False
        self.titled = goal if title else None
        self.field = "beskrivning"
        self.current = None

    def _sub(self, block: Block) -> bool:
        if not self.chain and not self.implicit:
            return False
        sub = match_subheading(block.text)
        if sub is None:
            return False
        name, rest = sub
        if self.implicit and name == "forvantat_resultat" and (not self.chain or self._filled(name)):
            title = self._implicit_title()
            if title:
                self._open_goal(GoalLevel.ENHETSMAL, title, self.page)
        if not self.chain:
            return False
        self.field = name
        self.current = None
        if rest:
            self._text(rest)
        return True

    def _filled(self, name: str) -> bool:
        later = list(FIELDS)[list(FIELDS).index(name) :]
        key = self.chain[-1].key
        return any(b.paragraphs for b in self.buffers if b.goal_key == key and b.goal_field in later)

    def _implicit_title(self) -> str | None:
        """Take the short paragraph right before 'Förväntat resultat' as the goal's title.

        OCR'd applications often print the title twice (once as a running heading), so a
        near-duplicate just before it is removed too and the cleaner copy is kept. A title that
        stood alone (a heading with nothing under it yet) is taken from the heading path.
        """
        if not self.chain and self.stack and self.stack[-1].plain and not self.stack[-1].used:
            return self.stack.pop().text
        buffer = self.buffers[-1] if self.buffers else None
        if buffer is None or not buffer.paragraphs or len(buffer.paragraphs[-1].lines) > 4:
            return None
        lines = buffer.paragraphs[-1].lines
        copies = [" ".join(lines)]
        for cut in range(1, len(lines)):
            first, second = " ".join(lines[:cut]), " ".join(lines[cut:])
            if fuzz.ratio(fold(first), fold(second)) >= 85:
                copies = [first, second]
        if len(copies[-1]) > 200 or copies[-1][-1] in ".:;,":
            return None
        buffer.paragraphs.pop()
        if buffer.paragraphs:
            previous = buffer.paragraphs[-1]
            for size in range(1, min(3, len(previous.lines)) + 1):
                tail = " ".join(previous.lines[-size:])
                if fuzz.ratio(fold(tail), fold(copies[-1])) >= 85:
                    copies.insert(0, tail)
                    del previous.lines[-size:]
                    if not previous.lines:
                        buffer.paragraphs.pop()
                    break

        # The cleaner copy: fewer garbled tokens, then fewer words seen nowhere else in the document.
        def noise(copy: str) -> tuple[int, int]:
            rare = sum(1 for word in re.findall(r"\w+", fold(copy)) if self.vocabulary[word] <= 1)
            return ocr_noise(copy), rare

        return min(reversed(copies), key=noise)

    # --- headings, text, tables -------------------------------------------------------------------------

    def _heading(self, block: Block) -> None:
        if self._overview_heading(block):
            return
        if block.top or block.prompt or self._next_part(block) or self._above_anchor(block):
            self.chain = []
            self.anchor = None
            self.heading_goal = False
        elif self.chain and self.anchor is not None and not self.heading_goal:
            # Under a goal laid out in a table the fields are the table's; a deeper heading after
            # it captions the goal's indicator or activity table, it is no text of the last field.
            self._break()
            return
        elif self.chain:
            # Text of the goal's current field, unless it captions the table below it (`_table`).
            self.caption = block.text
            return
        if block.top:
            level = block.level or block.depth or 1
        elif block.level is None and block.depth is not None:
            # A numbered plain heading sits where its number says ("2 Mål" after "1.3 Delaktighet").
            level = block.depth
        elif block.prompt:
            level = block.level or 2
        elif block.level is not None:
            level = block.level
        elif self.stack:
            last = self.stack[-1]
            level = last.level if last.plain else last.level + 1
        else:
            level = 2
        while self.stack and self.stack[-1].level >= level:
            dropped = self.stack.pop()
            if dropped.plain and not dropped.used:
                # A plain "heading" with nothing under it was a short line of content (a form value
                # like the unit's name under "Verksamhetens namn"): keep it as text of its parent.
                self.current = None
                self._text(dropped.text)
                self._break()
                self.current = None
        # A numbered heading ("2 Mål och uppföljning") is a heading even with nothing of its own under it.
        plain = block.level is None and block.depth is None and not block.top and not block.prompt
        if self.stack:
            self.stack[-1].used = True
        numbered = block.level is None and block.depth is not None and not block.prompt
        self.stack.append(_Heading(level, block.text, plain, numbered=numbered, depth=block.depth))
        self.current = None
        self.seq += 1
        path = [h.text for h in self.stack]
        self.headings.append((self.seq, ProseBlock(block.text, self.page, path, None, None, is_heading=True)))

    def _next_part(self, block: Block) -> bool:
        """Whether a numbered heading starts the next part of the document ('3. Rutiner' after '2. Mål').

        Goals stand under a numbered part; a plain heading numbered at that part's depth or
        above is a sibling of it, so the goal chain has ended.
        """
        if not self.chain or block.depth is None:
            return False
        # By the numbers, whatever gave the headings their levels (a style, a bookmark, a font
        # size): "4 Rutiner" after "3 Mål och åtaganden" is the next part.
        return any(h.depth is not None and h.depth >= block.depth for h in self.stack)

    def _above_anchor(self, block: Block) -> bool:
        """Whether a styled heading ends a goal chain that a table laid out under a heading."""
        if not self.chain or self.anchor is None or block.level is None:
            return False
        return block.level <= self.anchor

    def _list_item(self, block: Block) -> None:
        """Read a bullet under an "Aktiviteter" caption as an activity (a wrapped line goes on with it)."""
        if not self.activity_list:
            return
        item = dated_item(block.text)
        if item is None:
            if self.listed is not None:
                # The bullet's sentence wrapped onto this line (no blank between).
                self.listed.text = f"{self.listed.text} {block.text.strip()}"
                self.listed.row_text = f"{self.listed.row_text} {block.text.strip()}"
                # The date may stand on the wrapped line ("… klar senast den" + "31 maj 2021").
                self.listed.start, self.listed.end = item_dates(self.listed.text)
            else:
                self.activity_list = False  # prose after the list: the list has ended
            return
        self.listed = Activity(
            text=item.text,
            start=item.start,
            end=item.end,
            goal_key=self.chain[-1].key if self.chain else None,
            page=self.page,
            row_text=block.text.strip(),
        )
        self.out.activities.append(self.listed)

    def _buffer(self) -> Buffer:
        if self.current is None:
            if self.chain:
                path = [_goal_heading(goal) for goal in self.chain] + [FIELDS[self.field]]
                self.current = Buffer(path, self.chain[-1].key, self.field)
            else:
                path = [h.text for h in self.stack]
                last = self.buffers[-1] if self.buffers else None
                if last is not None and last.goal_key is None and last.heading_path == path:
                    self.current = last  # same heading path again: continue the section
                    return last
                self.current = Buffer(path, None, None)
            self.buffers.append(self.current)
        return self.current

    def _text(self, text: str) -> None:
        buffer = self._buffer()
        if buffer.goal_key is None and self.stack:
            self.stack[-1].used = True
        if buffer.open and buffer.paragraphs:
            buffer.paragraphs[-1].lines.append(text)
            return
        self.seq += 1
        buffer.paragraphs.append(Paragraph([text], self.page, self.seq))
        buffer.open = True

    def _break(self) -> None:
        if self.current is not None:
            self.current.open = False

    def _goal_table(self, block: Block) -> bool:
        """Read a key/value goal table as the label and sub-heading lines it stands for."""
        rows = goal_rows(block.rows, bool(self.chain))
        if rows is None:
            return False
        if self.caption is not None:  # a heading above a goal table stays text, where it was
            self._caption_as_text()
        self._break()
        opened = False
        for row in rows:
            if row.label is not None:
                self._open_table_goal(row.label.level, row.value, row.label.bare_kf)
                opened = True
            elif row.field is not None:
                self.field = row.field
                self.current = None
                self._text(row.value)
                self._break()
        self.titled = None
        if opened:
            self.anchor = self.stack[-1].level if self.stack else 0
        return True

    def _open_table_goal(self, level: GoalLevel, title: str, bare: bool) -> None:
        """Open a goal from a table row; a goal repeated from an earlier table is reopened, not doubled.

        Each goal's table repeats the goals above it ("Kommunfullmäktiges mål | 1. Ett Stockholm
        …" in every table under that KF goal): the same level, number and title under the same
        parent is the same goal.
        """
        level = kf_level(title) if bare else level
        number, name = split_number(level, title)
        rank = LEVEL_RANK[level]
        chain = [goal for goal in self.chain if LEVEL_RANK[goal.level] < rank]
        parent = chain[-1].key if chain else None
        wanted = (level, number, fold(name), parent)
        for goal in self.out.goals:
            if (goal.level, goal.number, fold(goal.title), goal.parent_key) == wanted:
                self.chain = [*chain, goal]
                self.field = "beskrivning"
                self.current = None
                return
        self._open_goal(level, title, self.page)

    def _caption_as_text(self) -> None:
        """A heading inside a goal that captions no table: a line of the goal's current field."""
        text, self.caption = self.caption, None
        self._break()
        self._text(text or "")
        self._break()

    def _table(self, block: Block) -> None:
        goal = self.chain[-1] if self.chain else None
        ref = GoalRef(goal.key, goal.level, goal.title) if goal else GoalRef()
        columns = overview_columns(block.rows[0]) if block.rows else None
        if columns is not None:
            self.overviews.append((block, columns))
        result = parse_table(block.rows, ref, block.row_pages)
        self.out.indicators.extend(result.indicators)
        self.out.activities.extend(result.activities)
        self.out.warnings.extend(result.warnings)
        if self.caption is not None:
            # A Word plan puts a bold caption ("Indikatorer", "Aktiviteter") above each table of a
            # goal. When the table's rows are the goal's indicators or activities, the caption
            # names them and is no sentence of the goal's text ("Så här gör vi … Indikatorer
            # Aktiviteter"); any other line above a table ("Enligt årshjulet …" above the
            # indicators in a plain-text plan) stays text, as before.
            if _captions(self.caption, result):
                self.caption = None
            else:
                self._caption_as_text()
        if result.other_rows:
            self._break()
            for row in result.other_rows:
                self._text(row.text)
            self._break()

    def _own_chain(self) -> bool:
        """Whether the plan gives goals of its own (labels, goal tables), beside its overview tables."""
        return any(goal.key not in self.overview_keys for goal in self.out.goals)

    def _open_overview_row(self, position: int, index: int) -> None:
        """Open one overview row's goal chain and write its field cells into the innermost goal."""
        block, columns = self.overviews[position]
        cells = block.rows[index].cells or ()
        self.overview_rows_read.add((position, index))
        self.page = block.row_pages.get(index, block.page)
        self.chain = []
        before = len(self.out.goals)
        for column, cell in zip(columns, cells, strict=False):
            title = cell.strip()
            if column.label is not None and title:
                self._open_table_goal(column.label.level, title, column.label.bare_kf)
        self.overview_keys.update(goal.key for goal in self.out.goals[before:])
        if self.chain:
            for column, cell in zip(columns, cells, strict=False):
                if column.field is not None and cell.strip():
                    self.field = column.field
                    self.current = None
                    self._text(cell.strip())
                    self._break()
        self.field = "beskrivning"
        self.current = None
        self.titled = None

    def _overview_heading(self, block: Block) -> bool:
        """Open the goal an overview row describes when a heading is that goal's title.

        Plans whose goal chain is only an overview table ("Nämndmål | Enhetsmål | Förväntat
        resultat") describe each unit goal under a heading that is the goal itself, with no
        label; what stands under that heading (text, indicator and activity tables) belongs to
        the goal, until a heading at its level or above.
        """
        if not self.overviews or self._own_chain():
            return False
        wanted = _title_key(block.text)
        if not wanted:
            return False
        for position, (overview, columns) in enumerate(self.overviews):
            last = max(i for i, column in enumerate(columns) if column.label is not None)
            for index, row in enumerate(overview.rows[1:], start=1):
                cells = row.cells or ()
                if (position, index) in self.overview_rows_read or last >= len(cells):
                    continue
                title = _title_key(cells[last])
                if title and (title == wanted or fuzz.ratio(title, wanted) >= 92):
                    self._break()
                    page = self.page
                    self._open_overview_row(position, index)
                    self.page = page
                    self.anchor = block.level if block.level is not None else (block.depth or 2)
                    self.heading_goal = True
                    return True
        return False

    def _overview_goals(self) -> None:
        """The overview rows no heading opened, when the plan has no goal chain of its own."""
        if self._own_chain():
            return
        for position, (block, _) in enumerate(self.overviews):
            for index in range(1, len(block.rows)):
                if (position, index) not in self.overview_rows_read:
                    self._open_overview_row(position, index)
        self.chain = []

    def _finish(self) -> Structure:
        self._overview_goals()
        self.out.sections, self.out.prose = build_output(self.out.goals, self.buffers, self.headings)
        return self.out


def _captions(text: str, result: TableResult) -> bool:
    """Whether a short heading names what the table's rows became ("Indikatorer", "Aktiviteter 2025").

    The words are the table header's own ("Indikator", "Mått", "Aktivitet"), in the plural or
    with a year, as Word plans caption the tables under each goal.
    """
    if len(text.split()) > 3:
        return False
    role = column_role(text)
    return (role == "name" and bool(result.indicators)) or (
        (role == "activity" or is_activity_caption(text)) and bool(result.activities)
    )


def _title_key(text: str) -> str:
    """A title as compared with a heading: folded, without a leading number or end punctuation."""
    return re.sub(r"\s+", " ", re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", fold(text).strip())).strip(" .:")


def _goal_heading(goal: Goal) -> str:
    return f"{goal.number} {goal.title}" if goal.number else goal.title


def walk(blocks: list[Block], implicit_goals: bool) -> Structure:
    """Build goals, sections, indicators and activities from the blocks.

    Args:
        blocks: The first pass's blocks.
        implicit_goals: Whether titles before 'Förväntat resultat' may start goals (documents
            without any goal labels, i.e. quality-award applications).

    Returns:
        The structure, with prose paragraphs in document order for the prose extractors.
    """
    vocabulary = Counter(word for block in blocks for word in re.findall(r"\w+", fold(block.text)))
    return _Walker(implicit_goals, vocabulary).run(blocks)
