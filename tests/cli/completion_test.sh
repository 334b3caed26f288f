#!/usr/bin/env bash
# The completion scripts and man pages know every option the programs' --help lists,
# and bash completion completes flags and their values.
# Usage: completion_test.sh SOURCE_DIR BYLINE_SEARCH BYLINE_INDEX
set -euo pipefail
source_dir=$1
declare -A binary=([byline-search]=$2 [byline-index]=$3)
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Runs the bash completion function for the words given (the last one is completed)
# and prints the candidates one per line.
complete_words() {
    local program=$1
    # shellcheck source=/dev/null
    source "$source_dir/completions/bash/$program"
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    local function_name
    function_name=$(complete -p "$program" | sed -E 's/.* -F ([^ ]+) .*/\1/')
    "$function_name" "$program" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}

for program in byline-search byline-index; do
    flags=$("${binary[$program]}" --help | grep -oE -- '(^|[ [])--[a-z][a-z-]+' |
        grep -oE -- '--[a-z-]+' | sort -u)
    [[ -n $flags ]] || fail "$program --help lists no flags"
    offered=$(complete_words "$program" "$program" --)
    for flag in $flags; do
        grep -qxF -- "$flag" <<<"$offered" || fail "$program: bash completion lacks $flag"
        grep -qF -- "$flag[" "$source_dir/completions/zsh/_$program" ||
            grep -qF -- ",$flag}" "$source_dir/completions/zsh/_$program" ||
            fail "$program: zsh completion lacks $flag"
        # In roff a flag's hyphens are written \- (minus signs); inner ones may be plain.
        escaped=${flag//-/\\-}
        { grep -qF -- "\\-\\-${flag#--}" "$source_dir/man/$program.1" ||
            grep -qF -- "$escaped" "$source_dir/man/$program.1"; } ||
            fail "$program: man page lacks $flag"
    done
done

[[ $(complete_words byline-search byline-search --fo) == --format ]] ||
    fail "--fo does not complete to --format"
formats=$(complete_words byline-search byline-search --format '' | sort | tr '\n' ' ')
[[ $formats == 'ids json jsonl text tsv ' ]] || fail "--format completes to '$formats'"
colors=$(complete_words byline-search byline-search --color a | sort | tr '\n' ' ')
[[ $colors == 'always auto ' ]] || fail "--color a completes to '$colors'"
grep -qx -- - <(complete_words byline-search byline-search --queries '') ||
    fail "--queries does not offer - (standard input)"

# Checks that need a tool scripts/install-deps installs: without it the test reports
# itself skipped (exit 77, SKIP_RETURN_CODE), naming what did not run; in CI it fails.
not_run=()
if command -v zsh >/dev/null; then
    for program in byline-search byline-index; do
        zsh -n "$source_dir/completions/zsh/_$program" || fail "zsh cannot parse _$program"
    done
else
    not_run+=("zsh is not installed: the zsh completions were not parsed")
fi
if command -v groff >/dev/null; then
    for program in byline-search byline-index; do
        warnings=$(groff -man -ww -z "$source_dir/man/$program.1" 2>&1)
        [[ -z $warnings ]] || fail "groff warns about $program.1: $warnings"
    done
else
    not_run+=("groff is not installed: the man pages were not checked for warnings")
fi
if [[ ${CI:-} == true ]]; then
    for reason in "${not_run[@]}"; do
        fail "$reason (CI must run every check)"
    done
fi

if ((failures > 0)); then
    echo "$failures failures"
    exit 1
fi
if ((${#not_run[@]} > 0)); then
    printf 'SKIPPED: %s\n' "${not_run[@]}"
    exit 77
fi
echo "completions and man pages cover every option"
