#!/usr/bin/env python3
"""Builds the benchmark corpus from ../shared/corpora: every article of bbc-news,
ai-tech-articles, reuters21578 and ag-news (about 30,000 articles, 45 MB) as JSON Lines
files of at most 200 articles each, so that re-indexing has files to skip or re-read.

With --scale K the corpus is repeated K times; each copy's ids and titles carry the copy
number, so copies are distinct articles (not syndicated duplicates stored once).

The corpus is written outside the project (the data's licences forbid copying it in).
"""
import argparse
import csv
import json
import os
import sys

ARTICLES_PER_FILE = 200
JSONL_CORPORA = ["bbc-news", "ai-tech-articles", "reuters21578"]
AG_NEWS_CLASSES = ["World", "Sports", "Business", "Sci/Tech"]


def jsonl_articles(corpora, name):
    with open(os.path.join(corpora, name, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def ag_news_articles(corpora):
    """ag-news/test.csv: class index (1-4), title, description; no header row."""
    with open(os.path.join(corpora, "ag-news", "test.csv"), encoding="utf-8", newline="") as f:
        for number, (label, title, description) in enumerate(csv.reader(f), start=1):
            yield {
                "id": f"ag-news/test/{number}",
                "title": title,
                # The dataset writes line breaks as a backslash.
                "body": description.replace("\\", "\n"),
                "source": "AG's corpus of news articles",
                "tags": [AG_NEWS_CLASSES[int(label) - 1]],
            }


def all_articles(corpora):
    for name in JSONL_CORPORA:
        yield name, jsonl_articles(corpora, name)
    yield "ag-news", ag_news_articles(corpora)


def write_html(folder, articles, copy):
    """One HTML file per article, for omindex, which reads files, not JSON Lines."""
    import html
    os.makedirs(folder, exist_ok=True)
    count = 0
    for article in articles:
        title = article["title"] if copy == 0 else f"{article['title']} ({copy})"
        sub = os.path.join(folder, f"{count // 1000:03}")
        if count % 1000 == 0:
            os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{count % 1000:03}.html"), "w", encoding="utf-8") as out:
            out.write(f"<html><head><title>{html.escape(title)}</title></head><body><p>"
                      f"{html.escape(article.get('body', '')).replace(chr(10), '<br>')}"
                      "</p></body></html>\n")
        count += 1
    return count


def write_parts(folder, articles, copy):
    os.makedirs(folder, exist_ok=True)
    count = 0
    out = None
    for article in articles:
        if count % ARTICLES_PER_FILE == 0:
            if out:
                out.close()
            out = open(os.path.join(folder, f"part-{count // ARTICLES_PER_FILE:04}.jsonl"), "w",
                       encoding="utf-8")
        if copy > 0:
            article["id"] = f"{article['id']}#{copy}"
            article["title"] = f"{article['title']} ({copy})"
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
        count += 1
    if out:
        out.close()
    return count


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=os.path.join(here, "..", "..", "shared", "corpora"))
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--html", action="store_true",
                        help="write one HTML file per article instead (for omindex)")
    parser.add_argument("out", help="folder to write the corpus into (created)")
    args = parser.parse_args()
    total = 0
    for copy in range(args.scale):
        for name, articles in all_articles(args.corpora):
            write = write_html if args.html else write_parts
            total += write(os.path.join(args.out, f"copy-{copy}", name), articles, copy)
    print(f"build_corpus: {total} articles in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
