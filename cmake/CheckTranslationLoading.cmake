# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DBYLINE=... -DLRELEASE=... -DWORK_DIR=... -P CheckTranslationLoading.cmake: compiles a
# one-string German catalogue into a data folder of its own and checks that byline, run in a
# German locale, answers in German (and in English otherwise).
file(REMOVE_RECURSE ${WORK_DIR})
set(folder ${WORK_DIR}/data/Byline/Byline/translations)
file(MAKE_DIRECTORY ${folder})
file(WRITE ${WORK_DIR}/byline_de.ts [=[<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Byline::CommandLine</name>
    <message>
        <source>Write the project&apos;s articles and annotations as a dataset.</source>
        <translation>Schreibt die Artikel und Annotationen des Projekts als Datensatz.</translation>
    </message>
</context>
</TS>
]=])
execute_process(COMMAND ${LRELEASE} -silent ${WORK_DIR}/byline_de.ts -qm ${folder}/byline_de.qm
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lrelease failed")
endif()

function(help language out_var)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_HOME=${WORK_DIR}/data
            LANGUAGE=${language} LC_ALL=${language}.UTF-8 LANG=${language}.UTF-8
            ${BYLINE} --help
        OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "byline --help failed in ${language}:\n${output}")
    endif()
    set(${out_var} "${output}" PARENT_SCOPE)
endfunction()

help(de_DE german)
string(FIND "${german}" "Schreibt die Artikel und Annotationen des Projekts als Datensatz." at)
if(at EQUAL -1)
    message(FATAL_ERROR "byline --help in a German locale is not German:\n${german}")
endif()
help(en_GB english)
string(FIND "${english}" "Write the project's articles and annotations as a dataset." at)
if(at EQUAL -1)
    message(FATAL_ERROR "byline --help in an English locale lost its English:\n${english}")
endif()
