# The test layers-hide-what-they-may-not-use (see c2msim_layer_probes in layers.cmake): builds
# every probe, each a file of one layer including a header of a folder that layer may not see,
# and passes when each of them, and nothing else, failed because that header was not found.
include(${PROBES})
if(GENERATOR MATCHES "Ninja")
  set(keep_going -k 0)
else()
  set(keep_going -k)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGETS} -- ${keep_going}
                OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE status)
set(wrong "")
foreach(pair IN LISTS EXPECTED)
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 probe)
  list(GET pair 1 header)
  string(REGEX REPLACE "([.+])" "\\\\\\1" probe_re "${probe}")
  string(REGEX REPLACE "([.+])" "\\\\\\1" header_re "${header}")
  # GCC: "FILE:1:10: fatal error: HEADER: No such file or directory"; clang: "... 'HEADER' file not found".
  if(NOT out MATCHES "layer-probes/${probe_re}:[0-9]+:[0-9]+: fatal error: '?${header_re}'?(: No such file or directory| file not found)")
    string(REGEX REPLACE "/.*" "" layer "${probe}")
    string(APPEND wrong "  sim/${layer}/ can include ${header}, or its probe failed for another reason\n")
  endif()
endforeach()
if(status EQUAL 0 OR wrong)
  message(FATAL_ERROR "A layer sees a folder it may not use (CMakeLists.txt of sim/):\n${wrong}\nThe build said:\n${out}")
endif()
list(LENGTH EXPECTED count)
message(STATUS "${count} includes across layers were refused, as they should be")
