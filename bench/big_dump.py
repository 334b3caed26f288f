#!/usr/bin/env python3
"""Writes a JSON Lines dump of generated wire articles to stdout, for measuring how
byline-index reads a dump far larger than memory (bench/streaming).

Usage: bench/big_dump.py --bytes N [--seed S] | gzip -1 > dump.jsonl.gz

Each record is about 4.9 KB: an id, a date, a title of 8 words and a body of 60 words
drawn from a made-up vocabulary (the record's number among them, so no two bodies are
the same and none is stored as another's alias), and a 3.5 KB "raw_html" field that
Byline does not index, as crawl dumps carry the page they were extracted from. Records
are written until N bytes are out; the last line says how many there were on stderr.
"""
import argparse
import itertools
import random
import sys

SYLLABLES = ["ka", "lo", "mer", "tan", "vi", "sol", "dra", "pen", "qu", "rix", "bel",
             "tor", "na", "gui", "fe", "ost", "lum", "cra", "zed", "hal"]


def vocabulary(rng, size):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(rng, 20000)
    # Zipf-like weights: a few words common, most rare, as in news text.
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
    html = "<div class=story>" + " ".join(rng.choices(words, k=380)) + "</div>"
    out = sys.stdout
    written = 0
    count = 0
    batch = []
    while written < args.bytes:
        drawn = rng.choices(words, cum_weights=cumulative, k=68)
        day = 1 + count % 28
        month = 1 + (count // 28) % 12
        line = (
            f'{{"id": "wire-{count}", "date": "2024-{month:02d}-{day:02d}", '
            f'"title": "{" ".join(drawn[:8])}", '
            f'"body": "Dispatch {count}. {" ".join(drawn[8:])}.", '
            f'"raw_html": "{html}"}}\n'
        )
        batch.append(line)
        written += len(line)
        count += 1
        if len(batch) == 10000:
            out.write("".join(batch))
            batch = []
    out.write("".join(batch))
    out.flush()
    print(f"records {count} bytes {written}", file=sys.stderr)


if __name__ == "__main__":
    main()
