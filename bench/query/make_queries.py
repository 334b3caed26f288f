#!/usr/bin/env python3
"""Writes queries.txt: 200 search-box queries drawn from the titles of the bench corpus.

Each query is one to three content words of a title picked at random (fixed seed), the
way people type what they remember of a headline; every fifth query is a two-word
phrase. Run once; the output is committed so every run measures the same queries.

Usage: make_queries.py CORPORA_DIR > queries.txt
"""
import json
import random
import re
import sys

CORPORA = ["bbc-news", "ai-tech-articles", "reuters21578"]
STOPWORDS = set("""a an and are as at be by for from has have he in is it its of on or
she that the their this to was were will which with who says said after over into new
not but more than up out about us says""".split())


def content_words(title):
    words = re.findall(r"[a-z][a-z0-9]+", title.lower())
    return [w for w in words if w not in STOPWORDS and len(w) > 2 and w not in ("and", "or", "not")]


def main():
    titles = []
    for name in CORPORA:
        with open(f"{sys.argv[1]}/{name}/articles.jsonl", encoding="utf-8") as f:
            for line in f:
                words = content_words(json.loads(line).get("title", ""))
                if len(words) >= 2:
                    titles.append(words)
    rng = random.Random(20261127)
    seen = set()
    while len(seen) < 200:
        words = rng.choice(titles)
        if len(seen) % 5 == 4:
            start = rng.randrange(len(words) - 1)
            query = f'"{words[start]} {words[start + 1]}"'
        else:
            query = " ".join(rng.sample(words, min(len(words), rng.choice([1, 2, 2, 3]))))
        if query not in seen:
            seen.add(query)
            print(f"q{len(seen)}\t{query}")


if __name__ == "__main__":
    main()
