// The HTML report (analysis/report.py and its package analysis/c2msim_report): `run --report`
// appears when its input is there, and headless Chromium renders it with every chart loaded.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::source_dir;
using c2msim::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Runs a shell command with stdout and stderr captured in `dir`; returns the exit status.
c2msim::test::CliRun run_shell(const std::string& command, const TempDir& dir) {
  const fs::path out = dir.path() / "shell-out.txt";
  const fs::path err = dir.path() / "shell-err.txt";
  const int raw = std::system((command + " >" + quoted(out) + " 2>" + quoted(err)).c_str());
  c2msim::test::CliRun r;
  r.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

const fs::path kScenario = source_dir() / "scenarios/gaming-laptops.yaml";

// `text` with its one `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.replace(at, from.size(), to);
}

// The page without its embedded images, whose base64 could hold any short word by chance.
std::string without_images(std::string page) {
  const std::string mark = "base64,";
  for (std::size_t at = page.find(mark); at != std::string::npos; at = page.find(mark, at + 1)) {
    const std::size_t end = page.find('\'', at);
    page.erase(at + mark.size(), end - at - mark.size());
  }
  return page;
}

// A small run of `scenario` without the report, in dir/NAME.
fs::path small_run(const TempDir& dir, const fs::path& scenario = kScenario,
                   const std::string& name = "plain-run") {
  const fs::path out = dir.path() / name;
  const auto r = run_cli("run " + quoted(scenario) + " -n 2 -q --out " + quoted(out), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return out;
}

// A small run of the gaming-laptops scenario with --report, in dir/results.
fs::path small_run_with_report(const TempDir& dir, const std::string& options = "") {
  const fs::path out = dir.path() / "results";
  const auto r = run_cli(
      "run " + quoted(kScenario) + " -n 3 --out " + quoted(out) + " --report " + options, dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("report in " + out.string() + "/report.html") != std::string::npos);
  return out;
}

// A small run with the daily time series, plus what other commands write (a sweep and a
// break-even, from fixtures) in its output directory, and its report rewritten.
fs::path small_run_with_everything(const TempDir& dir) {
  const fs::path out = small_run_with_report(dir, "--timeseries 2");
  REQUIRE(fs::exists(out / "timeseries.csv"));
  for (const char* name : {"sweep.csv", "breakeven.json"}) {
    fs::copy_file(source_dir() / "tests/analysis/fixtures" / name, out / name,
                  fs::copy_options::overwrite_existing);
  }
  const auto r = run_shell(
      "/usr/bin/python3 " + quoted(source_dir() / "analysis/report.py") + " " + quoted(out), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == (out / "report.html").string() + "\n");
  return out;
}

}  // namespace

TEST_CASE("run --report writes a self-contained HTML report, headline table first",
          "[report][e2e]") {
  TempDir dir;
  // Without the daily time series that --report otherwise records for 3 replications.
  const fs::path out = small_run_with_report(dir, "--timeseries 0");
  CHECK_FALSE(fs::exists(out / "timeseries.csv"));
  const std::string page = read_text(out / "report.html");
  REQUIRE_FALSE(page.empty());
  // The run's own results are all there beside it.
  for (const char* file : {"replications.csv", "summary.csv", "comparison.csv", "manifest.json"}) {
    CHECK(fs::exists(out / file));
  }
  // Headline first, then the four charts every run has and a network for each of the scenario's
  // three arms, each an embedded PNG.
  const std::size_t headline = page.find("<table class='headline'>");
  REQUIRE(headline != std::string::npos);
  CHECK(headline < page.find("<img"));
  for (const char* section : {"Inventory turnover and markup", "Markup waterfall by tier",
                              "Service: fill rate and customer lead time", "Bullwhip by tier"}) {
    INFO(section);
    CHECK(page.find(std::string("<h2>") + section + "</h2>") != std::string::npos);
  }
  CHECK(count(page, "<img") == 7);
  CHECK(count(page, "src='data:image/png;base64,") == 7);
  CHECK(page.find("alt='network of traditional'") != std::string::npos);
  CHECK(page.find("alt='network of c2m'") != std::string::npos);
  CHECK(page.find("alt='network of traditional-full-range'") != std::string::npos);
  // Self-contained: nothing is fetched from elsewhere.
  CHECK(page.find("src='http") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  // The sections whose inputs are absent are left out, not drawn empty.
  CHECK(page.find("<h2>Inventory over time around 11.11</h2>") == std::string::npos);
  CHECK(page.find("<h2>Sweep</h2>") == std::string::npos);
  CHECK(page.find("<h2>Break-even</h2>") == std::string::npos);
  // The table shows every arm and the paired difference with its interval.
  CHECK(page.find("<th>c2m − traditional<br>") != std::string::npos);
  CHECK(page.find("Inventory turnover") != std::string::npos);
}

TEST_CASE("the report draws the time series, sweep, break-even and networks when present",
          "[report][e2e]") {
  TempDir dir;
  const fs::path out = small_run_with_everything(dir);
  const std::string page = read_text(out / "report.html");
  for (const char* section :
       {"Inventory over time around 11.11", "Sweep: headline", "Sweep: each arm",
        "Sweep: difference from the baseline", "Break-even", "Networks"}) {
    INFO(section);
    CHECK(page.find(std::string("<h2>") + section + "</h2>") != std::string::npos);
  }
  // 4 charts of every run + time series + 2 sweep charts + break-even + one network per arm.
  CHECK(count(page, "src='data:image/png;base64,") == 11);
  // The time series chart finds the festival in the run's dates.
  CHECK(page.find("30 days either side of the 11.11 window") != std::string::npos);
}

TEST_CASE("a failing report is an error, and the run's results stay", "[report][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const fs::path empty = dir.path() / "no-analysis";
  fs::create_directories(empty);
  ::setenv("C2MSIM_ANALYSIS_DIR", empty.c_str(), 1);
  const auto r =
      run_cli("run " + quoted(kScenario) + " -n 2 -q --out " + quoted(out) + " --report", dir);
  ::unsetenv("C2MSIM_ANALYSIS_DIR");
  CHECK(r.status == 1);
  CHECK(r.err.find("no report script at " + (empty / "report.py").string()) != std::string::npos);
  CHECK(fs::exists(out / "summary.csv"));
  CHECK_FALSE(fs::exists(out / "report.html"));
}

TEST_CASE("the report of a sweep or a break-even folder has just their sections", "[report]") {
  TempDir dir;
  const std::string manifest =
      R"({"scenario": "whatif.yaml", "scenario_name": "whatif", "currency": "CNY", "events": []})";
  // The catalogue c2msim writes into every output folder, taken from a real run.
  const fs::path catalogue = small_run(dir) / "metrics.csv";
  const auto report = [&](const fs::path& folder) {
    const auto r = run_shell("/usr/bin/python3 " + quoted(source_dir() / "analysis/report.py") +
                                 " " + quoted(folder) + " --quiet",
                             dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.empty());
    return read_text(folder / "report.html");
  };
  const fs::path sweep = dir.path() / "sweep";
  fs::create_directories(sweep);
  c2msim::test::write_text(sweep / "manifest.json", manifest);
  fs::copy_file(catalogue, sweep / "metrics.csv");
  fs::copy_file(source_dir() / "tests/analysis/fixtures/sweep.csv", sweep / "sweep.csv");
  const std::string sweep_page = report(sweep);
  CHECK(sweep_page.find("<h2>Headline</h2>") == std::string::npos);
  CHECK(sweep_page.find("<h2>Sweep: headline</h2>") != std::string::npos);
  CHECK(count(sweep_page, "<img") == 2);
  // One row per point of the fixture (0, 0.04, 0.08, 0.12) for the one arm that is not the
  // baseline; chain profit is significantly worse at 0 and better from 0.08.
  CHECK(count(sweep_page, "<td>c2m</td>") == 4);
  CHECK(sweep_page.find("<td class='bad'>−1.17 M") != std::string::npos);
  CHECK(sweep_page.find("<td class='good'>+1.09 M") != std::string::npos);

  const fs::path breakeven = dir.path() / "breakeven";
  fs::create_directories(breakeven);
  c2msim::test::write_text(breakeven / "manifest.json", manifest);
  fs::copy_file(catalogue, breakeven / "metrics.csv");
  fs::copy_file(source_dir() / "tests/analysis/fixtures/breakeven.json",
                breakeven / "breakeven.json");
  const std::string breakeven_page = report(breakeven);
  CHECK(breakeven_page.find("<h2>Break-even</h2>") != std::string::npos);
  CHECK(breakeven_page.find("status: not separated") != std::string::npos);
  CHECK(breakeven_page.find("the crossing lies in [0.03, 0.045]") != std::string::npos);
  CHECK(count(breakeven_page, "<img") == 1);
}

TEST_CASE("decompose --report draws the decomposition as a waterfall", "[report][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "decomposed";
  const auto r = run_cli("decompose " + quoted(kScenario) + " -n 2 --metric profit --metric " +
                             "fill_rate --out " + quoted(out) + " --report",
                         dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("report in " + out.string() + "/report.html") != std::string::npos);
  const std::string page = read_text(out / "report.html");
  CHECK(page.find("<h2>Decomposition: where the difference comes from</h2>") != std::string::npos);
  CHECK(page.find("alt='decomposition waterfall'") != std::string::npos);
  // The one chart of the folder, and the levers as the manifest lists them.
  CHECK(count(page, "src='data:image/png;base64,") == 1);
  CHECK(without_images(page).find("arms.traditional.nodes[factory].production.changeover_days = "
                                  "0.05") != std::string::npos);
  // No section of a plain run: the folder has no summary.
  CHECK(page.find("<table class='headline'>") == std::string::npos);
}

TEST_CASE("report.py refuses a folder that is not a run's output", "[report]") {
  TempDir dir;
  const auto r = run_shell(
      "/usr/bin/python3 " + quoted(source_dir() / "analysis/report.py") + " " + quoted(dir.path()),
      dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("no manifest.json with summary.csv, sweep.csv, breakeven.json, "
                   "decomposition.csv or tuning.csv") != std::string::npos);
}

TEST_CASE("headless Chromium renders the report with every chart loaded", "[report][e2e]") {
  TempDir dir;
  if (run_shell("command -v chromium", dir).status != 0) {
    const char* optional = std::getenv("C2MSIM_BROWSER_OPTIONAL");
    if (optional != nullptr && std::string(optional) == "1") {
      WARN(
          "chromium is not installed and C2MSIM_BROWSER_OPTIONAL=1: the rendering check is "
          "skipped (scripts/install-deps.sh --with-browser installs it)");
      return;
    }
    FAIL(
        "chromium is not installed: run scripts/install-deps.sh --with-browser, or set "
        "C2MSIM_BROWSER_OPTIONAL=1 to skip this check");
  }
  const fs::path out = small_run_with_everything(dir);
  const std::string page = read_text(out / "report.html");
  const std::size_t images = count(page, "<img");
  REQUIRE(images == 11);

  const std::string chromium =
      "timeout 120 chromium --headless --no-sandbox --disable-gpu "
      "--hide-scrollbars --user-data-dir=" +
      quoted(dir.path() / "profile") + " ";
  const std::string url = "'file://" + (out / "report.html").string() + "'";
  // The report's script marks <body> once every image has loaded with a non-zero size.
  const auto dom = run_shell(chromium + "--virtual-time-budget=10000 --dump-dom " + url, dir);
  REQUIRE(dom.status == 0);
  INFO(dom.out.substr(0, 400));
  CHECK(dom.out.find("data-images-total=\"" + std::to_string(images) + "\"") != std::string::npos);
  CHECK(dom.out.find("data-images-loaded=\"" + std::to_string(images) + "\"") != std::string::npos);
  CHECK(dom.out.find("data-images=\"ok\"") != std::string::npos);

  const fs::path shot = dir.path() / "report.png";
  const auto s =
      run_shell(chromium + "--window-size=1300,3000 --screenshot=" + quoted(shot) + " " + url, dir);
  REQUIRE(s.status == 0);
  REQUIRE(fs::exists(shot));
  // Not blank: a page of text and charts has thousands of colours and plenty of ink; a blank or
  // error page has a handful of colours.
  const auto check =
      run_shell("/usr/bin/python3 " + quoted(source_dir() / "tests/analysis/screenshot_check.py") +
                    " " + quoted(shot) + " 200 0.05",
                dir);
  INFO(check.out + check.err);
  CHECK(check.status == 0);
}

TEST_CASE("run --report records the daily time series of 3 replications for its chart",
          "[report][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("run " + quoted(kScenario) + " -n 5 -q --out " + quoted(out) + " --report", dir);
  REQUIRE(r.status == 0);
  const std::string series = read_text(out / "timeseries.csv");
  CHECK(series.find("\ntraditional,2,") != std::string::npos);
  CHECK(series.find("\ntraditional,3,") == std::string::npos);
  CHECK(read_text(out / "report.html").find("<h2>Inventory over time around 11.11</h2>") !=
        std::string::npos);
}

TEST_CASE("the report refuses a chart without a title, axis labels with units or a legend",
          "[report]") {
  TempDir dir;
  const auto r = run_shell("/usr/bin/python3 " +
                               quoted(source_dir() / "tests/analysis/chart_contract_check.py") +
                               " " + quoted(source_dir() / "analysis"),
                           dir);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("refused: chart") != std::string::npos);
}

TEST_CASE("the report package's own tests pass", "[report]") {
  TempDir dir;
  // tests/analysis/test_*.py: plain unittest cases of analysis/c2msim_report.
  const auto r = run_shell("/usr/bin/python3 -B -m unittest discover -s " +
                               quoted(source_dir() / "tests/analysis") + " -p 'test_*.py'",
                           dir);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("\nOK") != std::string::npos);
  CHECK(r.err.find("Ran 0 tests") == std::string::npos);
}

TEST_CASE("the report labels money and marks dated events as the output folder says",
          "[report][e2e]") {
  TempDir dir;
  // The gaming laptops in Swiss francs, with a spring sale instead of 11.11, and an event after
  // the horizon.
  const std::string original = read_text(kScenario);
  std::string text = replaced(original, "currency: CNY", "currency: CHF");
  text = replaced(text, "- name: \"11.11\"\n          start: 2019-11-01\n          days: 11\n",
                  "- name: \"Spring sale\"\n          start: 2019-04-10\n          days: 5\n");
  text = replaced(text, "          pre_event: {days: 7, multiplier: 0.8}\n",
                  "          pre_event: {days: 7, multiplier: 0.8}\n"
                  "        - {name: \"Next year\", start: 2020-06-01, days: 3, multiplier: 2}\n");
  const fs::path scenario = dir.path() / "shop.yaml";
  c2msim::test::write_text(scenario, text);
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("run " + quoted(scenario) + " -n 3 -q --out " + quoted(out) + " --report", dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  // The scenario file is edited after the run: the report still tells the run's own story.
  c2msim::test::write_text(scenario, replaced(original, "currency: CNY", "currency: USD"));
  const auto again = run_shell(
      "/usr/bin/python3 " + quoted(source_dir() / "analysis/report.py") + " " + quoted(out), dir);
  INFO(again.err);
  REQUIRE(again.status == 0);
  const std::string page = without_images(read_text(out / "report.html"));
  CHECK(page.find("Profit <small>(CHF)</small>") != std::string::npos);
  CHECK(page.find("Consumer spending <small>(CHF)</small>") != std::string::npos);
  CHECK(page.find("amounts in CHF") != std::string::npos);
  CHECK(page.find("CNY") == std::string::npos);
  CHECK(page.find("USD") == std::string::npos);
  CHECK(page.find("<h2>Inventory over time around Spring sale</h2>") != std::string::npos);
  CHECK(page.find("30 days either side of the Spring sale window.") != std::string::npos);
  CHECK(page.find("11.11") == std::string::npos);
  CHECK(page.find("Next year") == std::string::npos);
}

TEST_CASE("report.py refuses an output folder of an older c2msim, without metrics.csv",
          "[report][e2e]") {
  TempDir dir;
  const fs::path out = small_run(dir);
  fs::remove(out / "metrics.csv");
  const auto r = run_shell(
      "/usr/bin/python3 " + quoted(source_dir() / "analysis/report.py") + " " + quoted(out), dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("report: error: " + out.string() + ": no metrics.csv") != std::string::npos);
  CHECK(r.err.find("older c2msim") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "report.html"));
}

TEST_CASE("run --report runs the report.py of C2MSIM_ANALYSIS_DIR with the package beside it",
          "[report][e2e]") {
  TempDir dir;
  const fs::path copy = dir.path() / "analysis-copy";
  fs::copy(source_dir() / "analysis", copy, fs::copy_options::recursive);
  const fs::path out = dir.path() / "results";
  const std::string run =
      "run " + quoted(kScenario) + " -n 2 -q --timeseries 0 --out " + quoted(out) + " --report";
  ::setenv("C2MSIM_ANALYSIS_DIR", copy.c_str(), 1);
  const auto r = run_cli(run, dir);
  const std::string page = read_text(out / "report.html");
  // Without its package, the copy's report.py cannot run: it uses that one, not the source's.
  fs::remove_all(copy / "c2msim_report");
  const auto without = run_cli(run, dir);
  ::unsetenv("C2MSIM_ANALYSIS_DIR");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(page.find("<table class='headline'>") != std::string::npos);
  CHECK(without.status == 1);
  CHECK(without.err.find("the report failed") != std::string::npos);
  CHECK(without.err.find("No module named 'c2msim_report'") != std::string::npos);
}
