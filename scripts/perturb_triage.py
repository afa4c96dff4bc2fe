"""How the rules hold when a patient types differently: emergencies, changed one way.

Takes every emergency of the triage sets that the rules alone flag, changes
it in one way a patient types (a pair of neighbouring letters swapped, the
message in capitals, texting shorthand, a stretched vowel, a hedge after the
verb, apostrophes dropped), and counts the emergencies the rules lose. The
changes are random but seeded, the same on every run. Nothing is tuned on
the changed messages: it shows where reading by form is brittle.

    python -m scripts.perturb_triage                # counts per change
    python -m scripts.perturb_triage --misses 20    # and the first misses of each
"""

from __future__ import annotations

import argparse
import glob
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot import triage  # noqa: E402
from scripts.eval_triage import load_cases  # noqa: E402

_VERB = re.compile(
    r"\b(is|are|was|were|gone|went|looks|look|feels|feel|seems|got|getting|turned|turning|"
    r"become|became)\s+"
)
_HEDGES = ["kinda ", "really ", "a bit ", "sort of ", "super ", "slightly "]
_PREFIXES = ["ok so ", "um ", "sorry to bother but ", "not sure if this is anything but "]
_SUFFIXES = [" lol", " is that normal?", " pls help", " idk"]
_TEXTING = [
    (r"\byou\b", "u"),
    (r"\bare\b", "r"),
    (r"\band\b", "n"),
    (r"\bbecause\b", "cos"),
    (r"\bplease\b", "pls"),
    (r"\bthough\b", "tho"),
]


def swap(rng: random.Random, text: str) -> str:
    """One pair of neighbouring letters swapped in one word of six letters or more."""
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def capitals(rng: random.Random, text: str) -> str:
    return text.upper()


def texting(rng: random.Random, text: str) -> str:
    for pattern, short in _TEXTING:
        text = re.sub(pattern, short, text, flags=re.I)
    return text


def stretch(rng: random.Random, text: str) -> str:
    """A vowel typed three times, in about one word in seven of six letters or more."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        vowels = [k for k, c in enumerate(word) if c in "aeiou"]
        if len(word) < 6 or not vowels or rng.random() > 0.15:
            return word
        k = vowels[0]
        return word[:k] + word[k] * 3 + word[k + 1 :]

    return re.sub(r"\b\w+\b", one, text)


def hedge(rng: random.Random, text: str) -> str:
    """A hedge after the first verb of being or seeming ("looks sort of like")."""
    return _VERB.sub(lambda m: m.group(0) + rng.choice(_HEDGES), text, count=1)


def no_apostrophes(rng: random.Random, text: str) -> str:
    return text.replace("'", "").replace("\u2019", "")


def framed(rng: random.Random, text: str) -> str:
    """A filler before and a tag after."""
    return rng.choice(_PREFIXES) + text.rstrip(".!? ") + rng.choice(_SUFFIXES)


CHANGES: dict[str, Callable[[random.Random, str], str]] = {
    "swap": swap,
    "capitals": capitals,
    "texting": texting,
    "stretch": stretch,
    "hedge": hedge,
    "no_apostrophes": no_apostrophes,
    "framed": framed,
}


def emergencies(patterns: list[str]) -> list[str]:
    out: list[str] = []
    for pattern in patterns:
        for f in sorted(glob.glob(str(ROOT / pattern))):
            out += load_cases(Path(f)).get("emergency", [])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sets", nargs="*", default=["tests/blind/*triage*.yml", "tests/data/triage_cases.yml"]
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses per change")
    args = ap.parse_args(argv)
    texts = emergencies(args.sets)
    caught = [t for t in texts if triage.assess(t).level == "emergency"]
    print(f"emergencies the rules flag as written: {len(caught)} of {len(texts)}")
    for name, change in CHANGES.items():
        rng = random.Random(f"{args.seed}:{name}")  # noqa: S311 (a seeded change, no secret)
        lost = []
        for t in caught:
            changed = change(rng, t)
            if changed != t and triage.assess(changed).level != "emergency":
                lost.append(changed)
        print(f"  {name:<15} lost {len(lost)}")
        for t in lost[: args.misses]:
            print(f"      {t[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
