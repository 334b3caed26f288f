# byline-search on a terminal (a pseudo-terminal made by script(1)): colour and the time
# taken in the footer; with NO_COLOR set, the time but no colour. Piped output has
# neither (the golden tests pin that).
# -D: SEARCH (the program), INDEX.
include(${CMAKE_CURRENT_LIST_DIR}/find_script.cmake)
if(NOT SCRIPT)
  return()
endif()

function(on_terminal result)
  run_on_terminal(out "${SEARCH} --db ${INDEX} -n 1 openai" ${ARGN})
  set(${result} "${out}" PARENT_SCOPE)
endfunction()

string(ASCII 27 escape)
on_terminal(colored --unset=NO_COLOR)
if(NOT colored MATCHES "1\\. ${escape}\\[1m")
  message(FATAL_ERROR "no bold title on a terminal:\n${colored}")
endif()
if(NOT colored MATCHES "Hits 1[^ ]+1 of about [0-9]+ in [0-9]+\\.[0-9][0-9][0-9] s")
  message(FATAL_ERROR "no time taken in the footer on a terminal:\n${colored}")
endif()
on_terminal(plain NO_COLOR=1)
if(plain MATCHES "${escape}")
  message(FATAL_ERROR "colour on a terminal despite NO_COLOR:\n${plain}")
endif()
if(NOT plain MATCHES "in [0-9]+\\.[0-9][0-9][0-9] s")
  message(FATAL_ERROR "no time taken with NO_COLOR:\n${plain}")
endif()
message(STATUS "colour and timing on a terminal, NO_COLOR honoured")
