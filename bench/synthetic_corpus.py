#!/usr/bin/env python3
"""Writes a synthetic news archive of any size, as JSON Lines files byline-index reads,
for benchmarks at scales the real corpora (about 60,000 articles) cannot reach.

Its statistics come from the real corpora in ../shared/corpora, computed at run time
(bbc-news, ai-tech-articles, reuters21578 articles.jsonl and ag-news test.csv); no text
of theirs is stored in the project:
  words    body and title words are drawn from the corpora's own word frequencies
           (Zipf-distributed, as natural text is), plus a Zipf tail of made-up rare
           words so that the vocabulary keeps growing with the archive (Heaps' law),
           as a real decade of news would;
  lengths  each body's length in words is drawn from the corpora's body lengths, each
           title's from their title lengths; bodies come as sentences and paragraphs;
  sources  drawn with the corpora's frequencies of sources;
  dates    uniform over the ten years 2015-2024, with a time of day.
The same --seed gives the same archive.

Usage: bench/synthetic_corpus.py --articles N --out DIR [--corpora DIR] [--seed S]
       [--per-file K]
"""
import argparse
import bisect
import collections
import csv
import datetime
import itertools
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPORA = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "corpora")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
# Share of body words taken from the made-up tail rather than the real vocabulary.
TAIL_SHARE = 0.02
TAIL_ZIPF_EXPONENT = 1.1
TAIL_WORDS = 2_000_000
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vor", "zu", "bel", "dan", "fi", "gor", "hu",
             "jin", "kel", "mar", "nos", "pal", "quo", "sen", "tri", "ul", "vex", "wan", "yor"]


def real_articles(corpora):
    for name in ["bbc-news", "ai-tech-articles", "reuters21578"]:
        path = os.path.join(corpora, name, "articles.jsonl")
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    yield record.get("title", ""), record.get("body", ""), \
                        record.get("source") or name
    with open(os.path.join(corpora, "ag-news", "test.csv"), encoding="utf-8", newline="") as f:
        for _, title, description in csv.reader(f):
            yield title, description.replace("\\", " "), "AG news"


class Statistics:
    """Word, length and source frequencies of the real corpora."""

    def __init__(self, corpora):
        body_words = collections.Counter()
        title_words = collections.Counter()
        sources = collections.Counter()
        self.body_lengths = []
        self.title_lengths = []
        for title, body, source in real_articles(corpora):
            words = WORD.findall(body)
            if len(words) < 20:
                continue
            body_words.update(w.lower() for w in words)
            heading = WORD.findall(title)
            title_words.update(w.lower() for w in heading)
            self.body_lengths.append(len(words))
            self.title_lengths.append(max(3, len(heading)))
            sources[source] += 1
        self.body_vocabulary, self.body_weights = cumulative(body_words, min_count=2)
        self.title_vocabulary, self.title_weights = cumulative(title_words, min_count=2)
        self.sources, self.source_weights = cumulative(sources, min_count=1)


def cumulative(counter, min_count):
    items = [(w, c) for w, c in counter.most_common() if c >= min_count]
    return [w for w, _ in items], list(itertools.accumulate(c for _, c in items))


def made_up_word(rank):
    """A pronounceable word for the tail's rank-th entry: the same rank, the same word."""
    letters = []
    rank += 1
    while rank:
        rank, digit = divmod(rank - 1, len(SYLLABLES))
        letters.append(SYLLABLES[digit])
    return "".join(letters)


class Generator:
    def __init__(self, stats, seed):
        self.stats = stats
        self.random = random.Random(seed)
        # Zipf over the tail's ranks: P(rank r) ~ 1 / r^s.
        weights = (1 / (r ** TAIL_ZIPF_EXPONENT) for r in range(1, TAIL_WORDS + 1))
        self.tail_weights = list(itertools.accumulate(weights))
        self.start = datetime.datetime(2015, 1, 1, tzinfo=datetime.timezone.utc)
        self.span_seconds = int((datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
                                 - self.start).total_seconds())

    def words(self, vocabulary, weights, count):
        return self.random.choices(vocabulary, cum_weights=weights, k=count)

    def tail_word(self):
        point = self.random.random() * self.tail_weights[-1]
        return made_up_word(bisect.bisect_left(self.tail_weights, point))

    def body(self):
        length = self.random.choice(self.stats.body_lengths)
        words = self.words(self.stats.body_vocabulary, self.stats.body_weights, length)
        for i in range(length):
            if self.random.random() < TAIL_SHARE:
                words[i] = self.tail_word()
        paragraphs, sentence, paragraph = [], [], []
        for word in words:
            sentence.append(word)
            if len(sentence) >= self.random.randint(8, 28):
                paragraph.append(" ".join(sentence).capitalize() + ".")
                sentence = []
                if len(paragraph) >= self.random.randint(2, 5):
                    paragraphs.append(" ".join(paragraph))
                    paragraph = []
        if sentence:
            paragraph.append(" ".join(sentence).capitalize() + ".")
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        return "\n\n".join(paragraphs)

    def article(self, number):
        title_length = self.random.choice(self.stats.title_lengths)
        title = " ".join(self.words(self.stats.title_vocabulary, self.stats.title_weights,
                                    title_length)).capitalize()
        source = self.random.choices(self.stats.sources, cum_weights=self.stats.source_weights)[0]
        date = self.start + datetime.timedelta(seconds=self.random.randrange(self.span_seconds))
        host = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-") or "news"
        return {
            "id": f"synthetic/{number}",
            "title": title,
            "body": self.body(),
            "date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": source,
            "url": f"https://{host}.example/{date:%Y/%m/%d}/{number}",
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", required=True, help="folder for the JSON Lines files")
    parser.add_argument("--corpora", default=DEFAULT_CORPORA)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=5000)
    args = parser.parse_args()
    if not os.path.isdir(args.corpora):
        sys.exit(f"synthetic_corpus: no corpora at {args.corpora} (see --corpora)")
    stats = Statistics(args.corpora)
    print(f"synthetic_corpus: {len(stats.body_vocabulary)} body words, "
          f"{len(stats.title_vocabulary)} title words, {len(stats.sources)} sources, "
          f"from {len(stats.body_lengths)} real articles", file=sys.stderr)
    generator = Generator(stats, args.seed)
    os.makedirs(args.out, exist_ok=True)
    for first in range(0, args.articles, args.per_file):
        path = os.path.join(args.out, f"part-{first // args.per_file:05}.jsonl")
        with open(path + ".new", "w", encoding="utf-8") as out:
            for number in range(first, min(first + args.per_file, args.articles)):
                out.write(json.dumps(generator.article(number), ensure_ascii=False) + "\n")
        os.replace(path + ".new", path)
    print(f"synthetic_corpus: wrote {args.articles} articles to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
