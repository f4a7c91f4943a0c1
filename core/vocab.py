"""One reader for the curated vocabulary tables (`*.tsv` word lists shipped beside the code).

Every table has the same outer form: one row a line, cells separated by tabs, `#` at the start
of a line for a comment, blank lines for air. What the cells mean differs per table, so this
module only reads rows and gives each its file name and line number; the owning module checks
and folds its cells and, when a row is wrong, raises `VocabError` through `Row.error`/`Row.fail`
so every table reports a bad line the same way (in Swedish, since the tables are edited by staff
and the bot's maintainers in Swedish).

It lives in `core` because both `ingest` and `knowledge` read such tables and `core` is the
one package both may import.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


class VocabError(ValueError):
    """A line of a vocabulary table is malformed.

    A `ValueError`, so callers that caught the tables' former errors still catch it.

    Attributes:
        name: The table's file name.
        line_no: The 1-based number of the bad line.
    """

    def __init__(self, name: str, line_no: int, detail: str) -> None:
        super().__init__(f"{name} rad {line_no}: {detail}")
        self.name = name
        self.line_no = line_no


@dataclass(frozen=True)
class Row:
    """One data line of a table.

    Attributes:
        name: The table's file name, for error messages.
        no: The line's 1-based number in the file.
        line: The line as written (no newline).
        cells: The line split on tabs, cells as written (not stripped: some tables give
            meaning to a cell's exact text).
    """

    name: str
    no: int
    line: str
    cells: tuple[str, ...]

    def cell(self, index: int, default: str = "") -> str:
        """The cell at `index` stripped, or `default` when the line has fewer cells."""
        return self.cells[index].strip() if index < len(self.cells) else default

    def rest(self, index: int) -> str:
        """The line from cell `index` on, its tabs kept ("" when there is no such cell)."""
        return "\t".join(self.cells[index:])

    def error(self, expected: str) -> VocabError:
        """The error for a line not of the table's form.

        Args:
            expected: The form the line should have, quoted as in the table's header
                ("'ordform<TAB>anteckning'"); it tells the editor what to write instead.
        """
        return VocabError(self.name, self.no, f"väntade {expected}, fick {self.line!r}")

    def fail(self, detail: str) -> VocabError:
        """The error for a line of the right form whose content is wrong ("okänd roll 'x'")."""
        return VocabError(self.name, self.no, detail)


def is_data(line: str) -> bool:
    """Whether a line holds data: not blank, and not a comment (`#` in the first column)."""
    return bool(line.strip()) and not line.startswith("#")


def rows(text: str, name: str, *, min_columns: int = 1, expected: str = "") -> list[Row]:
    """The data rows of a table's text, in file order.

    Args:
        text: The table's text.
        name: The file name, for error messages.
        min_columns: The fewest tab-separated cells a row must have.
        expected: The row form for the error on too few cells (see `Row.error`).

    Returns:
        The rows, comments and blank lines left out.

    Raises:
        VocabError: A row has fewer than `min_columns` cells.
    """
    out: list[Row] = []
    for no, line in enumerate(text.splitlines(), 1):
        if not is_data(line):
            continue
        row = Row(name, no, line, tuple(line.split("\t")))
        if len(row.cells) < min_columns:
            raise row.error(expected or f"minst {min_columns} kolumner")
        out.append(row)
    return out


def read_rows(path: Path, *, min_columns: int = 1, expected: str = "") -> list[Row]:
    """The data rows of a table file (see `rows`); errors name the file by its base name."""
    return rows(path.read_text(encoding="utf-8"), path.name, min_columns=min_columns, expected=expected)


def packaged_text(package: str, name: str) -> str:
    """The text of a table shipped inside a package ("knowledge.understand", "chatter.tsv")."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")
