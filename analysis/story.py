"""Story settings: what is specific to the story a corpus covers, as data the user supplies.

A story file (YAML; template and guide in ``docs/stories.md``) gives a title, the sides with their
names, roles and aliases (the accused side, the side making the claim, and any others), optional
key claims and optional extra source cues. Nothing here is guessed: a story file is read exactly
as written, and an unknown key, a bad role or a missing file is refused with a message naming
the file and the line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.datafiles import DataFile, DataFileError, file_stamp, read_data_file
from analysis.resources import bundled_story_file
from analysis.vocabulary import SIDE_ROLES, SIDES_STATUSES

# A denial made with a neutral verb ("said it had never ..."), when the story gives no pattern of its own.
GENERIC_DENIAL_CONTENT = r"\b(?:never|false|untrue|baseless|groundless|fabricat\w*)\b"
STORY_KEYS = ("title", "version", "sides", "key_claims", "source_cues")
SIDE_KEYS = ("name", "role", "aliases")


@dataclass(frozen=True)
class Side:
    name: str
    role: str  # one of SIDE_ROLES
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    title: str
    version: str
    sides: tuple[Side, ...]
    sha256: str  # of the file's text, for provenance
    file_name: str  # the file's name only (no folders in reports)
    key_claims: dict | None = None  # {"claims": [...], "denial_content": "..."}, see docs/stories.md
    source_cues: dict = field(default_factory=dict)  # list name -> extra words (or the aliases map)
    status: str = "story_file"  # one of SIDES_STATUSES: read from a file, or inferred from the corpus
    where: str = ""  # the file, for messages about its contents
    text: str = ""  # the file's text, to show (an inferred story's text is the file to confirm)
    note: str = ""  # why this story file was used when the user gave none
    compiled_claims: dict | None = None  # key_claims compiled once (compile_key_claims), None without

    def __post_init__(self):
        if self.status not in SIDES_STATUSES:
            raise ValueError(f"status must be one of {SIDES_STATUSES}, not {self.status!r}")

    def aliases(self, role: str) -> list[str]:
        """Every alias of the sides with this role (the side's name counts as an alias)."""
        return [a for side in self.sides if side.role == role for a in (side.name, *side.aliases)]

    def table(self) -> list[dict]:
        """One row per side: name, role, aliases (joined), and where the sides come from."""
        return [
            {"side": s.name, "role": s.role, "aliases": "; ".join(s.aliases), "status": self.status} for s in self.sides
        ]

    def side_names(self, role: str) -> list[str]:
        return [side.name for side in self.sides if side.role == role]

    def provenance(self) -> dict:
        return {
            "title": self.title,
            "version": self.version,
            "file": self.file_name,
            "sha256": self.sha256,
            "sides": self.status,
            **({"note": self.note} if self.note else {}),
        }


def story_for(corpus, story: str | Path | None) -> str | None:
    """The story file to use: the one given, else the bundled corpus's own when the corpus is the
    bundled one (``corpus`` None), else None: no story, so the sides are inferred and marked so."""
    if story is not None:
        return str(story)
    return str(bundled_story_file()) if corpus is None else None


def load_story(path: str | Path) -> Story:
    """Read and check a story file; an edited file is read again."""
    return _load_story(str(path), file_stamp(str(path)))


@lru_cache(maxsize=8)
def _load_story(path: str, stamp) -> Story:
    return story_from_file(read_data_file(path, "unused"))


def story_from_file(data: DataFile, status: str = "story_file") -> Story:
    """Check a story file's contents and build the Story (``status`` marks an inferred one)."""
    content = data.yaml()
    if not isinstance(content, dict):
        raise data.error("a story file is a mapping with at least 'title' and 'sides'")
    unknown = sorted(set(content) - set(STORY_KEYS))
    if unknown:
        raise data.error(
            f"unknown key(s) {unknown}; a story file has {list(STORY_KEYS)}", data.key_lines().get(unknown[0])
        )
    title = content.get("title")
    if not isinstance(title, str) or not title.strip():
        raise data.error("'title' must be a non-empty text")
    claims = _mapping(data, content, "key_claims")
    return Story(
        title=title.strip(),
        version=str(content.get("version", "unversioned")),
        sides=_sides(data, content.get("sides")),
        sha256=hashlib.sha256(data.text.encode("utf-8")).hexdigest()[:12],
        file_name=data.path.name,
        key_claims=claims,
        compiled_claims=_compiled_claims(data, claims),
        source_cues=_mapping(data, content, "source_cues") or {},
        status=status,
        where=data.where,
        text=data.text,
    )


def _sides(data: DataFile, entries) -> tuple[Side, ...]:
    if not isinstance(entries, list) or not entries:
        raise data.error("'sides' must be a list of sides, each with a name, a role and aliases")
    lines = data.item_lines("sides")
    sides = []
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else None
        sides.append(_side(data, entry, line))
    names = [side.name.lower() for side in sides]
    if len(set(names)) != len(names):
        raise data.error("two sides have the same name")
    return tuple(sides)


def _side(data: DataFile, entry, line: int | None) -> Side:
    if not isinstance(entry, dict):
        raise data.error(f"a side must be a mapping with {list(SIDE_KEYS)}, not {entry!r}", line)
    unknown = sorted(set(entry) - set(SIDE_KEYS))
    if unknown:
        raise data.error(f"unknown key(s) {unknown} in a side; a side has {list(SIDE_KEYS)}", line)
    name, role, aliases = entry.get("name"), entry.get("role"), entry.get("aliases") or []
    if not isinstance(name, str) or not name.strip():
        raise data.error("a side needs a 'name'", line)
    if role not in SIDE_ROLES:
        raise data.error(f"side {name!r} has role {role!r}; use one of {list(SIDE_ROLES)}", line)
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise data.error(f"side {name!r}: 'aliases' must be a list of names", line)
    return Side(name.strip(), role, tuple(a.strip() for a in aliases))


def compile_key_claims(content: dict, error, lines=()) -> dict:
    """Compile ``claims`` (each a name and an ``all_of`` mapping of patterns) and ``denial_content``;
    ``error(problem, line)`` makes the exception for a bad entry."""
    claims = []
    for n, claim in enumerate(content.get("claims") or []):
        line = lines[n] if n < len(lines) else None
        if not isinstance(claim, dict) or not claim.get("name") or not isinstance(claim.get("all_of"), dict):
            raise error("each claim needs a name and an all_of mapping", line)
        try:
            groups = {k: re.compile(v, re.IGNORECASE) for k, v in claim["all_of"].items()}
        except (re.error, TypeError) as exc:
            raise error(f"claim {claim['name']!r} has a bad pattern: {exc}", line) from None
        claims.append((claim["name"], groups))
    if not claims:
        raise error("no claims")
    try:
        denial = re.compile(content.get("denial_content") or GENERIC_DENIAL_CONTENT, re.IGNORECASE)
    except (re.error, TypeError) as exc:
        raise error(f"denial_content is not a valid pattern: {exc}") from None
    return {"claims": claims, "denial": denial, "version": str(content.get("version", "unversioned"))}


def _mapping(data: DataFile, content: dict, key: str) -> dict | None:
    value = content.get(key)
    if value is not None and not isinstance(value, dict):
        raise data.error(f"'{key}' must be a mapping", data.key_lines().get(key))
    return value


def claim_of(text: str, claims) -> str | None:
    """The name of the first compiled key claim that ``text`` states (every pattern matches), or None."""
    for name, groups in claims:
        if all(rx.search(text) for rx in groups.values()):
            return name
    return None


def _compiled_claims(data: DataFile, claims: dict | None) -> dict | None:
    """The key claims compiled, or refused now with the file and line; None when there are none."""
    if claims is None:
        return None
    line = data.key_lines().get("key_claims")
    return compile_key_claims(claims, lambda problem, _=None: data.error(f"key_claims: {problem}", line))


__all__ = ["DataFileError", "Side", "Story", "load_story"]
