# Runs a command and checks both its exit status and what it printed (standard output
# and error together, as CTest reads them). CTest's PASS_REGULAR_EXPRESSION alone
# ignores the exit status: a program that crashed, or that a sanitizer reported on,
# after printing the expected line would pass.
# Usage: cmake -DSTATUS=N [-DPASS=REGEX] [-DFAIL=REGEX] -P expect.cmake -- COMMAND ARGS...
# Fails unless COMMAND exits with STATUS, its output matches PASS (if given) and does
# not match FAIL (if given); the regexes are CMake's, as in PASS_REGULAR_EXPRESSION.
set(command "")
set(after_separator FALSE)
math(EXPR last_arg "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last_arg})
  if(after_separator)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(after_separator TRUE)
  endif()
endforeach()
if(NOT command OR NOT DEFINED STATUS)
  message(FATAL_ERROR "usage: cmake -DSTATUS=N [-DPASS=REGEX] [-DFAIL=REGEX] -P expect.cmake -- COMMAND ARGS...")
endif()

execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(JOIN " " shown ${command})
message("${shown}\nexit status: ${status}\nstdout:\n${out}\nstderr:\n${err}")
set(output "${out}${err}")
if(NOT status STREQUAL STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}")
endif()
if(DEFINED PASS AND NOT PASS STREQUAL "" AND NOT output MATCHES "${PASS}")
  message(FATAL_ERROR "the output does not match ${PASS}")
endif()
if(DEFINED FAIL AND NOT FAIL STREQUAL "" AND output MATCHES "${FAIL}")
  message(FATAL_ERROR "the output matches ${FAIL}, which it must not")
endif()
