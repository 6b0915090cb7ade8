# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P CheckFormat.cmake: fails on any unformatted C++ file.
file(GLOB_RECURSE sources
    ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
    ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/widgets/*.h
    ${SOURCE_DIR}/models/*.cpp ${SOURCE_DIR}/models/*.h
    ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${sources}
    RESULT_VARIABLE result ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${diagnostics}\nUnformatted files: run clang-format -i on them (./dev exec clang-format -i FILE).")
endif()
