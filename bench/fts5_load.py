#!/usr/bin/env python3
"""The SQLite FTS5 contender: loads every JSON Lines article's title and body into an
FTS5 table with the porter stemmer (content stored, as byline-index stores it), in one
transaction. Usage: fts5_load.py DB_FILE CORPUS_FOLDER"""
import json
import os
import sqlite3
import sys


def main():
    db_file, corpus = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(db_file)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')")
    count = 0
    for folder, _, names in sorted(os.walk(corpus)):
        for name in sorted(names):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                rows = [(a.get("title", ""), a.get("body", "")) for a in map(json.loads, f)]
            db.executemany("INSERT INTO articles(title, body) VALUES (?, ?)", rows)
            count += len(rows)
    db.commit()
    db.close()
    print(f"fts5_load: {count} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
