"""Candidate sides of a story, inferred from a corpus when no story file is given.

Evidence, from the attributions table and the raw text:
- the accused side is who *denies* or *concedes* (the source of a ``denial`` or ``concession``
  record) and who is accused, blamed, held responsible or sued in the wording ("accused Acme of",
  "blamed on the company", "Acme was found liable");
- the accusing side is who *accuses* (the source of an ``accusation`` record) and, once the accused
  are known, who speaks about them without denying.
A candidate needs evidence in at least ``min_documents`` documents, and a name seen on both
sides goes to the side with the stronger evidence (a denial counts twice; a tie drops it). The
result is a story file's text,
marked as inferred, with one evidence row per sentence, so a reader can check it and save it as
their story file. Nothing here is ever presented as confirmed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pandas as pd
import yaml

from analysis.datafiles import DataFile
from analysis.detectors.attribution.lexicon import load_source_cues, with_story
from analysis.detectors.attribution.sides import side_of
from analysis.story import Story, story_from_file

EVIDENCE_COLUMNS = ["side", "role", "doc_id", "start", "end", "reason", "text"]
# Sources that speak for no party of the story: outlets, unnamed "reports", documents.
NOT_A_PARTY = ("other_media", "vague", "document")
# Stances of the accused answering the claim, and of the side making it.
ACCUSED_STANCES = {"denial": "denies", "concession": "concedes"}
ACCUSER_STANCES = {"accusation": "accuses"}
ACCUSATION_VERB = r"(?:(?:accus|blam|charg|fault|criticiz|criticis|condemn)\w*|sue[sd]?|suing)"
# A name (capitalised words) or "the company"-like description of an organisation.
BODY_NOUNS = (
    "company|firm|utility|campaign|defendant|manufacturer|chain|restaurant|party|government|agency|"
    "ministry|regime|bank|group|department|authority|operator|plant|maker|retailer|carrier|airline"
)
NAME = rf"(?:(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){{0,4}}[A-Z][\w&.'’-]*|[Tt]he\s+(?:{BODY_NOUNS}))"
DESCRIPTION = re.compile(rf"^[Tt]he\s+(?:{BODY_NOUNS})$")
IS = r"(?:is|are|was|were|has been|have been|had been)"
ANSWER_VERB = r"denied|denies|disputed|disputes|rejected|rejects|apologi[sz]ed|pleaded not guilty"
# Who is accused, from the wording around the name (each a general construction of English news).
ACCUSED_PATTERNS = (
    (re.compile(rf"\b{ACCUSATION_VERB}\s+({NAME})\s+(?:of|for|over|with)\b"), "is accused"),
    (re.compile(rf"({NAME})\s+{IS}\s+{ACCUSATION_VERB}\s+(?:of|for|over|with|by)\b"), "is accused"),
    (re.compile(rf"\b(?:blamed on|caused by)\s+({NAME})"), "is blamed"),
    (re.compile(rf"\b(?:lawsuits?|suits?|charges|allegations|claims|complaints)\s+against\s+({NAME})"), "faces claims"),
    (
        re.compile(rf"({NAME})\s+{IS}\s+(?:found\s+|held\s+)?(?:responsible|liable|guilty|at fault)\b"),
        "is held responsible",
    ),
    (
        re.compile(rf"({NAME})\s+(?:has\s+|had\s+)?(?:{ANSWER_VERB})\b"),
        "denies or apologises",
    ),
)
PRONOUN = re.compile(r"(?i)^(?:he|she|it|they|we|i|you|this|that|which|who)$")


def _mention(row) -> str:
    """The name a record's source stands for: what it resolves to, else its entity label or text."""
    for value in (row.resolved, row.entity, row.source_text):
        if isinstance(value, str) and value.strip() and not PRONOUN.match(value.strip()):
            return value.strip()
    return ""


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The raw span of the sentence (line-bounded, at most a few hundred characters) around a span."""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1)
    right = min(p for p in (text.find("\n", end), text.find(". ", end), len(text)) if p != -1)
    return left + (1 if text[left : left + 1] in " \n" else 0), min(right + 1, len(text))


def _evidence_from_records(attributions: pd.DataFrame, texts: dict[str, str]) -> list[dict]:
    """Who denies or concedes (the accused) and who accuses (the accusing side), from the records."""
    rows = []
    stances = ACCUSED_STANCES | ACCUSER_STANCES
    for row in attributions[attributions["stance"].isin(list(stances))].itertuples(index=False):
        role = "accused" if row.stance in ACCUSED_STANCES else "accuser"
        excluded = NOT_A_PARTY if role == "accuser" else ("other_media",)  # whoever denies is a party
        name = _mention(row)
        if name and row.source_type not in excluded and row.doc_id in texts:
            reason = f"{stances[row.stance]} ('{row.cue_text}')"
            rows.append(_row(name, role, row.doc_id, texts[row.doc_id], int(row.cue_start), int(row.cue_end), reason))
    return rows


def _row(name: str, role: str, doc_id: str, text: str, start: int, end: int, reason: str) -> dict:
    s, e = _sentence(text, start, end)
    return {"name": name, "role": role, "doc_id": doc_id, "start": s, "end": e, "reason": reason}


def _evidence_from_text(texts: dict[str, str]) -> list[dict]:
    rows = []
    for doc_id, text in texts.items():
        for rx, reason in ACCUSED_PATTERNS:
            for m in rx.finditer(text):
                name = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", m.group(1).strip())
                if not PRONOUN.match(name):
                    rows.append(_row(name, "accused", doc_id, text, m.start(), m.end(), reason))
    return rows


def _accuser_evidence(attributions: pd.DataFrame, texts: dict[str, str], accused: dict[str, set]) -> list[dict]:
    """Sources that speak about the accused (their content names it) without being on its side and
    without denying: the side making the claim ("Cal Fire said PG&E's lines caused the fire")."""
    names = sorted({n for side, found in accused.items() for n in (side, *found)}, key=len, reverse=True)
    if not names:
        return []
    named = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.IGNORECASE)
    rows = []
    for row in attributions.itertuples(index=False):
        name = _mention(row)
        if (
            not name
            or row.source_type in NOT_A_PARTY
            or row.stance in ACCUSED_STANCES
            or named.search(name)
            or not named.search(row.content_text or "")
            or row.doc_id not in texts
        ):
            continue
        reason = f"speaks about the accused ('{row.cue_text}')"
        rows.append(_row(name, "accuser", row.doc_id, texts[row.doc_id], int(row.cue_start), int(row.cue_end), reason))
    return rows


def _label(name: str, labels: dict[str, str]) -> str:
    """The name a mention stands for: its resolved name if the detector resolved it, else the
    mention without a leading "the" and a possessive ("the DPRK" and "DPRK's" are "DPRK")."""
    name = labels.get(name.lower(), name)
    return re.sub(r"(?:['’]s)$", "", re.sub(r"^[Tt]he\s+(?=[A-Z])", "", name)).strip()


def infer_sides(attributions: pd.DataFrame, texts: dict[str, str], min_documents: int = 2):
    """(inferred Story or None, evidence table). ``texts``: doc_id -> raw text. The accused are
    found first; the accusing side is then who speaks about them."""
    labels = {
        str(r.source_text).lower(): r.resolved
        for r in attributions.itertuples(index=False)
        if isinstance(r.resolved, str) and isinstance(r.source_text, str)
    }
    evidence = _labelled(_evidence_from_records(attributions, texts) + _evidence_from_text(texts), labels)
    roles = _roles(evidence, min_documents)
    accused = {side: _surface(evidence, side) for side, role in roles.items() if role == "accused"}
    if not accused:
        return None, _evidence_table([], texts)
    more = _labelled(_accuser_evidence(attributions, texts, accused), labels)
    evidence += [r for r in more if r["side"] not in accused]
    roles = _roles(evidence, min_documents)
    _descriptions_to_the_accused(evidence, roles)
    kept = [r for r in evidence if roles.get(r["side"]) == r["role"]]
    surface = {side: _surface(kept, side) for side in roles}
    return _story(roles, surface, len(texts)), _evidence_table(kept, texts)


def _descriptions_to_the_accused(evidence: list[dict], roles: dict[str, str]) -> None:
    """With one accused side, "the company" in evidence for the accused is that side (the
    description is then one of its aliases)."""
    accused = [side for side, role in roles.items() if role == "accused"]
    if len(accused) == 1:
        for row in evidence:
            if row["role"] == "accused" and DESCRIPTION.match(row["name"]):
                row["side"] = accused[0]


def _labelled(rows: list[dict], labels: dict[str, str]) -> list[dict]:
    for row in rows:
        row["side"] = _label(row["name"], labels)
    return rows


def _surface(rows: list[dict], side: str) -> set:
    return {r["name"] for r in rows if r["side"] == side}


def _roles(evidence: list[dict], min_documents: int) -> dict[str, str]:
    """Each name with evidence in enough documents, on the side with the stronger evidence (a tie
    leaves it out)."""
    docs: dict[tuple[str, str], set] = defaultdict(set)
    denying: dict[str, set] = defaultdict(set)
    for row in evidence:
        docs[(row["side"], row["role"])].add(row["doc_id"])
        if row["reason"].startswith(("denies", "concedes")):
            denying[row["side"]].add(row["doc_id"])
    roles = {}
    for side in sorted({s for s, _ in docs}):
        # a denial counts twice, as the plainest sign of the accused: in a story of mutual
        # accusations both sides accuse, but only one denies
        accused = len(docs[(side, "accused")]) + len(denying[side])
        accuser = len(docs[(side, "accuser")])
        n_docs = len(docs[(side, "accused")] | docs[(side, "accuser")])
        if n_docs >= min_documents and accused != accuser:
            roles[side] = "accused" if accused > accuser else "accuser"
    return roles


def _evidence_table(rows: list[dict], texts: dict[str, str]) -> pd.DataFrame:
    seen, out = set(), []
    for r in sorted(rows, key=lambda r: (r["side"], r["doc_id"], r["start"], r["reason"])):
        key = (r["side"], r["doc_id"], r["start"])
        if key not in seen:
            seen.add(key)
            out.append(
                {
                    **{k: r[k] for k in EVIDENCE_COLUMNS if k != "text"},
                    "text": texts[r["doc_id"]][r["start"] : r["end"]],
                }
            )
    return pd.DataFrame(out, columns=EVIDENCE_COLUMNS)


def inferred_story_text(roles: dict[str, str], surface: dict[str, set], n_documents: int) -> str:
    """The text of a story file for the inferred sides, headed by a note that they are inferred."""
    sides = [
        {"name": side, "role": role, "aliases": sorted(a for a in surface[side] if a.lower() != side.lower())}
        for side, role in sorted(roles.items(), key=lambda item: (item[1] != "accused", item[0]))
    ]
    body = yaml.safe_dump(
        {"title": f"Sides inferred from {n_documents} documents: check and correct", "sides": sides},
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return (
        "# Inferred by newshedge from who denies, who accuses and who is accused in the corpus.\n"
        "# NOT CONFIRMED: check each side against the evidence, correct names, roles and aliases,\n"
        "# add a title, then save as story.yaml and pass --story story.yaml (docs/stories.md).\n" + body
    )


def _story(roles: dict[str, str], surface: dict[str, set], n_documents: int) -> Story:
    text = inferred_story_text(roles, surface, n_documents)
    return story_from_file(DataFile(text, "inferred story", Path("inferred-story.yaml")), status="inferred")


def apply_sides(attributions: pd.DataFrame, story: Story, source_cues: str | None) -> pd.DataFrame:
    """The attributions with ``side`` and ``side_name`` set from ``story``'s sides, by the detector's
    own rule (``side_of``); source types are left as detected."""
    cues = with_story(load_source_cues(source_cues), story)
    out = attributions.copy()
    assigned = [
        side_of(t if isinstance(t, str) else "", r if isinstance(r, str) else None, st, cues)
        for t, r, st in zip(out["source_text"], out["resolved"], out["source_type"])
    ]
    out["side"] = [role for role, _ in assigned]
    out["side_name"] = [name for _, name in assigned]
    return out
