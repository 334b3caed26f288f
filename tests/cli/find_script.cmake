# Finds script(1), which the terminal tests run a program under, as SCRIPT, and gives
# them run_on_terminal (below). When script(1) is missing, prints the marker CTest
# reports as a skip (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt) and leaves SCRIPT
# false for the caller to return on; in CI (CI=true) a missing script(1) is a failure.
find_program(SCRIPT script)
if(NOT SCRIPT)
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "script(1) is not installed (util-linux); CI must run this test")
  endif()
  message("SKIPPED: script(1) is not installed")
endif()

# Runs COMMAND (one shell command line) on a pseudo-terminal, with the environment
# changes given after it (VAR=value, --unset=VAR); fails the test when it exits non-zero.
# The terminal's output, stdout and stderr together, in `result`.
function(run_on_terminal result command)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${ARGN} ${SCRIPT} -qec "${command}" /dev/null
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${command}\non a terminal exited ${status}:\n${out}\n${err}")
  endif()
  set(${result} "${out}" PARENT_SCOPE)
endfunction()
