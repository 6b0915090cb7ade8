#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes byline(1) from the built binary's own help (`byline --help` and every
# `byline COMMAND --help`), so the man page cannot drift from the command line.
# Usage: make-manpage.sh BYLINE OUTPUT VERSION DATE
set -eu
byline=$1 output=$2 version=$3 date=$4
here=$(dirname "$0")

# Help is English whatever the builder's locale.
LC_ALL=C.UTF-8 LANGUAGE= LANG=C.UTF-8
export LC_ALL LANGUAGE LANG

main_help=$("$byline" --help)
commands=$(printf '%s\n' "$main_help" | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [^ ]/ { print $1 }')
[ -n "$commands" ] || { echo "make-manpage: no commands in '$byline --help'" >&2; exit 1; }

{
    for command in $commands; do
        printf '@@command %s\n' "$command"
        "$byline" "$command" --help
    done
    printf '@@main\n%s\n' "$main_help"
} | awk -v version="$version" -v date="$date" -f "$here/manpage.awk" >"$output.tmp"
mv "$output.tmp" "$output"
