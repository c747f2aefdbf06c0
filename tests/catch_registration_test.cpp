// Cases whose names hold every character that Catch2 v2's test specs or CMake lists treat
// specially. The catch-registration CTest test (tests/check_catch_tests.cmake) runs them through
// the commands tests/catch_tests.cmake registered, and fails unless each runs as exactly one case.

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("a case named with , [brackets] \"quotes\" ~ \\ ; and * is one CTest test",
          "[registration]") {
  // The name as the compiler sees it: the registration must reproduce it byte for byte.
  const std::string name = Catch::getResultCapture().getCurrentTestName();
  CHECK(name == "a case named with , [brackets] \"quotes\" ~ \\ ; and * is one CTest test");
}

TEST_CASE("#1 a case whose name starts with '#', which Catch2 lists in quotes", "[registration]") {
  CHECK(Catch::getResultCapture().getCurrentTestName().front() == '#');
}

TEST_CASE("~[parallel] a case whose name reads like a negated tag", "[registration]") {
  CHECK(Catch::getResultCapture().getCurrentTestName().front() == '~');
}
