"""Reading a staff question: which unit, district, year and document type it names,
what it asks for (intent, sub-intent) and what it is about (topic).

Pure and fast (well under 2 ms): rules over folded tokens, plus rapidfuzz on word
n-grams for unit and district names, so that typos and OCR spellings
("forsorjningsstod", "Hésselby") still meet the canonical names. Aliases are derived from
the names of the documents' units and districts plus `_CONCEPTS`, a small table of
common social-services synonyms, so that a new unit or district needs no code change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import numpy as np
from pydantic import BaseModel, Field
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from knowledge.answer import ConversationContext
from knowledge.models import DocType, DocumentMeta
from knowledge.textnorm import STOPWORDS, fold, stem_tokens


class Intent(StrEnum):
    """What a question asks for."""

    INDICATOR = "indicator"
    GOAL = "goal"
    ACTIVITY = "activity"
    ROUTINE = "routine"
    ABBREVIATION = "abbreviation"
    ORGANISATION = "organisation"
    OUTCOME = "outcome"
    GENERAL = "general"


class QuestionReading(BaseModel):
    """Everything `read_question` understood of one question."""

    text: str = Field(description="The question, whitespace-normalised.")
    units: list[str] = Field(default=[], description="Canonical unit names (DocumentMeta.unit) named.")
    districts: list[str] = Field(default=[], description="Canonical district names named.")
    year: int | None = None
    years: list[int] = Field(default=[], description="All years named, in order.")
    doc_type: DocType | None = Field(
        default=None, description="Type the question names; a preference, not a hard filter."
    )
    intent: Intent = Intent.GENERAL
    sub_intent: str | None = None
    abbreviation: str | None = None
    goal_number: str | None = None
    topic: str = ""
    is_followup: bool = False
    looks_swedish: bool = True
    is_help: bool = False
    other_districts: list[str] = Field(
        default=[], description="Stockholm districts named that no document belongs to."
    )
    other_units: list[str] = Field(
        default=[], description="Kinds of unit named ('barn och unga') that no document belongs to."
    )
    from_context: list[str] = Field(default=[], description="Fields `apply_context` filled in.")


# ---------------------------------------------------------------- vocabulary (folded)

# Common social-services synonyms. A unit whose folded name contains a marker gets the
# concept's aliases; (markers, strong aliases, weak aliases, label for unknown units).
# Strong aliases always name a unit; weak ones are also everyday topic words and name a
# unit only in a unit-like context ("på ekonomiskt bistånd", "barn och unga i Farsta").
_CONCEPTS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str], ...] = (
    (("ekonomiskt bistand", "forsorjningsstod", "socialbidrag"),
     ("ek bistand", "ekbistand", "ekon bistand", "forsorjningsstodsenheten", "soc", "socialbidrag",
      "bistandsenheten"),
     ("ekonomiskt bistand", "forsorjningsstod", "fos"), "ekonomiskt bistånd"),
    (("beroende", "missbruk"),
     ("beroendeenheten", "missbruksenheten", "beroendedelen", "beroendegruppen", "missbruksvarden",
      "beroendevarden"),
     ("beroende", "missbruk", "missbrukare", "vuxna missbrukare"), "beroende och missbruk"),
    (("socialpsykiatri", "aktivitet", "boendestod", "sysselsattning"),
     ("socialpsykiatrin", "socialpsyk", "socpsyk", "sociala psykiatrin"),
     ("socialpsykiatri",), "socialpsykiatri"),
    (("barn och unga", "barn och ungdom", "barn- och ungdom", "familj"),
     ("bou", "barnenheten", "barn och ungdomsenheten", "familjeenheten", "ungdomsenheten"),
     ("barn och unga", "barn och ungdom"), "barn och unga"),
    (("funktionsnedsattning", "funktionshinder", "lss", "stod och service"),
     ("lss", "lss-enheten", "funktionshinderenheten"),
     ("funktionsnedsattning", "funktionshinder"), "funktionsnedsättning"),
    (("aldre", "aldreomsorg", "hemtjanst"),
     ("aldreomsorgen", "aldreenheten", "hemtjansten"), ("aldreomsorg",), "äldreomsorg"),
    (("vald", "relationsvald"),
     ("relationsvaldsteamet", "relationsvaldscentrum", "rvc"), ("vald i nara relation",),
     "våld i nära relation"),
)

# Stockholm's districts (stadsdelsområden, and the pre-2020 ones still found in old plans).
_STOCKHOLM = (
    "Rinkeby-Kista", "Spånga-Tensta", "Hässelby-Vällingby", "Bromma", "Kungsholmen", "Norrmalm",
    "Östermalm", "Södermalm", "Enskede-Årsta-Vantör", "Skarpnäck", "Farsta", "Hägersten-Älvsjö",
    "Skärholmen", "Hägersten-Liljeholmen", "Älvsjö",
)

_UNIT_PREPS = frozenset("pa hos inom vid for fran enheten enheterna gruppen teamet".split())
_TOPIC_PREPS = frozenset(
    "med har hade av om till langvarigt langvarig uppbar beviljas beviljats soker sokt soka ansoker "
    "behov far fick".split()
)
_GENERIC_HEAD = frozenset("enheten enhet for avdelningen gruppen sektionen verksamheten".split())
_STOP = frozenset(fold(w) for w in STOPWORDS)
_CUES = frozenset(
    """arsmal arsmalet arsmalen kf kfs mal malet malen malvarde malvardet indikator indikatorn
    indikatorer indikatorerna periodicitet aktivitet aktiviteten aktiviteter aktiviteterna rutin
    rutinen rutiner rutinerna betyder menas forkortning forkortningen akronymen slutar slut borjar
    borjade startar startade start slutdatum startdatum klar klart fardig fardigt namndmal
    namndmalet namndmalen enhetsmal enhetsmalet enhetsmalen inriktningsmal inriktningsmalet
    kf-mal kf-malet hor tillhor ligger blev fick ska skall vara ha gora manga stor enligt typ
    snalla tack hjalp egentligen ungefar nu satt satta satte planen finns plats""".split()
)
_GENERIC = frozenset(
    "ansvarar ansvarig galler blir gor da samma sak ocksa aven dar dit nar vem hen han hon".split()
)
_PRONOUNS = frozenset("det den dem dom de dess detta denna dessa dar dit".split())
_FOLLOW_START = ("och ", "an ", "samma ", "men ", "aven ", "ocksa ", "hur ar det med ", "hur blir det ")
_GREET = frozenset("hej hejsan hallo tjena tja hejhej morrn god morgon dag kvall planbot".split())
_HELP = re.compile(
    r"^(hjalp|help|hjalpa mig|kan du hjalpa mig|vad kan du( gora| svara pa)?|vem ar du|vad ar planbot"
    r"|hur fungerar (du|det har|planbot)|vad kan jag fraga( om)?|hur funkar (du|det har)|meny|\?)?$"
)
_EN = frozenset("the what is are how many much of our which when does do who where why should will "
                "this that with please goal target annual unit mean tell me about you".split())
_FI = frozenset("mika mita kuinka monta paljon onko miten missa milloin kuka meidan tavoite "
                "tavoitteet vuoden vuonna yksikon mitka etta ovat tai ei on".split())
_SV_EXTRA = frozenset("vad hur ar och manga ska vi finns har enheten mal arsmal".split())
_RELATIVE = (("i fjol", -1), ("ifjol", -1), ("forrforra aret", -2), ("forra aret", -1),
             ("forra arets", -1), ("forra ar", -1), ("foregaende ar", -1), ("i ar", 0), ("arets", 0),
             ("detta ar", 0), ("innevarande ar", 0), ("nasta ar", 1), ("nasta ars", 1),
             ("kommande ar", 1))
_NOT_YEAR_AFTER = frozenset("gwh kwh kr kronor tkr mnkr st personer procent".split())
_LEVELS = {"inriktningsmal": 0, "kf-mal": 1, "kfs mal": 1, "kf mal": 1, "namndmal": 2, "enhetsmal": 3}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


_ABBR = (
    re.compile(r"\bvad (?:betyder|menas med|star) (?:forkortningen |begreppet )?"
               r"(?P<t>[\w:.\-/]+(?: [\w\-]+)?)(?: for)?\s*\??\s*$", re.I),
    re.compile(r"\b(?:forkortningen|akronymen) (?P<t>[\w\-]+)", re.I),
    re.compile(r"\bvad (?:ar|är) (?:en |ett )?(?P<t>[A-ZÅÄÖ]{2,6}(?:-[\wåäö]+)?|[a-zåäö]{2,4})\s*\??\s*$"),
    re.compile(r"^(?P<t>[A-ZÅÄÖ]{2,6})\s*\?\s*$"),
)
_GOALNO = re.compile(r"(?<![\d,.])(\d{1,2})\.(\d{1,2})(?![\d,])(?!\.\d)(?!\s*(?:%|procent))")
_GOALNO1 = re.compile(r"\b(?:inriktningsm[aå]l(?:et)?|kf[-: ]?(?:s )?m[aå]l(?:et)?)\s*(?:nr\.?\s*)?(\d)(?![\d.,])",
                      re.I)
_TOKEN = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3})?")
_ACT = _rx(r"aktivitet\w*|slutdatum|startdatum|deadline")
_WHEN = _rx(r"nar|till nar|fran nar|hur lange")
_END = _rx(r"slut\w*|klar\w*|fardig\w*|avslut\w*|deadline|till nar|hur lange|sista")
_START = _rx(r"borja\w*|start\w*|paborja\w*|fran nar|inled\w*|sattes igang")
_LIST = _rx(r"vilka|lista\w*|alla|vad har vi for|finns det")
_GOALW = _rx(r"mal|malet|malen|malkedja\w*|inriktningsmal\w*|kf-mal\w*|kfs mal\w*|kf mal\w*|namndmal\w*"
             r"|enhetsmal\w*")
_FIELDS = (("forvantat_resultat", _rx(r"forvantat resultat\w*|forvantade resultat\w*|forvantat res")),
           ("resursanvandning", _rx(r"resursanvandning\w*")),
           ("arbetssatt", _rx(r"arbetss?att\w*|hur arbetar (vi|ni|man)|hur jobbar (vi|ni|man)")),
           ("uppfoljning", _rx(r"uppfoljning\w*|folj\w* upp|folja upp")),
           ("beskrivning", _rx(r"beskrivning\w*|beskriv\w*")),
           ("utveckling", _rx(r"utveckling|utvecklingen|utvecklingsomrade\w*")))
_PARENT = _rx(r"hor till|tillhor|kopplat till|kopplad till|ovanfor|hor ihop med|ligger under|ar under")
_CHILD = _rx(r"finns under|under|inom|nedbrut\w*|hor till")
_OUTCOME = _rx(r"betyg\w*|brukarundersokning\w*|brukarenkat\w*|medarbetarundersokning\w*|medarbetarenkat\w*"
               r"|utfall\w*|vad blev|hur gick det|resultatet|resultaten|fick vi|uppnadde|uppnatt|overskott"
               r"|underskott|malvarde\w*|hur manga svarade")
_IND_STRONG = _rx(r"arsmal\w*|indikator\w*|periodicitet|kfs arsmal|hur manga ska|hur stor andel|andel\w*"
                  r"|procent|sjukfranvaro\w*|\w*index|hur ligger vi till|nar vi malet|hur manga procent"
                  r"|ska ligga pa")
_IND_WEAK = _rx(r"hur manga|antal\w*|hur mycket|hur lang\w*")
_KF = _rx(r"kfs|kf|kf-\w+|kommunfullmaktige\w*|stadens mal|stadens arsmal")
_PERIOD = _rx(r"periodicitet|hur ofta|tertial\w*|arsvis|mats|foljs upp|rapporteras")
_STATUS = _rx(r"hur ligger vi till|nar vi|kommer vi (att )?na|status|uppfyll\w*|ligger vi")
_OUT_SUB = _rx(r"utfall\w*|blev|resultat\w*|landade")
_ORG = _rx(r"anstallda|medarbetare|personal\w*|arsanstallda|jobbar (det|pa|i)|chef\w*|leder|leds|ledning\w*"
           r"|team\w*|organisation\w*|organiserad\w*|bemanning\w*|skyddsombud|socialsekreterare"
           r"|handlaggare|mentor\w*|vem ansvarar|vem ar|aktuella arenden|brukare har|brukare per")
_ROUTINE = _rx(r"rutin\w*|hur hanterar|hur gor (vi|man|jag|ni)|hur ska (vi|man|jag)|vad gor (vi|man|jag)"
               r"|vad ska (vi|man|jag)|hur gar det till|hur arbetar (vi|man|ni)|hur jobbar (vi|man|ni)"
               r"|klagomal\w*|synpunkt\w*|avvikelse\w*|lex sarah|hur ofta|riktlinje\w*|instruktion\w*"
               r"|vad galler (nar|vid|for|om)|vad gor vi")
_IND_HEADS = _rx(r"andel\w*|antal\w*|sjukfranvaro\w*|\w*index|vantetid\w*|kostnad\w*|procent|nivan?")


@dataclass(frozen=True)
class _Tok:
    raw: str
    start: int
    end: int
    f: str  # folded, ':' removed
    stem: str


@dataclass(frozen=True)
class _Alias:
    key: str
    words: int
    kind: str  # unit | district | other_unit | other_district
    targets: tuple[str, ...]
    weak: bool
    concept: bool
