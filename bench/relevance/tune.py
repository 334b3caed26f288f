#!/usr/bin/env python3
"""Grid search of ranking weights on the tuning set only (cranfield, cisi, cacm).

    bench/relevance/tune.py BUILD_DIR 'feedback=0,feedback=0.1' 'k1=1.2,b=0.75' ...

Each argument after BUILD_DIR is one --weights setting to try. Indexes each tuning
collection once, runs its topics (lower-cased, as bench/relevance/run.sh does) through
`byline-search --eval` as the default search runs them, and prints the mean nDCG@10 per
collection and over the three. The test set (medline, npl, lisa, adi) is never read
here: its figures are reported by run.sh, not tuned on.
"""
import pathlib
import subprocess
import sys
import tempfile

TUNING_SET = ["cranfield", "cisi", "cacm"]


def mean_ndcg(search, db, topics, qrels, weights):
    args = [search, "--db", db, "--eval", topics, qrels]
    if weights:
        args[1:1] = ["--weights", weights]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("mean\t"):
            return float(line.split("\t")[1])
    raise RuntimeError(f"no mean line from {' '.join(args)}")


def main():
    build = pathlib.Path(sys.argv[1])
    settings = sys.argv[2:] or [""]
    root = pathlib.Path(__file__).resolve().parents[2]
    corpora = root.parent / "shared" / "corpora"
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        for name in TUNING_SET:
            # Exit status 1: some records were skipped (cranfield has two empty ones).
            indexed = subprocess.run([build / "indexer" / "byline-index", "--quiet", "--db",
                                      work / name, corpora / name / "docs.jsonl"],
                                     stderr=subprocess.DEVNULL, check=False)
            if indexed.returncode not in (0, 1):
                raise RuntimeError(f"byline-index failed on {name}")
            with open(corpora / name / "queries.tsv") as src, \
                    open(work / f"{name}.topics", "w") as dst:
                for line in src:
                    topic_id, _, text = line.rstrip("\n").partition("\t")
                    dst.write(f"{topic_id}\t{text.lower()}\n")
        print("weights\t" + "\t".join(TUNING_SET) + "\tmean")
        for weights in settings:
            scores = [mean_ndcg(build / "searcher" / "byline-search", work / name,
                                work / f"{name}.topics", corpora / name / "qrels.txt",
                                weights) for name in TUNING_SET]
            print(f"{weights or '(defaults)'}\t" + "\t".join(f"{s:.4f}" for s in scores)
                  + f"\t{sum(scores) / len(scores):.4f}", flush=True)


if __name__ == "__main__":
    main()
