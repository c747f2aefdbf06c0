# Registers every Catch2 (v2) case of a test binary as its own CTest test, under its exact name,
# whose command runs exactly that case. CTest includes this file (TEST_INCLUDE_FILES) each time it
# starts, so the list follows the binary without a CMake run.
#
# Catch2's own catch_discover_tests lost names with punctuation: it split the listing as a CMake
# list (where ';' and unbalanced brackets misbehave) and escaped only ',', '[' and ']'. Here the
# listing is split by hand and every character Catch2 v2's test-spec parser treats specially is
# escaped (see catch_test_spec_name below). check_catch_tests.cmake verifies the result.
#
# Input variables: CATCH_TESTS_EXECUTABLE, CATCH_TESTS_WORKING_DIRECTORY, CATCH_TESTS_PARALLEL_TAG
# (cases with that tag get the CTest label of the same name).

# The test spec that selects the case named `name` and no other, in `out`. Catch2 v2 reads '\'
# as "the next character is literal"; unescaped, ',' separates specs, '[' starts a tag, '"' a
# quoted name, a leading '~' negates, a space before the first name character is skipped, and a
# leading '-' would be read as an option. A leading or trailing '*' (a wildcard even when escaped)
# and a leading "exclude:" cannot be selected exactly; the check reports such names.
function(catch_test_spec_name name out)
  string(REPLACE "\\" "\\\\" spec "${name}")
  foreach(special "," "[" "]" "\"" "~" " ")
    string(REPLACE "${special}" "\\${special}" spec "${spec}")
  endforeach()
  if(spec MATCHES "^-")
    string(PREPEND spec "\\")
  endif()
  set(${out} "${spec}" PARENT_SCOPE)
endfunction()

# The names Catch2 lists for `filter` (empty: every case), one per line, in `out` as text with
# a newline after each name. Catch2 v2 prints a name that starts with '#' in double quotes.
function(catch_test_names filter out)
  if(filter STREQUAL "")
    set(args --list-test-names-only)
  else()
    set(args "${filter}" --list-test-names-only)
  endif()
  # The exit status is the number of cases listed, so it is not checked.
  execute_process(COMMAND "${CATCH_TESTS_EXECUTABLE}" ${args}
                  OUTPUT_VARIABLE listing ERROR_VARIABLE errors
                  WORKING_DIRECTORY "${CATCH_TESTS_WORKING_DIRECTORY}")
  if(listing STREQUAL "" OR NOT errors STREQUAL "")
    message(FATAL_ERROR "${CATCH_TESTS_EXECUTABLE} listed no test cases: ${errors}")
  endif()
  string(REPLACE "\r" "" listing "${listing}")
  string(REGEX REPLACE "(^|\n)\"(#[^\n]*)\"(\n|$)" "\\1\\2\\3" listing "${listing}")
  set(${out} "${listing}" PARENT_SCOPE)
endfunction()

if(NOT EXISTS "${CATCH_TESTS_EXECUTABLE}")
  # Not built yet (for example `ctest -N` before the build): one test that says so.
  add_test(c2msim-tests-not-built "${CATCH_TESTS_EXECUTABLE}")
  return()
endif()

catch_test_names("" all_names)
catch_test_names("[${CATCH_TESTS_PARALLEL_TAG}]" parallel_names)
set(parallel_names "\n${parallel_names}")
# Split by hand: a CMake list would break names holding ';' or unbalanced brackets.
while(NOT all_names STREQUAL "")
  string(FIND "${all_names}" "\n" end)
  if(end EQUAL -1)
    set(name "${all_names}")
    set(all_names "")
  else()
    string(SUBSTRING "${all_names}" 0 ${end} name)
    math(EXPR rest "${end} + 1")
    string(SUBSTRING "${all_names}" ${rest} -1 all_names)
  endif()
  if(name STREQUAL "")
    continue()
  endif()
  catch_test_spec_name("${name}" spec)
  add_test("${name}" "${CATCH_TESTS_EXECUTABLE}" "${spec}")
  set_tests_properties("${name}" PROPERTIES WORKING_DIRECTORY "${CATCH_TESTS_WORKING_DIRECTORY}")
  string(FIND "${parallel_names}" "\n${name}\n" parallel)
  if(NOT parallel EQUAL -1)
    set_tests_properties("${name}" PROPERTIES LABELS "${CATCH_TESTS_PARALLEL_TAG}")
  endif()
endwhile()
