"""Seed-like news texts for the view's tests and the README's pictures: short articles in the
style of the seed (titles with roles, meetings, statements, threats, visits, dates), written from
templates over a fixed cast with a fixed random seed, so every run builds the same graph.

The cast is split into desks (trade, tech, energy, health, sport): most articles stay on one desk
and some cross, so the graph has communities joined by a few people, as news has.

    python tests/newslike.py OUT.jsonl [DOCUMENTS]
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

# desk -> (people as (role, name), organisations, places, things)
DESKS: dict[str, tuple[list[tuple[str, str]], list[str], list[str], list[str]]] = {
    "trade": (
        [
            ("US Treasury Secretary", "Scott Bessent"),
            ("Trade Representative", "Jamieson Greer"),
            ("Chinese Vice Premier", "He Lifeng"),
            ("chief negotiator", "Li Chenggang"),
            ("Commerce Secretary", "Howard Lutnick"),
            ("EU trade commissioner", "Maros Sefcovic"),
            ("Japanese Prime Minister", "Sanae Takaichi"),
            ("Canadian Prime Minister", "Mark Carney"),
        ],
        ["World Trade Organization", "European Commission", "Commerce Department"],
        ["Kuala Lumpur", "Geneva", "Brussels", "Beijing", "Washington"],
        ["tariffs on steel", "export controls", "a trade framework", "rare earth quotas"],
    ),
    "tech": (
        [
            ("Nvidia chief executive", "Jensen Huang"),
            ("OpenAI chief executive", "Sam Altman"),
            ("Microsoft president", "Brad Smith"),
            ("EU competition commissioner", "Teresa Ribera"),
            ("Samsung chairman", "Lee Jae-yong"),
            ("TSMC chairman", "C.C. Wei"),
        ],
        ["Nvidia", "OpenAI", "Microsoft", "Samsung Electronics", "TSMC"],
        ["Taipei", "Seoul", "San Francisco", "Brussels"],
        ["a chip factory", "new AI models", "an antitrust complaint", "data centres"],
    ),
    "energy": (
        [
            ("Saudi Energy Minister", "Abdulaziz bin Salman"),
            ("OPEC Secretary General", "Haitham al-Ghais"),
            ("IEA executive director", "Fatih Birol"),
            ("Shell chief executive", "Wael Sawan"),
            ("Energy Secretary", "Chris Wright"),
        ],
        ["OPEC", "International Energy Agency", "Shell", "Aramco"],
        ["Riyadh", "Vienna", "Houston", "Paris"],
        ["output cuts", "a gas pipeline", "oil prices", "new drilling permits"],
    ),
    "health": (
        [
            ("WHO Director-General", "Tedros Adhanom Ghebreyesus"),
            ("Health Secretary", "Robert F. Kennedy Jr."),
            ("Pfizer chief executive", "Albert Bourla"),
            ("Moderna chief executive", "Stephane Bancel"),
        ],
        ["World Health Organization", "Pfizer", "Moderna", "Gavi"],
        ["Geneva", "New York", "Boston"],
        ["a vaccine trial", "drug prices", "a pandemic treaty", "funding cuts"],
    ),
    "sport": (
        [
            ("FIFA president", "Gianni Infantino"),
            ("IOC president", "Kirsty Coventry"),
            ("Real Madrid coach", "Xabi Alonso"),
            ("Liverpool captain", "Virgil van Dijk"),
        ],
        ["FIFA", "International Olympic Committee", "Real Madrid", "Liverpool"],
        ["Zurich", "Lausanne", "Madrid", "Los Angeles"],
        ["the World Cup schedule", "a transfer ban", "new stadium rules", "broadcast rights"],
    ),
}

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

TEMPLATES = [
    "{role} {p} met with {role2} {q} in {place} on {day}.",
    "{p} said the talks with {q} had made real progress.",
    "{p} told reporters that {org} would review {thing} next week.",
    "{org} announced {thing} on {day}, according to {p}.",
    "{p} visited {place} on {day} to discuss {thing} with {org}.",
    "{p} criticized {q} over {thing}.",
    "{org} signed an agreement with {org2} in {place} on {day}.",
    "{p} warned that {thing} could hurt {org2}.",
    "{p} will meet {q} in {place} next month.",
    "{q} praised {org} for its work on {thing}.",
    "{p} has threatened to block {thing} if {org} does not act.",
    "{p} and {q} agreed on {thing} in {place}.",
]


def _sentence(rng: random.Random, desk: str, other: str) -> str:
    people, orgs, places, things = DESKS[desk]
    # Most sentences stay on the article's desk; some bring in a person of another desk.
    second = DESKS[other][0] if rng.random() < 0.15 else people
    (role, p), (role2, q) = rng.choice(people), rng.choice(second)
    while q == p:
        role2, q = rng.choice(second)
    org, org2 = rng.sample(orgs, 2)
    return rng.choice(TEMPLATES).format(
        role=role,
        p=p,
        role2=role2,
        q=q,
        org=org,
        org2=org2,
        place=rng.choice(places),
        thing=rng.choice(things),
        day=rng.choice(WEEKDAYS),
    )


def make_newslike(out: Path, documents: int = 200, *, seed: int = 7) -> Path:
    """Write DOCUMENTS articles as one JSON Lines corpus (id, title, date, text) to OUT."""
    rng = random.Random(seed)
    desks = list(DESKS)
    start = dt.date(2025, 9, 1)
    rows = []
    for index in range(documents):
        desk = desks[index % len(desks)] if rng.random() < 0.8 else rng.choice(desks)
        other = rng.choice([d for d in desks if d != desk])
        sentences = [_sentence(rng, desk, other) for _ in range(rng.randint(5, 9))]
        date = start + dt.timedelta(days=rng.randrange(90))
        people = DESKS[desk][0]
        title = f"{rng.choice(people)[1]} and the {desk} agenda, {date:%d %B}"
        rows.append(
            {
                "id": f"{desk}-{index:04d}",
                "title": title,
                "date": date.isoformat(),
                "text": " ".join(sentences),
            }
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return out


if __name__ == "__main__":
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    print(make_newslike(Path(sys.argv[1]), count))
