# Finds script(1), which the terminal tests run a program under, as SCRIPT. When it is
# missing, prints the marker CTest reports as a skip (SKIP_REGULAR_EXPRESSION in
# tests/CMakeLists.txt) and leaves SCRIPT false for the caller to return on; in CI
# (CI=true) a missing script(1) is a failure.
find_program(SCRIPT script)
if(NOT SCRIPT)
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "script(1) is not installed (util-linux); CI must run this test")
  endif()
  message("SKIPPED: script(1) is not installed")
endif()
