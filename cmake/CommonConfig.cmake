# SPDX-License-Identifier: GPL-3.0-or-later
# Compile rules shared by every Byline target: link byline_common and get them all.
add_library(byline_common INTERFACE)
target_compile_features(byline_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(byline_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060500
    BYLINE_VERSION="${PROJECT_VERSION}"
    BYLINE_APP_ID="${BYLINE_APP_ID}")
target_compile_options(byline_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    # Designated initialisers leave the rest of a record at its defaults on purpose.
    -Wno-missing-field-initializers
    $<$<BOOL:${BYLINE_WARNINGS_AS_ERRORS}>:-Werror>)
