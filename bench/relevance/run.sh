#!/usr/bin/env bash
# Relevance of Byline's search modes against plain Xapian BM25 on the IR test
# collections, the tuning set and the test set side by side.
#
#   bench/relevance/run.sh [BUILD_DIR] [COLLECTION...]
#
# For each collection in ../shared/corpora: index docs.jsonl with byline-index, run
# queries.tsv through `byline-search --eval` as the default search runs a query, then
# with --every-word and with --any, run the same topics through xapian-bm25-baseline
# (default TermGenerator and QueryParser, default BM25, OR) over the same docs.jsonl,
# and print one Markdown row per collection and system. Topic text is lower-cased for
# every system first: an upper-case AND, OR or NOT is an operator in a person's query,
# not in a topic. Extra byline-search options (e.g. --weights k1=1.2) come from
# $BYLINE_EVAL_ARGS.
#
# The tuning set (cranfield, cisi, cacm) is what ranking weights may be tuned on
# (bench/relevance/tune.py); the test set (medline, npl, lisa, adi) only reports.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
shift || true
corpora="${BYLINE_SHARED_CORPORA:-$root/../shared/corpora}"
tuning_set=(cranfield cisi cacm)
test_set=(medline npl lisa adi)
collections=("$@")
if [ ${#collections[@]} -eq 0 ]; then
  collections=("${tuning_set[@]}" "${test_set[@]}")
fi
cmake --build "$build" --target byline-index byline-search xapian-bm25-baseline -j2 >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

set_of() {
  local name
  for name in "${tuning_set[@]}"; do
    if [ "$name" = "$1" ]; then
      echo tuning
      return
    fi
  done
  echo test
}

echo "| collection | set | system | topics | nDCG@10 | MAP | P@10 | Recall@100 |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
for name in "${collections[@]}"; do
  dir="$corpora/$name"
  "$build/indexer/byline-index" --quiet --db "$work/$name" "$dir/docs.jsonl" || [ $? -eq 1 ]
  awk -F'\t' -v OFS='\t' '{ $2 = tolower($2); print }' "$dir/queries.tsv" >"$work/$name.topics"
  for mode in default every-word any; do
    mode_flag=()
    if [ "$mode" != default ]; then
      mode_flag=("--$mode")
    fi
    # shellcheck disable=SC2086
    "$build/searcher/byline-search" --db "$work/$name" ${BYLINE_EVAL_ARGS:-} "${mode_flag[@]}" \
      --eval "$work/$name.topics" "$dir/qrels.txt" >"$work/$name.$mode"
  done
  "$build/bench/relevance/xapian-bm25-baseline" "$dir/docs.jsonl" "$work/$name.topics" \
    "$dir/qrels.txt" >"$work/$name.baseline"
  for system in default every-word any baseline; do
    case $system in
      default) label="Byline, default search" ;;
      baseline) label="Xapian BM25 (plain, OR)" ;;
      *) label="Byline --$system" ;;
    esac
    topics=$(grep -c -v -e '^#' -e '^topic' -e '^mean' "$work/$name.$system")
    awk -F'\t' -v c="$name" -v set="$(set_of "$name")" -v s="$label" -v n="$topics" \
      '$1 == "mean" { printf "| %s | %s | %s | %d | %s | %s | %s | %s |\n", c, set, s, n, $2, $3, $4, $5 }' \
      "$work/$name.$system"
  done
done
