"""Corpora the project has never seen, generated for tests: folder layout and messy metadata."""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUTLETS = [
    "Daily Ledger",
    "Harbour Times",
    "Radio Norte",
    "The Valley Post",
    "Metro Wire",
    "Coastal Herald",
    "Capital Observer",
    "Island Voice",
]
SENTENCES = [
    "Officials said the shipments had arrived at the port on Tuesday.",
    "The ministry reportedly received about 300 containers last month.",
    "A senior official, who spoke on condition of anonymity, said the deal was likely to proceed.",
    "The government denied the report and called it a fabrication.",
    "Analysts believe the figures may be higher than announced.",
    "According to the news agency, the talks ended without agreement.",
    "It is not clear whether the payments were made.",
    "The spokesman told reporters that there was no doubt about the origin of the goods.",
    "Satellite images show that trucks were loaded at night.",
    "The company did not provide evidence for its claim.",
    "Nearly 40 people attended the briefing in the capital.",
    "Critics accused the minister of hiding the true cost.",
]
BOILERPLATE = ["Advertisement", "Leave a Comment", "Source link", "Read in French", "Tags: trade, ports"]
DATES = [
    "2022-09-06 (from the URL)",
    "6 September 2022",
    "Sep 7, 2022",
    "2022-11-02",
    "unknown",
    "early November",
    "",
    "2022/11/03",
]


def write_folder_corpus(root: Path, n_docs: int = 36, seed: int = 7, extra_text: dict | None = None) -> Path:
    """Write n_docs .txt files and a metadata.csv (file,outlet,title,date,url,language,notes)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n_docs):
        outlet = OUTLETS[i % len(OUTLETS)]
        title = f"Port shipments under scrutiny, part {i}"
        body = [title, ""] + [rng.choice(BOILERPLATE)] + [""]
        for _ in range(rng.randint(3, 7)):
            body += [" ".join(rng.sample(SENTENCES, 2)), ""]
        body.append(rng.choice(BOILERPLATE))
        name = f"article_{i:03d}.txt"
        text = "\n".join(body)
        if extra_text and name in extra_text:
            text = extra_text[name] + "\n\n" + text
        (root / name).write_text(text, encoding="utf-8")
        rows.append(
            {
                "file": name,
                "outlet": outlet,
                "title": title,
                "date": DATES[i % len(DATES)],
                "url": f"https://example.org/{i}",
                "language": "en",
                "notes": "generated",
            }
        )
    with open(root / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return root
