"""Context rules for hedge and booster candidates (listed, with sources, in data/hedge_rules.yaml).

Each rule is a function ``rule(candidate, context)`` that may drop a candidate (set
``candidate.dropped_by``) or re-label it (category, span, lemma, ``candidate.rule``). Rules
use tags and dependencies when the Doc has them (parse mode) and word context otherwise
(fast mode). ``RULES`` maps rule names to functions, in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from analysis.detectors.hedging.lexicon import MACROS, LexiconEntry

NEGATIONS = frozenset({"not", "n't", "never", "no", "without", "hardly", "neither", "nor"})
BE_FORMS = frozenset(MACROS["BE"])
DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "some",
        "any",
        "no",
        "every",
        "each",
        "another",
        "whose",
    }
)
NUMBER_WORDS = frozenset(
    {
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "half",
        "third",
        "quarter",
        "fifth",
        "score",
    }
)
CURRENCY = frozenset({"$", "£", "€", "us$", "¥", "usd", "eur", "gbp"})
MONTH_CONTEXT = frozenset(
    {
        "in",
        "on",
        "since",
        "until",
        "till",
        "by",
        "from",
        "of",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "mid-",
        "through",
        "during",
        "this",
        "between",
        "before",
        "after",
        "theresa",
        "mrs",
        "ms",
        "mr",
        "prime",
        "minister",
        "and",
        "to",
    }
)
MIGHT_NOUN_CONTEXT = frozenset(
    {
        "military",
        "economic",
        "naval",
        "nuclear",
        "industrial",
        "financial",
        "full",
        "all",
        "its",
        "his",
        "her",
        "their",
        "our",
        "the",
        "with",
        "of",
        "air",
        "great",
    }
)
NOUN_PRECEDERS = DETERMINERS | frozenset(
    {
        "two",
        "three",
        "four",
        "five",
        "several",
        "many",
        "both",
        "police",
        "main",
        "prime",
        "key",
        "chief",
        "other",
        "of",
        "for",
        "murder",
        "terror",
        "terrorism",
        "alleged",
        "possible",
        "potential",
        "latest",
        "initial",
        "official",
        "western",
        "conservative",
        "rough",
        "best",
        "first",
        "new",
        "current",
        "independent",
        "'s",
        "own",
    }
)
NOUN_FOLLOWERS = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "who",
        "in",
        "fled",
        "arrested",
        "remain",
        "remains",
        "of",
        "for",
        "on",
        "put",
        "puts",
        "vary",
        "varies",
        "range",
    }
)
MAKE_FORMS = frozenset({"make", "makes", "made", "making"})
REPORT_FORMS = frozenset(
    {
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "tell",
        "telling",
        "added",
        "adds",
        "adding",
        "insisted",
        "insists",
        "insisting",
        "claimed",
        "claims",
        "claiming",
        "stated",
        "states",
        "announced",
        "warned",
        "warns",
        "warning",
        "noted",
        "noting",
        "argued",
        "argues",
        "predicted",
        "predicts",
        "promised",
        "pledged",
        "vowed",
        "reported",
        "reports",
        "denied",
        "denies",
        "acknowledged",
        "admitted",
        "explained",
        "wrote",
        "agreed",
        "decided",
        "specify",
        "specified",
        "asked",
        "wondered",
        "hoped",
        "hopes",
        "thought",
        "believed",
        "believes",
        "believe",
        "expected",
        "expects",
        "estimated",
        "assessed",
        "suggested",
        "indicated",
        "knew",
        "evidence",
        "assurances",
        "assured",
        "confirmed",
        "revealed",
        "signalled",
        "signaled",
        "threatened",
        "feared",
        "fears",
        "stressed",
        "emphasised",
        "emphasized",
        "declared",
        "maintained",
    }
)
REPORT_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "insist",
        "claim",
        "state",
        "announce",
        "warn",
        "note",
        "argue",
        "predict",
        "promise",
        "pledge",
        "vow",
        "report",
        "deny",
        "acknowledge",
        "admit",
        "explain",
        "write",
        "agree",
        "decide",
        "specify",
        "ask",
        "wonder",
        "hope",
        "think",
        "believe",
        "expect",
        "estimate",
        "assess",
        "suggest",
        "indicate",
        "know",
        "evidence",
        "assurance",
        "assure",
        "confirm",
        "reveal",
        "signal",
        "threaten",
        "fear",
        "stress",
        "emphasise",
        "emphasize",
        "declare",
        "maintain",
    }
)
CLAUSE_BREAKS = frozenset(
    {
        ",",
        ";",
        ":",
        "—",
        "–",
        "(",
        ")",
        "but",
        "and",
        "or",
        "that",
        "which",
        "who",
        "because",
        "although",
        "while",
        "if",
        "whether",
        '"',
        "“",
        "”",
    }
)


@dataclass
class Candidate:
    """A lexicon match (token indices into the Doc, end exclusive) on its way to becoming a cue."""

    start: int
    end: int
    entry: LexiconEntry
    category: str
    lemma: str
    rule: str = "lexicon"
    dropped_by: str | None = None
    negated: bool = False

    @property
    def n_tokens(self) -> int:
        return self.end - self.start


@dataclass
class Context:
    """What rules may look at: the Doc, the sentence, normalised token texts, quote regions."""

    doc: Doc
    sentence: Span
    norms: list[str]
    use_tags: bool
    quote_test: Callable[[int], bool] = field(default=lambda char: False)

    def norm(self, i: int) -> str:
        """Normalised text of token i, or '' outside the sentence."""
        if self.sentence.start <= i < self.sentence.end:
            return self.norms[i]
        return ""

    def prev(self, i: int, n: int = 1) -> list[str]:
        """The n tokens before token i within the sentence, nearest first."""
        return [self.norms[j] for j in range(i - 1, max(self.sentence.start, i - n) - 1, -1)]

    def after(self, i: int, n: int = 1) -> list[str]:
        """The n tokens from token i on within the sentence."""
        return [self.norms[j] for j in range(i, min(self.sentence.end, i + n))]

    def is_sentence_start(self, i: int) -> bool:
        j = self.sentence.start
        while j < i and not any(ch.isalnum() for ch in self.doc[j].text):
            j += 1  # opening quotes and bullets
        return i == j


def _is_number_at(ctx: Context, i: int) -> bool:
    text = ctx.norm(i)
    if not text:
        return False
    if text in CURRENCY:
        return _is_number_at(ctx, i + 1)
    if text in ("a", "an"):
        return ctx.norm(i + 1) in NUMBER_WORDS
    token = ctx.doc[i]
    return token.like_num or text[0].isdigit() or text in NUMBER_WORDS


def _forms(cand: Candidate, ctx: Context) -> list[str]:
    return [ctx.norms[i] for i in range(cand.start, cand.end)]


def _head_form(cand: Candidate, ctx: Context) -> str:
    return ctx.norms[cand.start] if cand.n_tokens == 1 else ""


def _single(cand: Candidate, ctx: Context, forms: frozenset[str] | set[str]) -> bool:
    return cand.n_tokens == 1 and ctx.norms[cand.start] in forms


# --- the rules -------------------------------------------------------------------------------


def may_month(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"may"}):
        return
    i = cand.start
    token = ctx.doc[i]
    if token.text != "May":
        return  # lower-case "may" is always the modal
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if (prev and prev[0] in MONTH_CONTEXT) or _is_number_at(ctx, i + 1) or nxt in {",", ".", ";", "'s", ")"}:
        cand.dropped_by = "may_month"
        return
    if ctx.use_tags:
        if token.tag_ != "MD":
            cand.dropped_by = "may_month"
        return
    if ctx.is_sentence_start(i):
        return
    # Mid-sentence capital "May" is the month or a name, unless the line is in title case (headlines).
    words = [t for t in ctx.sentence if t.is_alpha]
    title_case = words and sum(t.text[0].isupper() for t in words) / len(words) >= 0.6
    if not title_case:
        cand.dropped_by = "may_month"


def might_noun(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"might"}):
        return
    i = cand.start
    if ctx.use_tags:
        if ctx.doc[i].tag_ != "MD":
            cand.dropped_by = "might_noun"
        return
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if (prev and (prev[0] in MIGHT_NOUN_CONTEXT or prev[0] == "'s")) or nxt in {"of", "and", ",", ".", ";", ""}:
        cand.dropped_by = "might_noun"


def could_not_ability(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"could"}):
        return
    after = ctx.after(cand.start + 1, 2)
    if after and after[0] in {"not", "n't", "never"} and (len(after) < 2 or after[1] != "have"):
        cand.dropped_by = "could_not_ability"


def approximator_before_number(cand: Candidate, ctx: Context) -> None:
    if cand.category != "approximator":
        return
    if _is_number_at(ctx, cand.end):
        cand.rule = "approximator_before_number"
    else:
        cand.dropped_by = "approximator_before_number"


def _is_attributive_likely(cand: Candidate, ctx: Context) -> bool:
    i = cand.end - 1
    if ctx.norms[i] != "likely":
        return False
    if ctx.use_tags:
        token = ctx.doc[i]
        return token.dep_ == "amod" or (
            token.pos_ == "ADJ" and token.head.i > i and token.head.pos_ in {"NOUN", "PROPN"}
        )
    nxt = ctx.norm(i + 1)
    prev = ctx.prev(cand.start, 1)
    return bool(prev) and prev[0] in DETERMINERS and nxt.isalpha() and nxt not in {"to", "that", "than", "be"}


def attributive_likely(cand: Candidate, ctx: Context) -> None:
    # Runs whether or not the rule is enabled: see find_candidates' handling of "inverse" rules.
    if _is_attributive_likely(cand, ctx):
        cand.rule = "attributive_likely"


def supposed_to(cand: Candidate, ctx: Context) -> None:
    if _single(cand, ctx, {"supposed"}) and ctx.norm(cand.end) == "to":
        cand.dropped_by = "supposed_to"


def rather_than(cand: Candidate, ctx: Context) -> None:
    if "rather" not in _forms(cand, ctx):
        return
    i = cand.start + _forms(cand, ctx).index("rather")
    if ctx.norm(i + 1) == "than" or ctx.prev(i, 1) == ["would"] or ctx.prev(i, 1) == ["'d"]:
        cand.dropped_by = "rather_than"


def think_about(cand: Candidate, ctx: Context) -> None:
    head = _head_form(cand, ctx)
    nxt = ctx.norm(cand.end)
    if (
        head in {"think", "thinks", "thought", "thinking"}
        and nxt
        in {
            "about",
            "of",
            "through",
            "back",
            "twice",
            "ahead",
        }
        or head in {"believe", "believes", "believed", "believing"}
        and nxt == "in"
    ):
        cand.dropped_by = "think_about"


def think_tank(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"think"}):
        return
    nxt = ctx.after(cand.end, 2)
    if nxt and (nxt[0] in {"tank", "tanks"} or (nxt[0] == "-" and len(nxt) > 1 and nxt[1] in {"tank", "tanks"})):
        cand.dropped_by = "think_tank"


def _looks_like_noun(cand: Candidate, ctx: Context) -> bool:
    i = cand.start
    if ctx.use_tags:
        return ctx.doc[i].pos_ in {"NOUN", "PROPN"}
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if prev and (prev[0] in NOUN_PRECEDERS or prev[0][:1].isdigit()):
        return True
    return nxt in NOUN_FOLLOWERS and not (prev and prev[0] in {"i", "we", "they", "you", "he", "she", "police"})


def suspect_noun(cand: Candidate, ctx: Context) -> None:
    if _single(cand, ctx, {"suspect", "suspects"}) and _looks_like_noun(cand, ctx):
        cand.dropped_by = "suspect_noun"


def verb_as_noun(cand: Candidate, ctx: Context) -> None:
    if _single(cand, ctx, {"estimate", "estimates", "thought", "thinking", "view", "views"}) and _looks_like_noun(
        cand, ctx
    ):
        cand.dropped_by = "verb_as_noun"


def _reporting_before(ctx: Context, i: int) -> bool:
    """A reporting word earlier in the sentence than token i."""
    return any(ctx.norms[j] in REPORT_FORMS for j in range(ctx.sentence.start, i))


PRESENT_REPORT_FORMS = frozenset(
    {
        "says",
        "say",
        "tells",
        "adds",
        "insists",
        "claims",
        "states",
        "warns",
        "notes",
        "argues",
        "predicts",
        "reports",
        "denies",
        "hopes",
        "believe",
        "believes",
        "think",
        "thinks",
        "expect",
        "expects",
        "fear",
        "fears",
        "assess",
        "assesses",
        "estimate",
        "estimates",
        "suggests",
        "indicates",
        "know",
        "knows",
        "maintains",
    }
)
PAST_OR_NONFINITE_BEFORE = frozenset(
    {"did", "had", "was", "were", "to", "would", "could", "might", "should", "will", "may", "must", "'d"}
)


def _governing_report(token) -> object | None:
    """The nearest reporting or belief verb that governs a "would" token (parse mode)."""
    governors = [a for a in token.head.ancestors if a.i != token.i] if token.dep_ == "aux" else list(token.ancestors)
    for gov in governors:
        if gov.lemma_.lower() in REPORT_LEMMAS or gov.text.lower() in REPORT_FORMS:
            return gov
    return None


def _present_tense_verb(token) -> bool:
    """ "says", "believe" (VBZ/VBP), or a base form with present do-support ("don't believe")."""
    if token.tag_ in {"VBZ", "VBP"}:
        return True
    if token.tag_ == "VB":
        return any(c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} and c.lower_ in {"do", "does"} for c in token.children)
    return False


def _report_word(ctx: Context, j: int) -> bool:
    """A reporting word in word context; a capitalised one mid-sentence is a name ("United States")."""
    return ctx.norms[j] in REPORT_FORMS and not (ctx.doc[j].text[:1].isupper() and not ctx.is_sentence_start(j))


def _present_report_at(ctx: Context, j: int) -> bool:
    """Word context: token j is a present-tense reporting or belief verb ("says", "we don't believe")."""
    if ctx.norms[j] not in PRESENT_REPORT_FORMS:
        return False
    before = [w for w in ctx.prev(j, 3) if w not in NEGATIONS][:1]
    return not before or before[0] not in PAST_OR_NONFINITE_BEFORE


def would_after_present_report(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"would", "'d"}):
        return
    i = cand.start
    gov = _governing_report(ctx.doc[i]) if ctx.use_tags else None
    if gov is not None:
        present = _present_tense_verb(gov)
    else:
        before = [j for j in range(i - 1, ctx.sentence.start - 1, -1) if _report_word(ctx, j)]
        after = [j for j in range(i + 1, ctx.sentence.end) if _report_word(ctx, j)]
        nearest = before[:1] or after[:1]
        present = bool(nearest) and _present_report_at(ctx, nearest[0])
    if present:
        # Backshift follows a past-tense reporting verb only; under "says" or "we don't believe"
        # the "would" is the speaker's own speculation or condition.
        cand.rule = "would_after_present_report"


def backshifted_would(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"would", "'d"}) or cand.rule == "would_after_present_report":
        return
    i = cand.start
    in_quote = ctx.quote_test(ctx.doc[i].idx)
    if ctx.use_tags:
        gov = _governing_report(ctx.doc[i])
        if gov is not None:
            # A direct quote ("It would be a disaster," he said) keeps its speculation.
            if in_quote and gov.i > i and not ctx.quote_test(gov.idx):
                return
            cand.dropped_by = "backshifted_would"
            return
        if not any(ctx.norms[j] in REPORT_FORMS for j in range(ctx.sentence.start, i)):
            return
    if _reporting_before(ctx, i):
        cand.dropped_by = "backshifted_would"
        return
    later = [j for j in range(i + 1, ctx.sentence.end) if ctx.norms[j] in REPORT_FORMS]
    if later and not (in_quote and not ctx.quote_test(ctx.doc[later[0]].idx)):
        cand.dropped_by = "backshifted_would"


def consider_belief(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"consider", "considers", "considered"}):
        return
    i = cand.start
    if ctx.use_tags:
        token = ctx.doc[i]
        children = list(token.children)
        if any(c.dep_ == "agent" for c in children):
            cand.dropped_by = "consider_belief"
            return
        passive = any(c.dep_ == "auxpass" for c in children)
        complement = {"ccomp", "xcomp", "oprd"} | ({"attr", "acomp"} if passive else set())
        if any(c.dep_ in complement for c in children) or ctx.norm(i + 1) in {"that", "as"}:
            cand.rule = "consider_belief"
        else:
            cand.dropped_by = "consider_belief"
        return
    if ctx.norm(i + 1) in {"that", "as"}:
        cand.rule = "consider_belief"
        return
    for j in range(i + 1, min(ctx.sentence.end - 1, i + 10)):
        word = ctx.norms[j]
        if word in {",", ";", ":", "—", "–", "(", ".", "by", "whether", "how", "if"}:
            break
        if word == "to" and ctx.norms[j + 1] in {"be", "have", "pose", "represent", "constitute"}:
            cand.rule = "consider_belief"
            return
    cand.dropped_by = "consider_belief"


def potential_noun(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"potential"}):
        return
    i = cand.start
    if ctx.use_tags:
        if ctx.doc[i].tag_ != "JJ":
            cand.dropped_by = "potential_noun"
        return
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if (
        (prev and prev[0] in MIGHT_NOUN_CONTEXT - {"the", "with", "all"})
        or not nxt[:1].isalpha()
        or nxt in {"of", "for", "to", "and", "or", "is", "was", "are", "were", "has", "remains", "in"}
    ):
        cand.dropped_by = "potential_noun"


AGENT_NOT_A_SOURCE = frozenset(
    {
        "sea",
        "air",
        "land",
        "rail",
        "road",
        "truck",
        "trucks",
        "ship",
        "ships",
        "train",
        "trains",
        "plane",
        "far",
        "way",
        "then",
        "now",
        "force",
        "night",
        "day",
    }
)


def accused_agentless(cand: Candidate, ctx: Context) -> None:
    if cand.category != "evidential" or "accused" not in _forms(cand, ctx):
        return
    if ctx.use_tags and any(c.dep_ == "agent" for c in ctx.doc[cand.start : cand.end].root.children):
        cand.dropped_by = "accused_agentless"
        return
    for j in range(cand.end, ctx.sentence.end):
        word = ctx.norms[j]
        if word in {",", ";", ":", "—", "–", "(", ")", ".", "which", "who", "but", "while", "although"}:
            break
        nxt = ctx.norm(j + 1)
        if word == "by" and nxt and not nxt.endswith("ing") and nxt not in AGENT_NOT_A_SOURCE:
            cand.dropped_by = "accused_agentless"  # "was accused of X by Seoul": an attribution with a source
            return


def sure_to_instruction(cand: Candidate, ctx: Context) -> None:
    forms = _forms(cand, ctx)
    if cand.category != "booster" or forms[:2] not in (["sure", "to"], ["certain", "to"]):
        return
    prev = ctx.prev(cand.start, 2)
    if prev and prev[0] in MAKE_FORMS:
        cand.dropped_by = "sure_to_instruction"
    elif prev and prev[0] == "be" and (len(prev) == 1 or prev[1] in {"please", ",", "and", "“", '"', "'"}):
        cand.dropped_by = "sure_to_instruction"  # imperative "Be sure to check"


def would_volition(cand: Candidate, ctx: Context) -> None:
    if _single(cand, ctx, {"would", "'d"}) and ctx.norm(cand.end) in {
        "like",
        "love",
        "prefer",
        "rather",
        "want",
        "hate",
    }:
        cand.dropped_by = "would_volition"


def will_not_a_cue(cand: Candidate, ctx: Context) -> None:
    if _single(cand, ctx, {"will", "'ll", "wo", "shall"}):
        cand.dropped_by = "will_not_a_cue"


def almost_certainly_epistemic(cand: Candidate, ctx: Context) -> None:
    if cand.category != "booster" or _forms(cand, ctx)[0] not in {"certainly", "certain"}:
        return
    prev = ctx.prev(cand.start, 1)
    if prev and prev[0] in {"almost", "nearly", "virtually", "near"}:
        cand.start -= 1
        cand.category, cand.lemma, cand.rule = "epistemic", f"{prev[0]} certainly", "almost_certainly_epistemic"


def _confirm_has_outside_source(cand: Candidate, ctx: Context) -> bool:
    i = cand.start
    if ctx.use_tags:
        token = ctx.doc[i]
        if token.dep_ == "amod":
            return False
        node = token
        while node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                break
            node = node.head
        children = list(node.children)
        if any(c.dep_ == "agent" for c in children):
            return True
        subjects = [c for c in children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0].lower_ not in {"we", "i"}
        return False  # passive without agent, or adjectival: the writer's voice
    if ctx.norm(i + 1) == "by":
        return True
    skip = {
        "has",
        "have",
        "had",
        "also",
        "officially",
        "recently",
        "now",
        "later",
        "already",
        "publicly",
        "since",
        "can",
        "could",
        "did",
        "not",
        "n't",
        "yet",
        "today",
        "will",
        "would",
        "independently",
        "previously",
        "finally",
        "separately",
        "subsequently",
        "then",
        "first",
        "only",
    }
    j = i - 1
    while j >= ctx.sentence.start and ctx.norms[j] in skip:
        j -= 1
    if j < ctx.sentence.start:
        return False
    before = ctx.norms[j]
    if before in {"we", "i"} or before in BE_FORMS or before in DETERMINERS or before in {"been", "get", "got"}:
        return False
    return not (not any(ch.isalnum() for ch in before) or before in {"and", "or", "of", "with", "as", "unconfirmed"})


def confirmed_writer_voice(cand: Candidate, ctx: Context) -> None:
    if cand.category == "booster" and _single(cand, ctx, {"confirmed", "confirm", "confirms"}):
        if _confirm_has_outside_source(cand, ctx):
            cand.dropped_by = "confirmed_writer_voice"
        else:
            cand.rule = "confirmed_writer_voice"


def show_that_not_booster(cand: Candidate, ctx: Context) -> None:
    forms = {
        "show",
        "shows",
        "showed",
        "shown",
        "showing",
        "demonstrate",
        "demonstrates",
        "demonstrated",
        "demonstrating",
    }
    if cand.category == "booster" and any(f in forms for f in _forms(cand, ctx)):
        cand.dropped_by = "show_that_not_booster"


def negated_booster_is_hedge(cand: Candidate, ctx: Context) -> None:
    if cand.category != "booster" or any(f in NEGATIONS for f in _forms(cand, ctx)):
        return
    prev = ctx.prev(cand.start, 2)
    for distance, word in enumerate(prev, start=1):
        if word in NEGATIONS:
            if distance == 1:
                cand.start -= 1
            cand.category, cand.lemma, cand.rule = "epistemic", f"not {cand.lemma}", "negated_booster_is_hedge"
            cand.negated = True
            return
        if word in CLAUSE_BREAKS:
            return


def make_it_appear(cand: Candidate, ctx: Context) -> None:
    forms = _forms(cand, ctx)
    if forms[0] not in {"appear", "appears", "appeared", "look", "looks", "looked", "seem", "seems", "seemed"}:
        return
    prev = ctx.prev(cand.start, 3)
    if any(w in MAKE_FORMS for w in prev):
        cand.dropped_by = "make_it_appear"


def possible_not_epistemic(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"possible"}):
        return
    prev = ctx.prev(cand.start, 4)
    free_relative = bool(prev) and prev[0] in {
        "as",
        "if",
        "whenever",
        "wherever",
        "everything",
        "anything",
        "all",
        "where",
    }
    if free_relative or any(w in MAKE_FORMS for w in prev):
        cand.dropped_by = "possible_not_epistemic"


def see_as(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"see", "sees", "saw", "seen", "view", "views", "viewed"}):
        return
    for j in range(cand.end, min(ctx.sentence.end, cand.end + 25)):
        word = ctx.norms[j]
        if word in {";", ":", "“", '"'}:
            break
        if (
            word == "as"
            and ctx.norm(j + 1) not in {"well", "soon", "much", "many", "long", "if", "though"}
            and ctx.norm(j - 1) not in {"such", "well", "so", "just"}
        ):
            cand.rule = "see_as"
            return
    cand.dropped_by = "see_as"


def evidential_verb(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"alleged"}):
        return
    i = cand.start
    if ctx.use_tags:
        token = ctx.doc[i]
        if token.tag_ == "VBD" or any(c.dep_ == "nsubj" for c in token.children):
            cand.dropped_by = "evidential_verb"
        return
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if prev and (prev[0] in DETERMINERS or prev[0] in BE_FORMS or prev[0] in {"been", "'s"}):
        return
    if nxt in {"that", "in", "on", "last", "this", "he", "she", "it", "they", "the", ","}:
        cand.dropped_by = "evidential_verb"


def as_expected(cand: Candidate, ctx: Context) -> None:
    if _single(cand, ctx, {"expected"}) and ctx.prev(cand.start, 1) == ["as"] and ctx.norm(cand.end) in {",", ".", ""}:
        cand.dropped_by = "as_expected"


def assess_evaluate(cand: Candidate, ctx: Context) -> None:
    if not _single(cand, ctx, {"assess", "assesses", "assessed", "assessing"}):
        return
    if ctx.use_tags:
        token = ctx.doc[cand.start]
        if any(c.dep_ == "dobj" for c in token.children) and not any(
            c.dep_ in {"ccomp", "xcomp"} for c in token.children
        ):
            cand.dropped_by = "assess_evaluate"
        return
    if ctx.norm(cand.end) in DETERMINERS - {"that"} or ctx.norm(cand.end) in {"whether", "how"}:
        cand.dropped_by = "assess_evaluate"


RULES: dict[str, Callable[[Candidate, Context], None]] = {
    "may_month": may_month,
    "might_noun": might_noun,
    "could_not_ability": could_not_ability,
    "approximator_before_number": approximator_before_number,
    "attributive_likely": attributive_likely,
    "supposed_to": supposed_to,
    "rather_than": rather_than,
    "think_about": think_about,
    "think_tank": think_tank,
    "suspect_noun": suspect_noun,
    "verb_as_noun": verb_as_noun,
    "would_after_present_report": would_after_present_report,
    "backshifted_would": backshifted_would,
    "consider_belief": consider_belief,
    "potential_noun": potential_noun,
    "accused_agentless": accused_agentless,
    "sure_to_instruction": sure_to_instruction,
    "would_volition": would_volition,
    "will_not_a_cue": will_not_a_cue,
    "almost_certainly_epistemic": almost_certainly_epistemic,
    "confirmed_writer_voice": confirmed_writer_voice,
    "show_that_not_booster": show_that_not_booster,
    "negated_booster_is_hedge": negated_booster_is_hedge,
    "make_it_appear": make_it_appear,
    "possible_not_epistemic": possible_not_epistemic,
    "see_as": see_as,
    "evidential_verb": evidential_verb,
    "as_expected": as_expected,
    "assess_evaluate": assess_evaluate,
}

# Rules that add a reading rather than remove one: switched off, the reading is dropped.
INVERSE_RULES = {"attributive_likely": _is_attributive_likely}
