"""Word-order tests of fast mode that a reporting-verb form is no reporting use: a noun that looks
like a bare verb ('Washington state', 'state epidemiologist'), an object that leaves no room for
content ('found its way', 'what they found'), physical showing by a person ('he showed the jury
pictures'), a participle ('the man accused of theft') or the infinitive of another cue."""

from __future__ import annotations

from analysis.detectors.attribution.fast_phrases import AUXILIARIES, PRONOUN_SUBJECTS, left_np, person_name, post_posed
from analysis.detectors.attribution.rules import REQUIRES_CONTENT
from analysis.detectors.reporting_verbs import QUESTION_WORDS

# after the verb, these make it no reporting use: "struggling to maintain", "believe in"
NOT_CONTENT_NEXT = ("to", "in", "on", "for", "with", "by", "it", "them", "him", "when", "out", "and", "or")
PREPOSITIONS = ("to", "in", "on", "at", "with")
CLOSING_QUOTES = ("”", '"', "’")
ADDRESSEE_OPENERS = ("the", "a", "an", "his", "her", "their", "its", "our")
MODALS = ("will", "would", "could", "can", "may", "might", "should", "must")
POSSESSIVES = ("his", "her", "its", "their", "my", "our", "your")
REFLEXIVES = ("himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself")
GAP_WORDS = ("what", "which", "whatever")
# a preposition straight after an accusation verb: the verb is a participle ("accused of", "blamed for")
PARTICIPLE_PREPOSITIONS = ("of", "for", "with")
# capitalised words that are subjects, not a name modifying a noun
CAPITAL_PRONOUNS = ("I", "We", "They", "He", "She", "It", "You")
# words after a verb that open its content or object, so cannot be a title before a name
NOT_MODIFIER = {"that", "the", "a", "an", "this", "these", "those", "many", "some", "most", "all", "both", "no"}
NOT_MODIFIER |= {"his", "her", "its", "their", "our", "my", "your", "it", "he", "she", "they", "we", "i", "you"}
NOT_MODIFIER |= {"there", "if", "whether", "how", "what", "why", "when", "where", "who", "to", "in", "on", "at"}


def noun_homograph(toks, k, entry, form_map) -> bool:
    """A bare form used as a noun or modifier: after a possessive ('Oregon's state epidemiologist'),
    before a verb or auxiliary ('state announced', 'claims were'), before a title and a name ('state
    epidemiologist Jane Roe'), or inside the subject of a post-posed cue ('..., state health
    inspectors say.'). Belief verbs after a relative word keep their gap: 'which experts believe may'."""
    if toks[k].lower_ != entry.lemma:
        return False  # "says", "stated": inflected, so a verb
    prev = toks[k - 1].lower_ if k else ""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if prev in ("'s", "’s"):
        return True
    if nxt is None:
        return False
    if nxt.lower_ in form_map or nxt.lower_ in AUXILIARIES or nxt.lower_ in MODALS:
        return not gap_before_subject(toks, k)
    if entry.requires != "content":
        return False
    after = toks[k + 2] if k + 2 < len(toks) else None
    if (
        nxt.is_alpha
        and nxt.text.islower()
        and nxt.lower_ not in NOT_MODIFIER
        and not nxt.lower_.endswith("ly")
        and after is not None
        and after.text[:1].isupper()
        and after.text not in CAPITAL_PRONOUNS
    ):
        return True  # "state epidemiologist Jane Roe": a title before a name
    return not left_np(toks, k) and _ends_with_cue(toks, k, form_map)


def article_noun(toks, k, entry) -> bool:
    """'a significant wake-up call for', 'an early claim': 'a' or 'an' a few words before a bare form,
    with only lower-case words between, opens a noun phrase; a bare verb never follows 'a' + noun."""
    if toks[k].lower_ != entry.lemma.split()[0]:
        return False
    for tok in reversed(toks[max(0, k - 6) : k]):
        if tok.lower_ in ("a", "an"):
            return True
        if tok.text != "-" and (
            not (tok.text.islower() and tok.text.replace("-", "").isalpha()) or tok.lower_ in AUXILIARIES
        ):
            return False
    return False


def _ends_with_cue(toks, k, form_map) -> bool:
    """The sentence ends with a reporting-verb form of its own, later than k + 1 ('..., X say.')."""
    j = len(toks) - 1
    while j > k and not toks[j].is_alpha:
        j -= 1
    return j > k + 1 and toks[j].lower_ in form_map


def object_not_content(toks, k, entry) -> bool:
    """A verb that needs content whose object is a noun phrase or a gap: 'found its way', 'find
    themselves', 'concluded his argument', 'what they found at the site'."""
    if entry.requires != "content":
        return False
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if nxt in REFLEXIVES:
        return True
    if nxt in POSSESSIVES:
        return not _clause_follows(toks, k + 2)  # "believed its equipment will fail" is content
    # "which officials believe may have ...": the gap is the content's subject, and the content follows
    return _relative_word_before(toks, k, GAP_WORDS) and not _clause_follows(toks, k + 1)


def _clause_follows(toks, j) -> bool:
    """An auxiliary, modal, 'to' or past form within the next few words (before a comma or the end):
    a that-less clause ('believe Russia is', 'expect prices to', 'think the firm lied')."""
    for tok in toks[j : j + 6]:
        if tok.text in (",", ";", ".", ":"):
            return False
        low = tok.lower_
        if low in AUXILIARIES or low in MODALS or low == "to" or (low.endswith("ed") and tok.text.islower()):
            return True
    return False


def person_showing(toks, k, entry, cues) -> bool:
    """'he showed the jury pictures', 'Smith demonstrated the device': an evidence verb whose subject
    is a person shows a thing; the guide's source of 'show' is the evidence, and a person speaks
    through it only with a that-clause (ANNOTATION.md s1, s2)."""
    if entry.lemma not in cues["evidence_verbs"] or any(t.lower_ == "that" for t in toks[k + 1 : k + 3]):
        return False
    np = left_np(toks, k)
    if not np:
        return False
    pronoun = np[-1].lower_ in PRONOUN_SUBJECTS - {"it"}
    return pronoun or bool(person_name(" ".join(t.text for t in np[-3:]), cues))


def participle_use(toks, k, entry) -> bool:
    """'the officer accused of assault', 'a firm blamed for the leak': an accusation verb straight before
    its preposition has no object, so it is a passive participle, not the accuser speaking."""
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    return entry.stance == "accusation" and nxt in PARTICIPLE_PREPOSITIONS


def infinitive_of_cue(toks, k, form_map) -> bool:
    """'purported to show', 'claiming to prove': the infinitive is the content of the cue before it."""
    return k >= 2 and toks[k - 1].lower_ == "to" and toks[k - 2].lower_ in form_map


def gap_before_subject(toks, k) -> bool:
    """'the system that the firm has said was faulty': the verb's subject follows a relative word, so
    a 'was' after the verb opens its content, not a plural-noun subject's predicate."""
    return _relative_word_before(toks, k, ("that", *GAP_WORDS))


def _relative_word_before(toks, k, words) -> bool:
    """A relative word just before the subject on the left, or inside the phrase left_np reaches
    ('details of what they found')."""
    np = left_np(toks, k)
    start = np[0].i - toks[0].i if np else 0
    return (start > 0 and toks[start - 1].lower_ in words) or any(t.lower_ in words for t in np[1:])


def has_content(toks, k, entry, prev, nxt, settings) -> bool:
    """Belief and evidence verbs need content: after them, after a prepositional phrase ('stressed to
    jurors that', 'noted in a letter that'), or before them in a quotation ('“...,” Roe wrote in a
    letter'; '..., the official stated.')."""
    if entry.requires not in ("content", "see_as") or not settings.rule_enabled(REQUIRES_CONTENT):
        return True
    if entry.requires == "see_as":
        return any(t.lower_ == "as" for t in toks[k + 1 : k + 30])
    if entry.stance == "endorsing" and nxt in QUESTION_WORDS:
        return False  # "to determine how much leaked": an open question, nothing found yet
    if prev == "to":
        return False  # "struggling to maintain", "expect to"
    if nxt in PREPOSITIONS and _that_after_phrase(toks, k + 1):
        return True
    if nxt in NOT_CONTENT_NEXT or nxt in (".", ",", ""):
        return _quoted_before(toks, k) or (nxt in (".", ",", "") and post_posed(toks, k))
    return True


def _that_after_phrase(toks, j) -> bool:
    """'to jurors that', 'in a letter that': a short prepositional phrase, then 'that'. After 'to' the
    next word must open a noun phrase, so that 'expected to show that' stays out."""
    if toks[j].lower_ == "to":
        after = toks[j + 1] if j + 1 < len(toks) else None
        plural = after is not None and after.text.islower() and after.lower_.endswith("s")
        if after is None or not (after.text[:1].isupper() or after.lower_ in ADDRESSEE_OPENERS or plural):
            return False
    for tok in toks[j + 1 : j + 8]:
        if tok.text in (",", ";", ".", ":") or tok.text in CLOSING_QUOTES:
            return False
        if tok.lower_ == "that":
            return True
    return False


def _quoted_before(toks, k) -> bool:
    """The subject on the left follows a closing quotation mark: the quotation is the content."""
    np = left_np(toks, k)
    start = np[0].i - toks[0].i if np else 0
    return start > 0 and toks[start - 1].text in CLOSING_QUOTES
