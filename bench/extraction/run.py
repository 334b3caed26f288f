#!/usr/bin/env python3
"""Article-extraction benchmark: how close the bodies Byline stores come to the text a
person marked as each page's article, on ../shared/corpora/article-extraction (181
pages, the ScrapingHub benchmark; its SOURCE.md states the metric).

Everything goes through the command-line interface, as a user would see it:
byline-index indexes the pages, `byline-search --all --format jsonl '*'` lists every
stored article, `byline-search --show ID --format json` gives each stored body, and its
`origin` names the page file it was read from.

The metric: `\\w+` tokens, 4-token shingles counted with multiplicity; per page TP, FP
and FN divided by their sum; precision and recall averaged over pages (a page with no
predicted text has no precision), F1 from the two averages. Figures are given for all
pages, for the tuning split (page keys starting 0-7) and for the held-out rest.

Speed: the wall time of indexing the 181 pages (one thread), median of ROUNDS, as pages
per second.

Usage: bench/extraction/run.py --build BUILD_DIR [--index-program PATH]
       [--corpus DIR] [--rounds N] [--dump FILE]
--index-program scores another byline-index (e.g. an older build) with this build's
byline-search; --dump writes {key: body} for a closer look.
"""
import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpora", "article-extraction")
WORD = re.compile(r"\w+")
TUNING_PREFIXES = tuple("01234567")


def shingles(text, size=4):
    tokens = WORD.findall(text or "")
    return collections.Counter(
        tuple(tokens[i:i + size]) for i in range(max(0, len(tokens) - size + 1)))


def page_counts(expected, predicted):
    """TP, FP, FN of one page, normalised by their sum."""
    truth, guess = shingles(expected), shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score(truth, predictions, keys):
    precisions, recalls = [], []
    for key in keys:
        tp, fp, fn = page_counts(truth[key]["articleBody"], predictions.get(key, ""))
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        recalls.append(tp / (tp + fn) if tp + fn > 0 else 0.0)
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"pages": len(keys), "f1": f1, "precision": precision, "recall": recall}


def index_pages(index_program, corpus, db):
    """Indexes the pages with one thread; returns the wall seconds."""
    started = time.monotonic()
    subprocess.run([index_program, "--db", db, "--jobs", "1",
                    os.path.join(corpus, "html")],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def stored_bodies(search_program, db):
    """{page key: stored body}, read back through byline-search."""
    listing = subprocess.run(
        [search_program, "--db", db, "--all", "--format", "jsonl", "-n", "100000", "*"],
        check=True, capture_output=True, text=True).stdout
    bodies = {}
    for line in listing.splitlines():
        hit = json.loads(line)
        if "id" not in hit:
            continue
        shown = subprocess.run([search_program, "--db", db, "--show", hit["id"],
                                "--format", "json"],
                               check=True, capture_output=True, text=True).stdout
        article = json.loads(shown)
        key = os.path.basename(article["origin"]).split(".")[0]
        bodies[key] = article["body"]
    return bodies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", required=True, help="build folder with both programs")
    parser.add_argument("--index-program", help="byline-index to measure (default: BUILD's)")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3, help="indexing runs timed")
    parser.add_argument("--dump", help="write {key: body} as JSON to this file")
    args = parser.parse_args()
    index_program = args.index_program or os.path.join(args.build, "indexer", "byline-index")
    search_program = os.path.join(args.build, "searcher", "byline-search")
    truth_path = os.path.join(args.corpus, "ground-truth.json")
    if not os.path.exists(truth_path):
        sys.exit(f"run.py: no corpus at {args.corpus}")
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)

    with tempfile.TemporaryDirectory(prefix="byline-extraction-") as work:
        seconds = []
        for round_number in range(args.rounds):
            db = os.path.join(work, f"index-{round_number}")
            seconds.append(index_pages(index_program, args.corpus, db))
        predictions = stored_bodies(search_program, db)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump(predictions, f, ensure_ascii=False, indent=1)

    keys = sorted(truth)
    splits = {
        "all": keys,
        "tuning (0-7)": [k for k in keys if k.startswith(TUNING_PREFIXES)],
        "held out (8-f)": [k for k in keys if not k.startswith(TUNING_PREFIXES)],
    }
    print("| pages | F1 | precision | recall |")
    print("| --- | ---: | ---: | ---: |")
    for name, split in splits.items():
        result = score(truth, predictions, split)
        print(f"| {name}: {result['pages']} | {result['f1']:.3f} | "
              f"{result['precision']:.3f} | {result['recall']:.3f} |")
    median = statistics.median(seconds)
    print(f"\nindexed {len(keys)} pages in {median:.2f} s (median of {len(seconds)}): "
          f"{len(keys) / median:.0f} pages/s; {len(predictions)} articles stored")


if __name__ == "__main__":
    main()
