#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rewrites the golden files of the dataset format tests from the current code. Review the
# diff before committing: a golden file is only as good as the look it was given.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
for test in doccano labelstudio w3c qdpx; do
    BYLINE_UPDATE_GOLDEN=1 QT_QPA_PLATFORM=offscreen "$repo/$build/bin/tst_formats_$test" testGolden
done
