# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DBINARY_DIR=... -DTS_FILE=... -P CheckTranslations.cmake: runs lupdate through the
# build and fails when the template misses the strings of a layer (a context lupdate could
# not see, say, because a class lost Q_OBJECT or its strings lost tr()).
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} --target byline_lupdate
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed:\n${output}")
endif()
file(READ ${TS_FILE} ts)
foreach(context Byline::MainWindow Byline::CommandLine Byline::AboutDialog)
    string(FIND "${ts}" "<name>${context}</name>" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${TS_FILE} has no strings of ${context}")
    endif()
endforeach()
string(REGEX MATCHALL "<message>" messages "${ts}")
list(LENGTH messages count)
message(STATUS "${TS_FILE}: ${count} strings")
if(count LESS 100)
    message(FATAL_ERROR "${TS_FILE} has only ${count} strings")
endif()
