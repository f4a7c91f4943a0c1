"""Vocabulary of the question reader: unit concepts (from unit_concepts.json), cue words and intent patterns.

All words and patterns are in folded form (see `knowledge.textnorm.fold`): å/ä → a, ö → o.
Kept apart from `knowledge.understand.reading` so that the rules stay readable and can be tuned alone.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from knowledge.places import STOCKHOLM_DISTRICTS
from knowledge.textnorm import STOPWORDS, fold


def _ws(text: str) -> frozenset[str]:
    return frozenset(text.split())


Concept = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]


def _concepts() -> tuple[Concept, ...]:
    """Common social-services names of kinds of unit, from `unit_concepts.json` (data, not code).

    Each is (markers, strong aliases, weak aliases, label for unknown units): a unit whose
    folded name contains a marker gets the aliases. Strong aliases always name a unit; weak
    ones are also everyday topic words and name a unit only in a unit-like context
    ("på ekonomiskt bistånd", "barn och unga i Farsta").
    """
    data = resources.files("knowledge.understand").joinpath("unit_concepts.json")
    raw = json.loads(data.read_text(encoding="utf-8"))
    return tuple(
        (tuple(c["markers"]), tuple(c["strong"]), tuple(c["weak"]), str(c["label"])) for c in raw["concepts"]
    )


CONCEPTS = _concepts()

STOCKHOLM = STOCKHOLM_DISTRICTS

# ------------------------------------------------------------------ unit and district mentions
UNIT_PREPS = _ws("pa hos inom vid for fran enheten enheterna gruppen teamet")
# Before a weak alias ("långvarigt ekonomiskt bistånd") or a synonym ("familjer med ek bistånd")
# these words make it a topic, not a unit.
TOPIC_PREPS = _ws(
    "med hade av om till langvarigt langvarig uppbar beviljas beviljats soker sokt soka "
    "ansoker behov far fick"
)
STRONG_TOPIC_PREPS = _ws(
    "med av om till langvarigt langvarig uppbar beviljas beviljats soker sokt soka ansoker"
)
GENERIC_HEAD = _ws("enheten enhet for avdelningen gruppen sektionen verksamheten")

# ------------------------------------------------------------------ topic, follow-ups, help, language
STOP = frozenset(fold(w) for w in STOPWORDS)
CUES = _ws("""arsmal arsmalet arsmalen kf kfs mal malet malen malvarde malvardet indikator indikatorn
    indikatorer indikatorerna periodicitet aktivitet aktiviteten aktiviteter aktiviteterna rutin rutinen
    rutiner rutinerna betyder menas forkortning forkortningen akronymen slutar slut borjar borjade startar
    startade start slutdatum startdatum klar klart fardig fardigt namndmal namndmalet namndmalen enhetsmal
    enhetsmalet enhetsmalen inriktningsmal inriktningsmalet paborjades paborjas hor tillhor ligger blev
    fick ska skall vara ha gora gor manga stor enligt typ snalla fa ofta hanterar hantera ihop tack hjalp
    egentligen ungefar nu satt satta satte planen finns plats va""")
FIELD_WORDS = _ws("""forvantat forvantade forvantas resultat resultatet arbetssatt arbetssattet arbetsatt
    uppfoljning uppfoljningen foljs foljer folja upp resursanvandning resursanvandningen beskrivning
    beskrivningen utveckling utvecklingen""")
PERIOD_WORDS = _ws("ofta mats mat matas rapporteras redovisas tertial periodicitet per")
GENERIC = _ws("ansvarar ansvarig galler blir gor da samma sak ocksa aven dar dit nar vem hen han hon")
PRONOUNS = _ws("det den dem dom de dess detta denna dessa dar dit")
# Words that point back to what was just discussed ("samma mål", "deras indikatorer").
REFERS_BACK = _ws("samma dess deras")
POSSESSIVE = _ws("min mitt mina din ditt dina")  # "vem är min mentor?": not a topic word
# The asker's own unit, on the raw lower-cased words: folded "var"/"vart" would also be "where"/"was".
OWN_WORDS = frozenset(("vi", "vår", "vårt", "våra", "oss"))
OWN_PAIRS = frozenset(
    (a, b)
    for a in ("min", "mitt", "vår", "vårt", "var")
    for b in ("enhet", "enheten", "team", "grupp", "arbetsplats")
)
FOLLOW_START = ("och ", "an ", "samma ", "men ", "aven ", "ocksa ", "hur ar det med ", "hur blir det ")
GREET = _ws("hej hejsan hallo tjena tja hejhej morrn god morgon dag kvall planbot")
HELP = re.compile(
    r"^(hjalp|help|hjalpa mig|kan du hjalpa mig|vad kan du( gora| svara pa)?|vem ar du|vad ar planbot"
    r"|hur fungerar (du|det har|planbot)|vad kan jag fraga( om)?|hur funkar (du|det har)|meny|\?)?$"
)
EN = _ws(
    "the what is are how many much of our which when does do who where why should will this that "
    "with please goal target annual unit mean tell me about you"
)
FI = _ws(
    "mika mita kuinka monta paljon onko miten missa milloin kuka meidan tavoite tavoitteet vuoden "
    "vuonna yksikon mitka etta ovat tai ei on"
)
SV_EXTRA = _ws("vad hur ar och manga ska vi finns har enheten mal arsmal")
ASCII = str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE")

# ------------------------------------------------------------------ years, goal numbers, tokens
RELATIVE = (
    ("i fjol", -1),
    ("ifjol", -1),
    ("forrforra aret", -2),
    ("forra aret", -1),
    ("forra arets", -1),
    ("forra ar", -1),
    ("foregaende ar", -1),
    ("i ar", 0),
    ("arets", 0),
    ("detta ar", 0),
    ("innevarande ar", 0),
    ("nasta ar", 1),
    ("nasta ars", 1),
    ("kommande ar", 1),
)
NOT_YEAR_AFTER = _ws("gwh kwh kr kronor tkr mnkr st personer procent")
GOALNO = re.compile(r"(?<![\d,.])(\d{1,2})\.(\d{1,2})(?![\d,])(?!\.\d)(?!\s*(?:%|procent))")
GOALNO1 = re.compile(
    r"\b(?:inriktningsm[aå]l(?:et)?|kf[-: ]?(?:s )?m[aå]l(?:et)?)\s*(?:nr\.?\s*)?(\d)(?![\d.,])", re.I
)
TOKEN = re.compile(r"[^\W_]+(?::[^\W\d_]{1,3})?")


def rx(pattern: str) -> re.Pattern[str]:
    """Compile alternatives that must stand as whole (folded, space-separated) words."""
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


# ------------------------------------------------------------------ intent cues (on folded text)
ABBR = (
    re.compile(
        r"\bvad (?:betyder|menas med|star) (?:forkortningen |begreppet )?"
        r"(?P<t>[\w:.\-/]+(?: [\w\-]+)?)(?: for)?\s*\??\s*$",
        re.I,
    ),
    re.compile(r"\b(?:forkortningen|akronymen) (?P<t>[\w\-]+)", re.I),
    re.compile(r"\bvad (?:ar|är) (?:en |ett )?(?P<t>[A-ZÅÄÖ]{2,6}(?:-[\wåäö]+)?|[a-zåäö]{2,4})\s*\??\s*$"),
    re.compile(r"^(?P<t>[A-ZÅÄÖ]{2,6})\s*\?\s*$"),
)
ACT = rx(r"aktivitet\w*|slutdatum|startdatum|deadline")
WHEN = rx(r"nar|till nar|fran nar|hur lange")
END = rx(
    # "hur länge" is only a WHEN cue: "hur länge får jag stöd av en mentor" asks a duration, no end date.
    r"slut\w*|klar|klart|klara|fardig\w*|avslut\w*|deadline|till nar|sista|framtag\w*|tillsatt\w*"
    r"|genomford\w*|gjord\w*|ska \w+ vara \w+|ska vara \w+"
)
START = rx(r"borja\w*|start\w*|paborja\w*|fran nar|sedan nar|inled\w*|sattes igang")
LIST = rx(r"vilka|lista\w*|alla|vad har vi for|finns det")
COUNT = rx(r"hur manga|antal\w*|hur mycket")
SAME_GOAL = rx(
    r"samma (?:mal|malet|inriktningsmal|namndmal|enhetsmal)|(?:det|detta|det har) malet|detta mal"
    r"|(?:under|till) (?:det|detta) mal\w*|malets"
)
GOALW = rx(
    r"mal|malet|malen|malkedja\w*|(?:karn|huvud|del|verksamhets)mal\w*|inriktningsmal\w*"
    r"|kfs mal\w*|kf mal\w*|namndmal\w*|enhetsmal\w*"
)
LEVELS = {"inriktningsmal": 0, "kf mal": 1, "kfs mal": 1, "namndmal": 2, "enhetsmal": 3}
LEVEL_WORD = re.compile(r"(?<![\w-])(inriktningsmal|kfs? mal|namndmal|enhetsmal)\w*")
FIELDS = (
    ("forvantat_resultat", rx(r"forvantat resultat\w*|forvantade resultat\w*|forvantat res")),
    ("resursanvandning", rx(r"resursanvandning\w*")),
    ("arbetssatt", rx(r"arbetss?att\w*|hur arbetar (vi|ni|man)|hur jobbar (vi|ni|man)")),
    ("uppfoljning", rx(r"uppfoljning\w*|folj\w*(?: \w+){0,10} upp")),
    ("beskrivning", rx(r"beskrivning\w*|beskriv\w*")),
    ("utveckling", rx(r"utveckling|utvecklingen|utvecklingsomrade\w*")),
)
FORVANTAS = rx(r"forvantas|forvantar")
PARENT = rx(
    r"hor till|hor(?: \w+){1,6} till|tillhor|kopplat till|kopplad till|ovanfor|hor ihop med"
    r"|ligger under|ar under"
)
CHILD = rx(r"finns under|under|inom|nedbrut\w*|hor till")
KF_GOAL_FOR = rx(r"(?:kfs?|kommunfullmaktiges) mal\w* for")
OUTCOME = rx(
    r"betyg\w*|brukarundersokning\w*|brukarenkat\w*|medarbetarundersokning\w*|medarbetarenkat\w*"
    r"|utfall\w*|vad blev|hur gick det|resultatet|resultaten|fick vi|uppnadde|uppnatt|overskott"
    r"|underskott|malvarde\w*|hur manga svarade"
)
OUTCOME_ONLY = re.compile(r"betyg|undersokning|enkat|malvarde|svarade")
IND_STRONG = rx(
    r"arsmal\w*|indikator\w*|periodicitet|kfs arsmal|hur manga ska|hur stor andel|andel\w*"
    r"|procent|\w*sjukfranvaro\w*|\w*index|hur ligger vi till|nar vi malet|hur manga procent"
    r"|malet for|ska ligga pa"
)
IND_WEAK = rx(r"hur manga|antal\w*|hur mycket|hur lang\w*")
IND_HEADS = rx(r"andel\w*|antal\w*|sjukfranvaro\w*|\w*index|vantetid\w*|kostnad\w*|procent|nivan?")
KF = rx(r"kfs|kf|kommunfullmaktige\w*|stadens mal|stadens arsmal")
PERIOD = rx(
    r"periodicitet|hur ofta|tertialvis|arsvis|per tertial|varje tertial"
    r"|hur (?:mats|foljs|rapporteras)"
)
STATUS = rx(r"hur ligger vi till|nar vi|kommer vi (att )?na|status|uppfyll\w*|ligger vi")
OUT_SUB = rx(r"utfall\w*|blev|resultat\w*|landade")
ORG = rx(
    r"anstallda|medarbetare|personal\w*|arsanstallda|jobbar (det|pa|i)|chef\w*|leder|leds|ledning\w*"
    r"|team\w*|organisation\w*|organiserad\w*|bemanning\w*|skyddsombud|socialsekreterare"
    r"|handlaggare|mentor\w*|vem ansvarar|vem ar|aktuella arenden|brukare har|brukare per"
)
ROUTINE = rx(
    r"rutin\w*|hur hanterar|hur gor|anvander (vi|man|ni)|hur ska (vi|man|jag)|vad gor (vi|man|jag)"
    r"|vad ska (vi|man|jag)|hur gar det till|hur arbetar (vi|man|ni)|hur jobbar (vi|man|ni)"
    r"|klagomal\w*|synpunkt\w*|avvikelse\w*|lex sarah|hur ofta|riktlinje\w*|instruktion\w*"
    r"|vad galler (nar|vid|for|om)"
)
