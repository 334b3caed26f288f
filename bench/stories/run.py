#!/usr/bin/env python3
"""Story clustering and related articles, scored on BASIL's gold grouping.

BASIL (../shared/corpora/basil) holds 100 events, each reported by three outlets in
their own words, with the gold grouping in stories.tsv. The real byline-index indexes
them with its defaults, alone or mixed with bbc-news and ai-tech-articles as
distractors; the stories are read back as a user reads them:
`byline-search --stories --format jsonl -n 1000000 '*'`.

Clustering is scored with BCubed precision, recall and F1 over the BASIL articles
(Amigó et al. 2009): an article's precision is the share of its story that reports its
event (a distractor in the story counts against it), its recall the share of its event
that is in its story. Two halves of the events, so that what is reported is not what
was tuned on: `tune` (events whose id hashes even) and `report` (odd); `all` is both.

`--like` also runs `byline-search --like ID --format jsonl -n 5` for each BASIL article
and reports how often both other outlets' reports of its event are in the top 5.

Not a test: run it by hand, e.g.
  bench/stories/run.py --build build-release --split report --like
"""
import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "shared", "corpora")
DISTRACTORS = ["bbc-news", "ai-tech-articles"]


def gold_stories():
    gold = {}
    with open(os.path.join(SHARED, "basil", "stories.tsv"), encoding="utf-8") as tsv:
        for line in tsv:
            if line.startswith("#") or not line.strip():
                continue
            article, story = line.rstrip("\n").split("\t")
            gold[article] = story
    return gold


def in_split(story, split):
    if split == "all":
        return True
    even = int(hashlib.sha256(story.encode()).hexdigest(), 16) % 2 == 0
    return even == (split == "tune")


def build_index(build, db, alone):
    corpora = ["basil"] if alone else sorted(["basil"] + DISTRACTORS)
    files = [os.path.join(SHARED, name, "articles.jsonl") for name in corpora]
    subprocess.run([os.path.join(build, "indexer", "byline-index"), "--quiet", "--db", db]
                   + files, check=True)


def search(build, db, *args):
    run = subprocess.run([os.path.join(build, "searcher", "byline-search"), "--db", db]
                         + list(args), capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"byline-search {' '.join(args)} failed: {run.stderr}")
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def bcubed(cluster_of, gold, items):
    members = collections.defaultdict(set)
    for article, cluster in cluster_of.items():
        members[cluster].add(article)
    events = collections.defaultdict(set)
    for article, event in gold.items():
        events[event].add(article)
    precision = recall = 0.0
    for article in items:
        story = members[cluster_of[article]]
        event = events[gold[article]]
        right = len(story & event)
        precision += right / len(story)
        recall += right / len(event)
    precision /= len(items)
    recall /= len(items)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", required=True, help="a CMake build directory")
    parser.add_argument("--split", choices=["tune", "report", "all"], default="all")
    parser.add_argument("--alone", action="store_true", help="BASIL without distractors")
    parser.add_argument("--like", action="store_true", help="also score --like ID")
    args = parser.parse_args()
    gold = gold_stories()
    items = [a for a, s in gold.items() if in_split(s, args.split)]
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "index")
        build_index(args.build, db, args.alone)
        cluster_of = {}
        stories = search(args.build, db, "--stories", "--format", "jsonl", "-n", "1000000", "*")
        for story in stories:
            for member in story["members"]:
                cluster_of[member["id"]] = story["story"]
        missing = [a for a in gold if a not in cluster_of]
        if missing:
            sys.exit(f"{len(missing)} BASIL articles in no story, e.g. {missing[0]}")
        precision, recall, f1 = bcubed(cluster_of, gold, items)
        mixed = "alone" if args.alone else "with " + " + ".join(DISTRACTORS)
        print(f"BASIL {args.split} split ({len(items)} articles, {mixed}): "
              f"BCubed precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
        print(f"stories: {len(stories)} over {len(cluster_of)} articles")
        if args.like:
            found = 0
            for article in items:
                others = {a for a, s in gold.items() if s == gold[article] and a != article}
                top = {hit["id"] for hit in search(args.build, db, "--like", article,
                                                   "--format", "jsonl", "-n", "5")}
                found += others <= top
            print(f"--like: both other reports in the top 5 for {found}/{len(items)} "
                  f"articles ({found / len(items):.3f})")


if __name__ == "__main__":
    main()
