# byline-index on a terminal (a pseudo-terminal made by script(1)) shows a live progress
# line on stderr, which it clears before its summary; with --quiet it shows none. Piped
# output never has it (the in-process tests read stderr as a string).
# -D: INDEX (the program), ARCHIVE (a folder to index), WORK_DIR (scratch, replaced).
include(${CMAKE_CURRENT_LIST_DIR}/find_script.cmake)
if(NOT SCRIPT)
  return()
endif()
file(REMOVE_RECURSE ${WORK_DIR})

# Indexes ARCHIVE into a fresh index on a terminal with the extra arguments; the
# terminal's output (stdout and stderr together) in `result`.
function(index_on_terminal result name)
  run_on_terminal(out "${INDEX} --db ${WORK_DIR}/${name} ${ARGN} ${ARCHIVE}")
  if(NOT out MATCHES "byline-index: indexed [0-9]+ articles")
    message(FATAL_ERROR "no summary line on a terminal:\n${out}")
  endif()
  set(${result} "${out}" PARENT_SCOPE)
endfunction()

string(ASCII 27 escape)
set(progress "\r[0-9]+ files, [0-9.]+ MB read, [0-9]+ articles \\([0-9]+ written\\), [0-9.]+ MB/s, [0-9]+ articles/s, ETA ")
index_on_terminal(live live)
if(NOT live MATCHES "${progress}")
  message(FATAL_ERROR "no progress line on a terminal:\n${live}")
endif()
# The line is cleared before the summary, so the summary starts a clean line.
if(NOT live MATCHES "\r${escape}\\[Kbyline-index: indexed")
  message(FATAL_ERROR "the progress line is not cleared before the summary:\n${live}")
endif()
index_on_terminal(quiet quiet --quiet)
if(quiet MATCHES "files, [0-9]+ articles \\(" OR quiet MATCHES "${escape}")
  message(FATAL_ERROR "a progress line despite --quiet:\n${quiet}")
endif()
message(STATUS "progress line on a terminal, none with --quiet")
