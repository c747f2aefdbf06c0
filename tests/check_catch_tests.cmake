# The CTest test that checks catch_tests.cmake: as many CTest tests as Catch2 cases, each one's
# command selecting exactly its own case (Catch2 lists what a spec selects with the same filter
# it runs), the parallel label on exactly the tagged cases, and the cases whose names hold the
# characters that are hardest to escape actually run, one case each.
#
# Input variables: CTEST_COMMAND, TEST_DIR (the build folder), CATCH_TESTS_EXECUTABLE,
# CATCH_TESTS_PARALLEL_TAG, SELF (this test's name).

execute_process(COMMAND "${CTEST_COMMAND}" --test-dir "${TEST_DIR}" --show-only=json-v1
                OUTPUT_VARIABLE json RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ctest --show-only=json-v1 failed")
endif()

set(failures "")
string(JSON count LENGTH "${json}" tests)
set(cases 0)
set(parallel_cases 0)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${json}" tests ${i} name)
  # Only the Catch2 cases: not this test, nor others that run no Catch2 (the layering check).
  string(JSON program GET "${json}" tests ${i} command 0)
  if(name STREQUAL "${SELF}" OR NOT program STREQUAL "${CATCH_TESTS_EXECUTABLE}")
    continue()
  endif()
  math(EXPR cases "${cases} + 1")
  string(JSON spec GET "${json}" tests ${i} command 1)
  execute_process(COMMAND "${CATCH_TESTS_EXECUTABLE}" "${spec}" --list-test-names-only
                  OUTPUT_VARIABLE listed)
  string(REGEX REPLACE "^\"(#.*)\"\n$" "\\1\n" listed "${listed}")
  if(NOT listed STREQUAL "${name}\n")
    string(APPEND failures "'${name}' (spec '${spec}') selects:\n${listed}\n")
  endif()

  set(labelled FALSE)
  string(JSON properties ERROR_VARIABLE no_properties GET "${json}" tests ${i} properties)
  if(NOT no_properties)
    string(JSON n_properties LENGTH "${properties}")
    math(EXPR last_property "${n_properties} - 1")
    foreach(p RANGE ${last_property})
      string(JSON property GET "${properties}" ${p} name)
      if(property STREQUAL "LABELS")
        string(JSON labels GET "${properties}" ${p} value)
        if(labels MATCHES "\"${CATCH_TESTS_PARALLEL_TAG}\"")
          set(labelled TRUE)
        endif()
      endif()
    endforeach()
  endif()
  if(labelled)
    math(EXPR parallel_cases "${parallel_cases} + 1")
  endif()

  # Run the cases whose names need the most escaping (the registration's own cases among them).
  if(name MATCHES "[;\"~\\\\*#]")
    execute_process(COMMAND "${CATCH_TESTS_EXECUTABLE}" "${spec}" OUTPUT_VARIABLE output
                    RESULT_VARIABLE status)
    if(NOT status EQUAL 0 OR NOT output MATCHES "in 1 test case\\)")
      string(APPEND failures "'${name}' (spec '${spec}') did not run as one case:\n${output}\n")
    endif()
  endif()
endforeach()

execute_process(COMMAND "${CATCH_TESTS_EXECUTABLE}" --list-test-names-only OUTPUT_VARIABLE all)
string(REGEX MATCHALL "\n" lines "\n${all}")
list(LENGTH lines n_lines)
math(EXPR n_names "${n_lines} - 1")
if(NOT cases EQUAL n_names)
  string(APPEND failures "${cases} CTest tests for ${n_names} Catch2 cases\n")
endif()
execute_process(COMMAND "${CATCH_TESTS_EXECUTABLE}" "[${CATCH_TESTS_PARALLEL_TAG}]"
                        --list-test-names-only OUTPUT_VARIABLE tagged)
string(REGEX MATCHALL "\n" lines "\n${tagged}")
list(LENGTH lines n_lines)
math(EXPR n_tagged "${n_lines} - 1")
if(NOT parallel_cases EQUAL n_tagged)
  string(APPEND failures
         "${parallel_cases} tests labelled ${CATCH_TESTS_PARALLEL_TAG} for ${n_tagged} tagged cases\n")
endif()

if(NOT failures STREQUAL "")
  message(FATAL_ERROR "${failures}")
endif()
message(STATUS "${cases} CTest tests for ${n_names} Catch2 cases, ${parallel_cases} labelled "
               "${CATCH_TESTS_PARALLEL_TAG}; each selects exactly its own case")
