"""A corpus the project has never seen, for the report tests: dozens of .txt files, several outlets,
free-text dates, and hostile text (script tags, an <img onerror>) in an article, a title and an outlet."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from factories import BOILERPLATE, DATES, SENTENCES

OUTLETS = ["Daily Ledger", "Harbour Times", "Radio Norte", "The Valley Post"]
SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
HOSTILE_OUTLET = f"Hostile {IMG} Gazette"
HOSTILE_TITLE = f"Ships {SCRIPT} seen"


def write_report_corpus(root: Path, n_docs: int = 30, seed: int = 11) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    hostile = "Officials reportedly said the cargo was probably weapons " + SCRIPT + " " + IMG + " on Monday."
    for i in range(n_docs):
        first = i < 2  # a00_... sorts first, so the overview shows it raw beside clean
        name = f"a{i:02d}_hostile.txt" if first else f"article_{i:03d}.txt"
        outlet = HOSTILE_OUTLET if first else OUTLETS[i % len(OUTLETS)]
        title = HOSTILE_TITLE if first else f"Port shipments under scrutiny, part {i}"
        body = [title, "", rng.choice(BOILERPLATE), ""]
        if first:
            body += [hostile, ""]
        for _ in range(rng.randint(3, 6)):
            body += [" ".join(rng.sample(SENTENCES, 2)), ""]
        body.append(rng.choice(BOILERPLATE))
        (root / name).write_text("\n".join(body), encoding="utf-8")
        rows.append(
            {
                "file": name,
                "outlet": outlet,
                "title": title,
                "date": DATES[i % len(DATES)],
                "url": f"https://example.org/{i}?q=<b>",
                "language": "en",
                "notes": f"generated {IMG}",
            }
        )
    with open(root / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return root
