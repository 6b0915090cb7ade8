#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the golden files under golden/ from what the formats write today. Run it only
# when a change of output is intended, then review `git diff tests/data/formats/golden`.
#   tests/data/formats/update-reference-data.sh BUILD_DIR
set -e
build=${1:?usage: update-reference-data.sh BUILD_DIR}
for test in tst_formats_csv tst_formats_conll tst_formats_brat tst_formats_html; do
    BYLINE_UPDATE_REFERENCE=1 QT_QPA_PLATFORM=offscreen "$build/bin/$test" testGolden
done
