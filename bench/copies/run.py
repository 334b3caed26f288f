#!/usr/bin/env python3
"""Precision and recall of byline-index's copy detection on a labelled set.

The set is made from ../shared/corpora: distinct articles, each with generated copies
as archives hold them (another headline, a paragraph from elsewhere added, the last
paragraph cut, a different ending, site boilerplate around the text, and all of these
at once), plus BASIL's events, each reported by up to three outlets in their own words:
those are hard negatives, since different reports of one event are not copies.

Two splits, so that what is reported is not what was tuned on:
  tune    bbc-news bases, BASIL events of even rank
  report  reuters21578 and ai-tech-articles bases, BASIL events of odd rank

Every record is indexed by the real byline-index with its defaults, the stories are
read back through byline-search (--all, JSON, each hit's "story"), and pairs are
scored: a predicted pair is two articles in one story; a gold pair is two articles made
from one base. The true shingle resemblance of each pair is printed by bucket, which
is what the resemblance threshold was chosen from (on the tune split).

Not a test: run it by hand, e.g.
  bench/copies/run.py --build build-release --split report
"""
import argparse
import collections
import hashlib
import itertools
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "shared", "corpora")
SOURCE = "labelled-copies"

# Generic site furniture, written for this benchmark.
HEADERS = [
    "Home | World | Business | Technology | Science | Opinion | Subscribe",
    "Skip to main content. Menu. Search. Sign in.",
    "We use cookies to give you the best experience. By continuing you agree to our "
    "cookie policy. Accept all. Manage settings.",
]
FOOTERS = [
    "Share this article: Facebook Twitter LinkedIn Email. Print this page.",
    "Related stories: Markets close higher on the week; New rules for drone pilots; "
    "Five gadgets worth waiting for.",
    "Sign up for our daily briefing and get the top stories in your inbox every morning.",
    "Copyright 2024 The Example Gazette. All rights reserved. Terms of use. Privacy.",
]
ENDINGS = [
    "The company did not respond to a request for comment.",
    "Further details are expected to be announced later this month.",
    "This story has been updated with additional reporting.",
]


def words(text):
    return re.findall(r"\w+", text.lower())


def shingles(text):
    w = words(text)
    return {tuple(w[i : i + 4]) for i in range(len(w) - 3)}


def resemblance(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def simhash(text):
    """Charikar's 64-bit SimHash over the body's words weighted by count, as Manku et
    al. (2007) used it on web pages: the reference the threshold is compared with."""
    totals = [0] * 64
    for word, count in collections.Counter(words(text)).items():
        h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        for bit in range(64):
            totals[bit] += count if h >> bit & 1 else -count
    return sum(1 << bit for bit in range(64) if totals[bit] > 0)


def paragraphs(body):
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    return parts if parts else [body]


def read_jsonl(path, limit=None):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)


def choose_bases(records, count, rng):
    """Distinct articles of 120 words or more, none resembling another (the corpora hold
    copies of their own, which would make the labels wrong)."""
    pool = [r for r in records if len(words(r.get("body", ""))) >= 120]
    rng.shuffle(pool)
    bases, kept_shingles = [], []
    for record in pool:
        s = shingles(record["body"])
        if any(len(s & t) / len(s | t) > 0.2 for t in kept_shingles):
            continue
        bases.append(record)
        kept_shingles.append(s)
        if len(bases) == count:
            break
    return bases


def variants(base, donor, rng):
    """The generated copies of a base: (kind, title, body). The added paragraph is up to
    60 words of another article (`donor`, used for this base alone)."""
    paras = paragraphs(base["body"])
    added = " ".join(rng.choice(paragraphs(donor["body"])).split()[:60])
    at = rng.randrange(1, len(paras) + 1)
    cut = paras[:-1] if len(paras) > 2 else [" ".join(words(base["body"])[: int(len(words(base["body"])) * 0.85)])]
    header = "\n".join(rng.sample(HEADERS, 2))
    footer = "\n".join(rng.sample(FOOTERS, 3))
    other_title = donor.get("title", "") or "Untitled"
    yield "headline", other_title, base["body"]
    yield "paragraph-added", base["title"], "\n\n".join(paras[:at] + [added] + paras[at:])
    yield "last-cut", base["title"], "\n\n".join(cut)
    yield "other-ending", base["title"], "\n\n".join(cut + [rng.choice(ENDINGS)])
    yield "boilerplate", base["title"], header + "\n\n" + base["body"] + "\n\n" + footer
    yield "all-edits", other_title, header + "\n\n" + "\n\n".join(cut + [added]) + "\n\n" + footer


def labelled_set(split, bases_per_corpus, seed):
    rng = random.Random(seed)
    corpora = {"tune": ["bbc-news"], "report": ["reuters21578", "ai-tech-articles"]}[split]
    records, gold = [], {}
    for corpus in corpora:
        pool = list(read_jsonl(os.path.join(SHARED, corpus, "articles.jsonl")))
        bases = choose_bases(pool, bases_per_corpus, rng)
        # Added paragraphs come from articles that are not in the set, or a copy of one
        # base would hold a paragraph of another.
        chosen = {id(base) for base in bases}
        donors = rng.sample([r for r in pool if id(r) not in chosen and r.get("body")], len(bases))
        for n, (base, donor) in enumerate(zip(bases, donors)):
            group = f"{corpus}#{n}"
            records.append({"id": f"{group}/base", "title": base.get("title", ""), "body": base["body"]})
            gold[f"{group}/base"] = group
            for kind, title, body in variants(base, donor, rng):
                records.append({"id": f"{group}/{kind}", "title": title, "body": body})
                gold[f"{group}/{kind}"] = group
    # BASIL: each article its own gold group (different reports are not copies).
    stories = collections.defaultdict(list)
    with open(os.path.join(SHARED, "basil", "stories.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            article, story = line.rstrip("\n").split("\t")
            stories[story].append(article)
    wanted = 0 if split == "tune" else 1
    keep = {a for rank, s in enumerate(sorted(stories)) if rank % 2 == wanted for a in stories[s]}
    for record in read_jsonl(os.path.join(SHARED, "basil", "articles.jsonl")):
        if record["id"] in keep:
            records.append({"id": record["id"], "title": record.get("title", ""), "body": record.get("body", "")})
            gold[record["id"]] = record["id"]
    for record in records:
        record["source"] = SOURCE
    return records, gold, stories


def predicted_stories(build, records):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "set.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record) + "\n")
        db = os.path.join(tmp, "index")
        subprocess.run([os.path.join(build, "indexer", "byline-index"), "--quiet", "--db", db, path],
                       check=True, stderr=subprocess.DEVNULL)
        out = subprocess.run([os.path.join(build, "searcher", "byline-search"), "--db", db, "--all",
                              "-n", str(len(records) + 10), "--format", "jsonl",
                              f"source:{SOURCE}"], check=True, capture_output=True, text=True).stdout
    story = {}
    for line in out.splitlines():
        hit = json.loads(line)
        story[hit["id"]] = hit["story"]
    return story


def pairs(groups):
    result = set()
    for members in groups.values():
        result.update(itertools.combinations(sorted(members), 2))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build", help="the build folder with byline-index")
    parser.add_argument("--split", choices=["tune", "report"], default="report")
    parser.add_argument("--bases", type=int, default=150, help="distinct articles per corpus")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()

    records, gold, _ = labelled_set(args.split, args.bases, args.seed)
    story = predicted_stories(args.build, records)
    missing = [r["id"] for r in records if r["id"] not in story]
    if missing:
        sys.exit(f"{len(missing)} articles not listed by the search, e.g. {missing[:3]}")
    gold_groups, predicted_groups = collections.defaultdict(list), collections.defaultdict(list)
    for record in records:
        gold_groups[gold[record["id"]]].append(record["id"])
        predicted_groups[story[record["id"]]].append(record["id"])
    gold_pairs, predicted_pairs = pairs(gold_groups), pairs(predicted_groups)
    right = gold_pairs & predicted_pairs
    precision = len(right) / len(predicted_pairs) if predicted_pairs else 1.0
    recall = len(right) / len(gold_pairs)

    bodies = {r["id"]: r["body"] for r in records}
    print(f"split {args.split}: {len(records)} articles, {len(gold_groups)} gold groups, "
          f"{len(gold_pairs)} copy pairs")
    print(f"precision {precision:.4f}  recall {recall:.4f}  "
          f"(pairs: {len(predicted_pairs)} predicted, {len(right)} right)")
    print("\nrecall by kind of edit (pairs of a base and its copy):")
    by_kind = collections.defaultdict(lambda: [0, 0, []])
    for group, members in gold_groups.items():
        base = f"{group}/base"
        if base not in story:
            continue
        for member in members:
            if member == base:
                continue
            kind = member.rsplit("/", 1)[1]
            found = story[member] == story[base]
            by_kind[kind][0] += found
            by_kind[kind][1] += 1
            by_kind[kind][2].append(resemblance(bodies[base], bodies[member]))
    for kind, (found, total, jaccards) in sorted(by_kind.items()):
        jaccards.sort()
        print(f"  {kind:16} {found}/{total} = {found / total:.3f}   "
              f"shingle resemblance median {jaccards[len(jaccards) // 2]:.2f}, min {jaccards[0]:.2f}")
    # The reference: SimHash within Hamming distance 3, pair by pair.
    hashes = {i: simhash(b) for i, b in bodies.items()}
    near = {(a, b) for a, b in itertools.combinations(sorted(bodies), 2)
            if bin(hashes[a] ^ hashes[b]).count("1") <= 3}
    print(f"\nreference, SimHash (64 bits, Hamming distance <= 3): recall "
          f"{len(near & gold_pairs) / len(gold_pairs):.4f}, precision "
          f"{len(near & gold_pairs) / len(near) if near else 1.0:.4f}")
    wrong = predicted_pairs - gold_pairs
    basil_pairs = [(a, b) for a, b in wrong if a.startswith("basil/")]
    print(f"\nwrongly grouped pairs: {len(wrong)} ({len(basil_pairs)} between BASIL reports of one event)")
    for a, b in sorted(wrong)[:10]:
        print(f"  {a}  {b}  resemblance {resemblance(bodies[a], bodies[b]):.2f}")


if __name__ == "__main__":
    main()
