#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs inside a fresh minimal Debian 13 root (./dev package --test makes it): installs the
# package as a user would, with apt resolving every dependency, then uses the installed copy.
# Usage: package-test.sh DEB OUTPUT_FOLDER
set -eu
deb=$1 out=$2
export DEBIAN_FRONTEND=noninteractive
step() { printf '\033[1m--> %s\033[0m\n' "$*"; }
fail() { printf 'package test: %s\n' "$*" >&2; exit 1; }

step "apt-get install $deb (dependencies and recommendations from the archive)"
apt-get update -qq
apt-get install -y -qq "$deb" >/tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log >&2; fail "apt-get install failed"; }
grep -c '^Setting up' /tmp/apt.log | sed 's/^/    packages set up: /'

step "byline --version"
version=$(byline --version)
echo "    $version"
[ "$version" = "byline $(dpkg-query -W -f='${Version}' byline)" ] || fail "byline --version does not match the package version"

work=$(mktemp -d)
project=$work/sample.byline
sample=/usr/share/doc/byline/examples/kazakhstan-coup-putin.txt
step "byline import and info on $sample"
byline import "$project" "$sample"
byline info --articles "$project"

step "offscreen screenshot of the main window"
QT_QPA_PLATFORM=offscreen byline --screenshot "$work/screenshot.png" "$project"
[ -s "$work/screenshot.png" ] || fail "no screenshot"
cp "$work/screenshot.png" "$out/package-screenshot.png"

step "xdg-mime knows Byline projects and opens them with Byline"
type=$(xdg-mime query filetype "$project")
echo "    $project: $type"
[ "$type" = application/x-byline-project ] || fail "xdg-mime says $type"
default=$(xdg-mime query default application/x-byline-project)
echo "    opened by: $default"
[ "$default" = org.byline.Byline.desktop ] || fail "projects do not open with org.byline.Byline.desktop"

step "menu entry, icons, metainfo and man page are where the desktop looks"
for file in /usr/share/applications/org.byline.Byline.desktop \
    /usr/share/metainfo/org.byline.Byline.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/org.byline.Byline.svg \
    /usr/share/icons/hicolor/48x48/apps/org.byline.Byline.png \
    /usr/share/icons/hicolor/256x256/apps/org.byline.Byline.png \
    /usr/share/man/man1/byline.1.gz; do
    [ -s "$file" ] || fail "$file is missing"
done
zcat /usr/share/man/man1/byline.1.gz | grep -q '^\.SH COMMANDS' || fail "the man page has no COMMANDS section"
echo "    all present"
rm -rf "$work"
