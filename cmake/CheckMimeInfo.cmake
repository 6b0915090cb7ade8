# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DUPDATE_MIME_DATABASE=... -DMIME_XML=... -DWORK_DIR=... -P CheckMimeInfo.cmake: builds a
# MIME database from Byline's definition alone, as the package's trigger does, and checks that
# the glob and the SQLite magic made it in.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/mime/packages)
file(COPY_FILE ${MIME_XML} ${WORK_DIR}/mime/packages/byline.xml)
execute_process(COMMAND ${UPDATE_MIME_DATABASE} -V ${WORK_DIR}/mime
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
# update-mime-database reports a malformed definition but still exits 0.
if(NOT result EQUAL 0 OR output MATCHES "[Ee]rror|[Ww]arning|[Ii]nvalid|[Uu]nknown")
    message(FATAL_ERROR "update-mime-database rejects ${MIME_XML}:\n${output}")
endif()
file(READ ${WORK_DIR}/mime/globs2 globs)
if(NOT globs MATCHES "application/x-byline-project:\\*\\.byline")
    message(FATAL_ERROR "no *.byline glob in the database:\n${globs}")
endif()
file(READ ${WORK_DIR}/mime/magic magic HEX)
string(HEX "[40:application/x-byline-project]" section)
string(HEX "SQLite format 3" header)
if(NOT magic MATCHES "${section}.*${header}00")
    message(FATAL_ERROR "no SQLite magic for application/x-byline-project in the database")
endif()
