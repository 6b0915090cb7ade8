# SPDX-License-Identifier: GPL-3.0-or-later
# Turns Byline's help text into roff (man(7)); make-manpage.sh feeds it every command's
# help (after "@@command NAME") and then the main help (after "@@main").

function roff(text) {
    gsub(/\\/, "\\e", text)
    gsub(/-/, "\\-", text)
    sub(/^[.']/, "\\\\\\&&", text)
    return text
}

# "  --format <name>   Dataset format..." -> term and description, split at the first run
# of two or more spaces; continuation lines of a wrapped description have no term.
function option_item(line,    at) {
    sub(/^ +/, "", line)
    if (match(line, /  +/)) {
        term = substr(line, 1, RSTART - 1)
        description = substr(line, RSTART + RLENGTH)
    } else {
        term = line
        description = ""
    }
}

function bold_term(text,    out, word, n, i, words) {
    # Option names bold, their values italic: "-o, --output <path>".
    n = split(text, words, " ")
    out = ""
    for (i = 1; i <= n; i++) {
        word = words[i]
        if (word ~ /^-/)
            out = out (i > 1 ? " " : "") "\\fB" roff(word) "\\fR"
        else
            out = out (i > 1 ? " " : "") "\\fI" roff(word) "\\fR"
    }
    return out
}

/^@@command / { mode = "command"; command = $2; in_options = 0; next }
/^@@main$/ {
    mode = "main"; section = "synopsis"
    print ".TH BYLINE 1 \"" date "\" \"Byline " version "\" \"User Commands\""
    print ".SH NAME"
    print "byline \\- annotate who says what in news articles"
    print ".SH SYNOPSIS"
    next
}

mode == "command" {
    if ($0 ~ /^Options:$/) { in_options = 1; next }
    if ($0 ~ /^[^ ]/) in_options = 0    # "Arguments:": the synopsis already names them
    if (!in_options || $0 ~ /^$/) next
    # A wrapped description (mawk has no interval expressions: ten spaces spelled out).
    if ($0 ~ /^          /) {
        line = $0; sub(/^ +/, "", line)
        options[command] = options[command] " " roff(line)
        next
    }
    option_item($0)
    if (term ~ /^-h, --help$/ || term == "--help-all") next
    options[command] = options[command] "\n.TP\n" bold_term(term) "\n" roff(description)
    next
}

mode == "main" && section == "synopsis" {
    if ($0 ~ /^$/) { section = "description"; print ".SH DESCRIPTION"; next }
    line = $0
    sub(/^(Usage:)? +/, "", line)
    sub(/^Usage: /, "", line)
    sub(/^byline /, "", line)
    print ".B byline"
    print roff(line)
    print ".br"
    next
}

mode == "main" && section == "description" {
    if ($0 ~ /^Commands:$/) { section = "commands"; print ".SH COMMANDS"; next }
    if ($0 ~ /^$/) { print ".PP"; next }
    print roff($0)
    next
}

mode == "main" && section == "commands" {
    if ($0 ~ /^Options:$/) { section = "options"; print ".SH OPTIONS"; next }
    if ($0 ~ /^$/) next
    if ($0 ~ /^  [^ ]/) {
        line = $0; sub(/^ +/, "", line)
        name = line; sub(/ .*/, "", name)
        arguments = line; sub(/^[^ ]+ ?/, "", arguments)
        print ".TP"
        print "\\fB" roff(name) "\\fR " roff(arguments)
        current = name
        next
    }
    line = $0; sub(/^ +/, "", line)
    print roff(line)
    if (options[current] != "") {
        print ".RS"
        print substr(options[current], 2)    # without the leading newline
        print ".RE"
        options[current] = ""
    }
    next
}

mode == "main" && section == "options" {
    if ($0 ~ /^$/) next
    option_item($0)
    print ".TP"
    print bold_term(term)
    print roff(description)
    next
}

END {
    if (mode != "main") { print "manpage.awk: no main help" > "/dev/stderr"; exit 1 }
    print ".SH FILES"
    print ".TP"
    print ".I PROJECT.byline"
    print "A project: a SQLite database of articles and annotations. A lock file next to it"
    print "keeps a second Byline from writing to it."
    print ".SH EXIT STATUS"
    print "0 on success, 1 on errors, 2 on wrong usage."
}
