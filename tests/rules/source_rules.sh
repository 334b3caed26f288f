#!/usr/bin/env bash
# Rules of the source tree that a grep can check (ARCHITECTURE.md gives their reasons).
#   source_rules.sh layers SOURCE_DIR  index/ and search/ never include one another;
#                                      bench/ includes only the public headers
#   source_rules.sh flags SOURCE_DIR   no string in common/ names a command-line flag
#                                      (the library's typed errors carry data; each
#                                      command adds its own flag hints)
# Prints each offending line and exits 1 when a rule is broken.
set -euo pipefail

rule=$1
cd "$2"
broken=0

# Lines of the files under $1 matching the extended regex $2, after a header line $3.
offenders() {
    local found
    found=$(grep -rnE --include='*.cpp' --include='*.h' --include='*.txt' "$2" $1 || true)
    if [[ -n $found ]]; then
        printf '%s\n%s\n' "$3" "$found"
        broken=1
    fi
}

case $rule in
    layers)
        offenders common/src/index '#include +("search/|<byline/searcher\.h>)' \
            'common/src/index includes the search side:'
        offenders common/src/search '#include +"index/' \
            'common/src/search includes the index side:'
        offenders bench '#include +"[^"]*"|common/src' \
            'bench/ reaches past the public headers:'
        ;;
    flags)
        # "--" then a letter: a flag; "-->" (an HTML comment's end) is not one.
        offenders common '"--[a-z]' 'common/ names a command-line flag (the commands add flag hints):'
        ;;
    *)
        echo "usage: source_rules.sh layers|flags SOURCE_DIR" >&2
        exit 2
        ;;
esac
exit $broken
