"""The words that name a quantity: read before the number, else by an ordered list of rules.

:func:`label_from_window` reads the words written right before a number
("登録世帯 289世帯").  When they name nothing, the rules of
:data:`LABEL_RULES` are tried in order, and the first that finds words decides
(the healthchecks ``TRANSPORTS`` way: a registry, not a cascade of ``if``).
Each rule is a small function of a :class:`LabelContext`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .patterns import Masked
from .records import Quantity

# Words that qualify a count rather than name it.
TOTALS = ("延べ", "のべ", "延", "累計", "合計", "総計", "計", "新規", "約")
INNER = ("内訳", "うち", "内")
FREQUENCY = ("毎月", "毎週", "毎年", "年間", "年", "月", "週")
TOTAL_WORDS = ("計", "合計", "総計")
_PARTICLES = "がはを"
TRIM = " \t:：・…‥、,()（）「」『』【】[]<>〈〉→←※*＊~-‐+/△▲"
_WORD_AFTER_RE = re.compile(
    r"[^\s\d:：、。,()（）「」【】・※~/→]+?(?=[のをにでがはと]|[\s\d:：、。,()（）「」【】・※~/→]|$)"
)
# Tokens that say which period or which unit, never what is counted: skipped when reading a label
# (前年比 stays: it names a ratio, "前年比 103%").
_NOT_A_LABEL_RE = re.compile(
    r"^(?:単位.*|(?:前|今|本|当|昨|次)年度?(?:実績|末)?|前年同期|(?:前|今)期|増減|差引?"
    r"|1(?:人|名|口|件|回|世帯|食|個|台|日)(?:あたり|当たり|につき)?|から|まで|より|以降|以来|以前|など|ほか)$"
)
_STARTS_WITH_PARTICLE = tuple("のをにでがはとへ")
# A particle after a noun ends a phrase in a sentence: "相談は年間で326件" names 相談 (年間 qualifies it).
_PARTICLE_AFTER_NOUN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff\u30a0-\u30ffA-Za-z)）])(?:より|から|まで|は|が|を|に|で|と|も|へ)"
)
_LEADING_PARTICLE_RE = re.compile(r"^(?:の|が|を|は|に|で|と|へ)")
_CLAUSE_PARTICLE_RE = re.compile(r"^(?:が|を|は|に|で|へ)")  # not の: "福祉車両 の利用" joins its noun
_VERB_ENDING_RE = re.compile(
    r"(?:しました|しています|している|された|させた|した|する|して|です|だった|であった)$"
)
_INNER_QUALIFIER_RE = re.compile(r"[(（](延べ|のべ|累計|合計|計|新規)[)）]")
_OPEN_PARENTHESIS_RE = re.compile(r"[(（](?=[^)）]*$)")  # one that is not closed in the token
LETTER_RE = re.compile(r"[^\W\d_]")  # a letter of any script: words, not digits or marks
_NUMERIC_PREFIX_RE = re.compile(r"^[\d,.\s]+")
_COLON_RE = re.compile(r"[:：]")
_TRIMMED_PARENTHESIS_RE = re.compile(r"(.*?)[(（]([^()（）]+)")  # its ")" taken off with the punctuation
VERB_LABELS = ("開催", "実施", "発行")  # what was done, not what is counted
_LABEL_AFTER_RE = re.compile(r"\s?[(（](?P<words>[^()（）\d]{1,12})[)）]")


@dataclass
class LabelContext:
    """What the rules may look at for one number: the text around it and what was read before it."""

    text: str  # the normalised text
    masked: Masked
    start: int  # where the number starts
    unit_end: int  # where its counter word ends
    after: int  # where the words read after the number end so far
    window_start: int  # where the words that may name the number begin
    fallback: str  # words before a total (計) that stood between them and the number
    words_after: str  # a qualifier's parenthesis after the unit: "(延べ件数)"
    qualifier: str | None
    items: Mapping[str, str]  # marker -> item words, from the activities cell
    previous: Quantity | None  # the quantity read just before, in the same text

    @property
    def window(self) -> str:
        return self.text[self.window_start : self.start]


@dataclass(frozen=True)
class LabelFound:
    """A rule's answer: the label, and where its words end or which qualifier they carried."""

    label: str
    end: int | None = None
    qualifier: str | None = None


LabelRule = Callable[[LabelContext], LabelFound | None]


def label_after_unit(context: LabelContext) -> LabelFound | None:
    """The word right after the counter: "利用者48件預かり" has 預かり, "96人が参加した" has 参加."""
    if context.unit_end >= len(context.text):
        return None
    word = _WORD_AFTER_RE.match(context.text, context.unit_end)
    if not word or not word.group(0):
        return None
    label = _VERB_ENDING_RE.sub("", _LEADING_PARTICLE_RE.sub("", word.group(0)))  # "が参加した" -> 参加
    return LabelFound(label, end=word.end()) if label else None


def label_of_marker(context: LabelContext) -> LabelFound | None:
    """A marker right before the number: "① 164件" takes item ① of the activities cell, else "①"."""
    label = context.masked.marker_label(context.start, context.items)
    return LabelFound(label) if label else None


def label_before_date(context: LabelContext) -> LabelFound | None:
    """Words before a date or year that cut them off: "絵画展12/17～12/20 24作品" is 絵画展,
    "訪問 2019年度から累計 412回" is 訪問; "1号 149件" is 1号."""
    label = _label_before_date(context.text, context.masked, context.window_start, context.window)
    return LabelFound(label) if label else None


def label_before_total(context: LabelContext) -> LabelFound | None:
    """Words before a total that stood in the way: "発行 計345,200部" is 発行."""
    return LabelFound(context.fallback) if context.fallback else None


def label_in_qualifier_parentheses(context: LabelContext) -> LabelFound | None:
    """A qualifier's parenthesis that also names the count: "1,073件(延べ件数)" is 延べ件数."""
    if len(context.words_after) > len(context.qualifier or ""):
        return LabelFound(context.words_after)
    return None


def label_in_parentheses_after(context: LabelContext) -> LabelFound | None:
    """Words in parentheses after the figure: "14人(参加者)" is 参加者, "30名(利用者延べ)" also gives 延べ."""
    m = _LABEL_AFTER_RE.match(context.text, context.after)
    if not m:
        return None
    label, qualifier = split_qualifier(m.group("words"))
    return LabelFound(label, qualifier=qualifier)


def label_of_formula_total(context: LabelContext) -> LabelFound | None:
    """The total of a product takes the product's label: "助成金 50,000円×21地区(計1,050,000円)" is 助成金."""
    if context.qualifier not in TOTAL_WORDS or context.previous is None:
        return None
    if "×" not in context.text[max(0, context.previous.start - 30) : context.start]:
        return None
    return LabelFound(context.previous.label) if context.previous.label else None


def label_of_total(context: LabelContext) -> LabelFound | None:
    """A total with no words of its own is labelled as the total: "合計 442件" is 合計, not a part before it."""
    return LabelFound(context.qualifier) if context.qualifier in TOTAL_WORDS else None


def label_of_previous(context: LabelContext) -> LabelFound | None:
    """A second figure of the same thing: "参加者18名(延べ25名)" gives 25名 the label 参加者 too."""
    if context.previous is None or re.search(r"[^\s()（）、,・→⇒➡~×+±\-]", strip_qualifiers(context.window)):
        return None
    return LabelFound(context.previous.label) if context.previous.label else None


# Tried in this order when the words before a number name nothing; the first answer wins.
LABEL_RULES: tuple[tuple[str, LabelRule], ...] = (
    ("after_unit", label_after_unit),
    ("marker", label_of_marker),
    ("before_date", label_before_date),
    ("before_total", label_before_total),
    ("qualifier_parentheses", label_in_qualifier_parentheses),
    ("parentheses_after", label_in_parentheses_after),
    ("formula_total", label_of_formula_total),
    ("total", label_of_total),
    ("previous", label_of_previous),
)


def apply_label_rules(context: LabelContext) -> LabelFound:
    """The first label :data:`LABEL_RULES` finds (empty when none does), with the qualifier in effect.

    A rule may find a qualifier without a label ("(延べ)"); it holds for the
    rules after it, as the words were read.
    """
    for _, rule in LABEL_RULES:
        found = rule(context)
        if found is None:
            continue
        context.qualifier = context.qualifier or found.qualifier
        if found.label:
            return LabelFound(found.label, found.end, context.qualifier)
    return LabelFound("", None, context.qualifier)


def qualifier_of(word: str) -> str:
    """The qualifier a word starts with, spelled one way: のべ and 延 are 延べ."""
    for q in (*TOTALS, *INNER):
        if word.startswith(q):
            return "延べ" if q in ("延", "のべ") else q
    return word


def split_qualifier(token: str) -> tuple[str, str | None]:
    """ "利用者延べ" -> ("利用者", "延べ"); "利用者(累計)" -> ("利用者", "累計")."""
    qualifier = None
    inner = _INNER_QUALIFIER_RE.search(token)
    if inner:
        qualifier = qualifier_of(inner.group(1))
        token = token[: inner.start()] + token[inner.end() :]
    token = token.strip(TRIM)
    for q in (*TOTALS, *FREQUENCY):
        if token.endswith(q) and (
            q not in ("年", "月", "週", "計", "約") or len(token) == len(q) or token[-len(q) - 1] in ":："
        ):
            qualifier = qualifier or qualifier_of(q)
            token = token[: -len(q)].strip(TRIM)
            break
    for q in (*INNER, "延べ", "累計", "新規"):
        if token.startswith(q) and len(token) >= len(q) + 2:
            qualifier = qualifier or q
            token = token[len(q) :].strip(TRIM)
            break
    if token in (*INNER, *TOTALS):
        qualifier, token = qualifier or qualifier_of(token), ""  # "うち新規": two qualifiers, no words
    if len(token) > 2 and token[-1] in _PARTICLES:
        token = token[:-1]
    return token.strip(TRIM), qualifier


def strip_qualifiers(window: str) -> str:
    """The window with every qualifier word blanked: what is left names something, or nothing."""
    pieces = [p for token in window.split() for p in _pieces(token)]
    window = " ".join(p for p in pieces if not _NOT_A_LABEL_RE.match(p.strip(TRIM)))
    for q in (*TOTALS, *INNER, *FREQUENCY):
        window = window.replace(q, " ")
    return window


def label_from_window(window: str) -> tuple[str, str | None, str]:
    """The words right before a number: the last token with letters in it, after qualifiers are taken off.

    Returns (label, qualifier, fallback): when a total such as 計 stands before
    the number, the label is left empty and the words before the total are
    only a fallback ("発行 計345,200部"), since "…第3水曜日 計12回開催" names
    the count after it.
    """
    qualifier: str | None = None
    stopped = False
    tokens = [piece for token in window.split() for piece in _pieces(token)]
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if _NOT_A_LABEL_RE.match(token.strip(TRIM)):
            continue  # "前年度 45件", "(単位:人) 12": the period or unit, not the thing counted
        if token.endswith((")", "）")) and token.count("(") + token.count("（") < token.count(
            ")"
        ) + token.count("）"):
            return "", qualifier, ""  # the tail of an earlier parenthesis, not words for this number
        piece = _last_colon_piece(_OPEN_PARENTHESIS_RE.split(token)[-1])
        label, q = split_qualifier(piece)
        label = "" if _NOT_A_LABEL_RE.match(label) else _closed_parenthesis(label)
        qualifier = qualifier or q
        if label and LETTER_RE.search(label):
            if label.startswith(_STARTS_WITH_PARTICLE) and index > 0:
                label = tokens[index - 1].strip(TRIM) + label  # "福祉車両 の利用": a wrap split the phrase
            label = _drop_numeric_prefix(label)
            return ("", qualifier, label) if stopped else (label, qualifier, "")
        if stopped:
            return "", qualifier, ""
        if q in TOTALS or q in INNER:
            stopped = True
    return "", qualifier, ""


def _pieces(token: str) -> list[str]:
    """A token of a sentence cut at the particles after its nouns: "相談は年間で" -> ["相談", "年間"]."""
    token = _CLAUSE_PARTICLE_RE.sub("", token)  # "に延べ": the tail of a clause before the number
    if not _PARTICLE_AFTER_NOUN_RE.search(token):
        return [token] if token else []
    return [piece for piece in _PARTICLE_AFTER_NOUN_RE.split(token) if piece]


def _closed_parenthesis(label: str) -> str:
    """ "開催(小学生の部)" names the group counted, 小学生の部; "igocoti(中央店)" keeps both words."""
    m = _TRIMMED_PARENTHESIS_RE.fullmatch(label)
    if not m:
        return label
    outer, inner = m.groups()
    return inner if not outer or outer in VERB_LABELS else f"{outer}({inner})"


def _last_colon_piece(token: str) -> str:
    pieces = [p for p in _COLON_RE.split(token) if p.strip(TRIM)]
    if not pieces:
        return ""
    last = pieces[-1]
    if len(pieces) > 1 and split_qualifier(last)[0] == "":
        return pieces[-2] + ":" + last  # "コワーキングDAY:月" -> the name, with 月 as qualifier
    return last


def _drop_numeric_prefix(label: str) -> str:
    """ "11介護事業所" -> "介護事業所"; a short name such as "3町" keeps its digit."""
    rest = _NUMERIC_PREFIX_RE.sub("", label)
    return rest if len(rest) >= 2 else label


def _label_before_date(text: str, masked: Masked, window_start: int, window: str) -> str:
    span = masked.span_ending_at(window_start)
    if span is not None and span.kind == "serial" and not LETTER_RE.search(window):
        return span.text  # "1号 149件": the class of members counted
    if span is None or span.kind not in ("date", "range", "year"):
        return ""
    before_start = masked.boundary_before(span.start)
    label, _, fallback = label_from_window(text[before_start : span.start])
    return label or fallback
