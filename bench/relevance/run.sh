#!/usr/bin/env bash
# Relevance of Byline against plain Xapian BM25 on the IR test collections.
#
#   bench/relevance/run.sh [BUILD_DIR] [COLLECTION...]
#
# For each collection in ../shared/corpora: index docs.jsonl with byline-index, run
# queries.tsv through `byline-search --eval` (topics as plain words joined by OR), run
# the same topics through xapian-bm25-baseline (default TermGenerator and QueryParser,
# default BM25) over the same docs.jsonl, and print one Markdown row per system.
# Extra byline-search options (e.g. --weights k1=1.2,b=0.75) come from $BYLINE_EVAL_ARGS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
shift || true
corpora="${BYLINE_SHARED_CORPORA:-$root/../shared/corpora}"
collections=("$@")
if [ ${#collections[@]} -eq 0 ]; then
  collections=(cranfield cisi cacm medline npl lisa)
fi
cmake --build "$build" --target byline-index byline-search xapian-bm25-baseline -j2 >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "| collection | system | topics | nDCG@10 | MAP | P@10 | Recall@100 |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for name in "${collections[@]}"; do
  dir="$corpora/$name"
  "$build/indexer/byline-index" --db "$work/$name" "$dir/docs.jsonl" 2>/dev/null || [ $? -eq 1 ]
  # shellcheck disable=SC2086
  "$build/searcher/byline-search" --db "$work/$name" ${BYLINE_EVAL_ARGS:-} \
    --eval "$dir/queries.tsv" "$dir/qrels.txt" >"$work/$name.byline"
  "$build/bench/relevance/xapian-bm25-baseline" "$dir/docs.jsonl" "$dir/queries.tsv" \
    "$dir/qrels.txt" >"$work/$name.baseline"
  for system in byline baseline; do
    topics=$(grep -c -v -e '^#' -e '^topic' -e '^mean' "$work/$name.$system")
    awk -F'\t' -v c="$name" -v s="$system" -v n="$topics" \
      '$1 == "mean" { printf "| %s | %s | %d | %s | %s | %s | %s |\n", c, (s == "byline" ? "Byline" : "Xapian BM25 (plain)"), n, $2, $3, $4, $5 }' \
      "$work/$name.$system"
  done
done
