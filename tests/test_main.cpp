// The Catch2 (v2) runner for every test of c2msim; the tests live in files named after what they
// test.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
