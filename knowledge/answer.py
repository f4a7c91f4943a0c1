"""The answering contract shared by the CLI, the JSON API, the web chat and Teams."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class AnswerKind(StrEnum):
    """What an answer is; the JSON API sends the value (`"kind": "indicator"`)."""

    INDICATOR = "indicator"
    GOAL = "goal"
    ACTIVITY = "activity"
    GLOSSARY = "glossary"
    OUTCOME = "outcome"
    ROUTINE = "routine"
    PASSAGES = "passages"
    OVERVIEW = "overview"  # the unit's own introduction: uppdrag, målgrupp … (answers/overview.py)
    PLAN_DIFF = "plan_diff"
    LIST = "list"
    COUNT = "count"
    COMPARE = "compare"
    ADMIN = "admin"
    BUDGET = "budget"
    CLARIFY = "clarify"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    HELP = "help"
    COMMAND = "command"  # a chat command such as "min enhet" (bot/users.py)


class DeclineReason(StrEnum):
    """Why an answer is a decline (`kind: "not_found"`): internal, never shown to users.

    Recorded by the step that declined, so declines can be counted by cause (`planbot eval
    --json` writes it per question) and each cause's precision measured on its own.
    """

    NO_DOCUMENTS = "no_documents"  # nothing is ingested
    NOT_SWEDISH = "not_swedish"  # the question is not Swedish
    UNKNOWN_DISTRICT = "unknown_district"  # a district no stored document is for
    MISSING_YEAR = "missing_year"  # a year no stored document speaks for
    NO_EARLIER_PLAN = "no_earlier_plan"  # a plan comparison with one plan stored
    POOL_BELOW_CUTOFF = "pool_below_cutoff"  # routes found nothing, the pool's best is below decline_below
    POOL_OTHER_PLACE = "pool_other_place"  # the pool's answer cites another unit than the one named
    ROUTE_FOUND_NOTHING = "route_found_nothing"  # no route or passage answered and no pool ran
    UNCOVERED_NAME = "uncovered_name"  # an item name no document holds (answers/uncovered.py)
    ABSENT_NAME = "absent_name"  # a written name no document uses (answers/absent_name.py)
    COUNT_WITHOUT_NUMBER = "count_without_number"  # "hur många" answered by a quote with no number
    COUNT_OTHER_NOUN = "count_other_noun"  # the quoted numbers count another noun (answers/count_parts.py)
    COUNT_WHOLE_ONLY = "count_whole_only"  # a part asked, only the whole counted (answers/count_parts.py)
    UNSTATED_VALUE = "unstated_value"  # a figure asked for that no quote states (answers/unstated_value.py)
    FOREIGN_TERM = "foreign_term"  # a field term only other documents use (answers/support.py)
    MISSING_MEASURE = "missing_measure"  # a measure no quote states (answers/support.py)
    MISSING_RATE = "missing_rate"  # a rate per period no quote states (answers/asked_rate.py)
    UNSTATED_IDENTIFIER = "unstated_identifier"  # a date, number, address or name no quote holds
    UNSTATED_DETAIL = "unstated_detail"  # a time of day, weekday or sum no quote about the topic states
    UNSTATED_QUALIFIER = "unstated_qualifier"  # an indicator asked for a group, age … no row states
    NO_ROUTINE = "no_routine"  # a routine asked for, no routine cited (answers/routine_asked.py)
    OTHER_SUBJECT = "other_subject"  # the quote is about another named part (answers/other_subject.py)
    EMPTY_LIST = "empty_list"  # a list or count whose filters leave no row (answers/lists.py, activity.py)


class Citation(BaseModel):
    """One numbered source of an answer; `n` matches the `[n]` markers in the text."""

    n: int
    source: str = Field(description="File name as ingested.")
    title: str
    unit: str | None = None
    district: str | None = None
    year: int | None = None
    section: str = Field(description="Breadcrumb: document › goal path › section.")
    page: int | None = None
    quote: str = Field(description="Exact supporting text, at most 400 characters.", max_length=400)
    repaired_quote: str | None = Field(
        default=None,
        description="A readable reading of an OCR-damaged quote (å/ä/ö restored); `quote` stays verbatim.",
    )


class Fact(BaseModel):
    """A labelled value shown as a FactSet in cards (indicator answers)."""

    title: str
    value: str


class TableRow(BaseModel):
    """One row of a list answer: its cells and the citation `n` it comes from."""

    cells: list[str]
    cite: int | None = Field(default=None, description="`n` of the row's citation.")


class AnswerTable(BaseModel):
    """Rows of a list, count or comparison answer, for clients that show tables (web chat).

    `intro` and `outro` are the Markdown around the list; the answer text itself holds the same
    rows as a numbered list (at most 12, then '… och N till') for Teams and the CLI.
    """

    columns: list[str]
    rows: list[TableRow] = []
    intro: str = ""
    outro: str = ""


class ConversationContext(BaseModel):
    """What carries over between turns of one conversation (follow-up questions)."""

    unit: str | None = None
    district: str | None = None
    year: int | None = None
    source: str | None = Field(default=None, description="Document the last answer came from.")
    indicator: str | None = Field(default=None, description="Name of the last indicator asked about.")
    goal_key: str | None = None
    topic: str | None = Field(default=None, description="Last question's topic words.")
    intent: str | None = None
    question: str | None = Field(
        default=None,
        description="The last question as answered (after its own follow-up was resolved): what a "
        "follow-up that names only a new subject or a new attribute ('och Tora då?', 'var ligger de?') "
        "completes.",
    )
    section: str | None = Field(
        default=None,
        description="Breadcrumb of the prose section the last answer quoted first (in `source`): where a "
        "follow-up about that text ('kan man äta där?', 'hur följs det upp?') is looked up first.",
    )
    sections: list[str] = Field(
        default=[],
        description="Breadcrumbs of the other prose sections the last answer quoted (in `source`), in order: "
        "a follow-up may be about any of them.",
    )
    unit_named: bool = Field(
        default=False,
        description="The user named the unit or district of `source` in the conversation (not only a "
        "glossary or passage answer happening to come from it): a later full question is about it too.",
    )
    activity: str | None = Field(
        default=None,
        description="Name of the activity the last answer cited first, whichever route found it: what "
        "'när?' or 'när slutar den?' asks about.",
    )
    items: list[str] = Field(
        default=[],
        description="Names of the indicators, activities or goals the last answer listed, in the order "
        "shown: what 'den andra' or 'den sista' points at.",
    )
    quoted: list[str] = Field(
        default=[],
        description="The prose the last answer quoted from `source`, in order: what the user just read, "
        "and what 'var ligger det?' or 'när tar det slut?' points into (answers/followup_quoted.py).",
    )
    pending: str | None = Field(
        default=None,
        description="The question the last answer left unanswered (it asked back which unit, or found "
        "nothing): a reply that only names a unit, district, year or type ('stöd och aktivitet', "
        "'ok men 2023 då?') asks it again with that (understand/references.py).",
    )
    options: list[str] = Field(
        default=[],
        description="The documents a clarification listed, in the order shown: what a reply such as "
        "'2' or 'den andra' picks (answers/followup_choice.py).",
    )


class Answer(BaseModel):
    """An answer: Swedish Markdown with `[n]` markers, its kind, citations and suggestions.

    `facts` and `context` are not part of the JSON API (see `api_dict`): `facts` feed
    cards, `context` is the conversation state after this turn.
    """

    answer: str
    kind: AnswerKind
    citations: list[Citation] = []
    suggestions: list[str] = []
    facts: list[Fact] = []
    table: AnswerTable | None = None
    context: ConversationContext = ConversationContext()
    decline: DeclineReason | None = Field(
        default=None,
        exclude=True,
        description="Why a not_found answer declined (internal: counted by `planbot eval --json`).",
    )

    def api_dict(self) -> dict[str, object]:
        """Return the exact JSON shape of `POST /api/ask` and `planbot ask --json`.

        `table` is added only for list answers (rows with their citations); citations carry
        `repaired_quote` only when the quote is OCR-damaged and a confident repair exists.
        """
        data = self.model_dump(include={"answer", "kind", "citations", "suggestions"}, mode="json")
        for citation in data["citations"]:
            if citation.get("repaired_quote") is None:
                citation.pop("repaired_quote", None)
        if self.table is not None:
            data["table"] = self.table.model_dump(mode="json")
        return data
