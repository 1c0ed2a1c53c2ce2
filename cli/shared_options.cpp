// Options shared by several commands (OCR, date filters), the exit statuses in words, and how the
// commands that read the archive open it (a missing one says how to make it). See command.h. Holds no command's work.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>

#include "archive/archive.h"
#include "cli/command.h"

namespace papers::cli {

const char* const kExitCodes =
    "Exit status: 0 all files archived (or already archived), 1 fatal error (archive cannot be used,\n"
    "or the OCR language cannot be loaded),\n"
    "2 usage error, 3 some files failed (the others were archived; see `papers stats`) or eval scored\n"
    "below --min-f1, 4 not found (show; eval with no labelled paper).";

void add_ocr_options(CLI::App* command, TextOptions& text) {
  OcrOptions& ocr = text.ocr;
  static const std::map<std::string, OcrOptions::Mode> kModes = {
      {"auto", OcrOptions::Mode::automatic}, {"always", OcrOptions::Mode::always}, {"never", OcrOptions::Mode::never}};
  command->add_option("--ocr", ocr.mode,
                      "auto: OCR a page only when its text layer is missing, too thin for its ink, or garbage; "
                      "always: OCR every page; never: text layers only")
      ->transform(CLI::CheckedTransformer(kModes, CLI::ignore_case).description(""))
      ->option_text("auto|always|never (default auto)");
  command->add_option("--ocr-dpi", ocr.dpi, "resolution PDF pages are rendered at for OCR (70 to 1200)")
      ->check(CLI::Range(70, 1200).description(""))
      ->option_text("DPI (default 300)");
  command->add_option("--lang", ocr.lang, "Tesseract language codes, e.g. eng or eng+fra (Debian: tesseract-ocr-LANG)")
      ->option_text("CODES (default eng)");
  command->add_option("--ocr-page-timeout", ocr.page_seconds, "seconds OCR may spend on one page before it fails")
      ->check(CLI::PositiveNumber.description(""))
      ->option_text("SECONDS (default 120)");
  command->add_flag_callback("--no-preprocess", [&ocr] { ocr.preprocess = false; },
                    "give Tesseract the page image as rendered, without Leptonica binarisation, deskew and despeckle "
                    "(for comparisons)");
  command->add_option("--max-pages", text.max_pages, "a file of more pages than this is refused unread, with the reason")
      ->check(CLI::Range(1, 1000000).description(""))
      ->option_text("N (default 5000)");
  command->add_option("--paper-timeout", text.paper_seconds,
                      "seconds the OCR of one paper may take in all; past them it fails with what was left, and the batch goes on")
      ->check(CLI::Range(0.001, 1e7).description(""))
      ->option_text("SECONDS (default 1800)");
  command->add_option_function<std::uint64_t>(
             "--paper-memory", [&text](std::uint64_t mb) { text.paper_memory_bytes = mb << 20; },
             "megabytes the reading of one paper may take (its reader process's ceiling); past them it fails with the "
             "reason, and the batch goes on")
      ->check(CLI::Range(64, 1 << 20).description(""))
      ->option_text("MB (default 2048)");
}

void add_discovery_options(CLI::App* cmd, DiscoveryOptions& discovery) {
  cmd->add_option("--include", discovery.include,
                  "in folders, only files matching this shell pattern (name or path under the folder); may be repeated")
      ->option_text("PATTERN");
  cmd->add_option("--exclude", discovery.exclude, "in folders, never files matching this shell pattern; may be repeated")
      ->option_text("PATTERN");
}

void add_date_order_option(CLI::App* command, std::optional<DateOrder>& order) {
  static const std::map<std::string, std::optional<DateOrder>> kOrders = {
      {"auto", std::nullopt}, {"dmy", DateOrder::day_first}, {"mdy", DateOrder::month_first}};
  command->add_option_function<std::string>(
             "--date-order", [&order](const std::string& v) { order = kOrders.at(v); },
             "how a numeric date that reads both ways (06/08/1961) is read: auto, by each paper's signs (its dates that "
             "read one way only, a US state and ZIP code); dmy, day first (6 August 1961); mdy, month first (June 8, 1961)")
      ->check(CLI::IsMember({"auto", "dmy", "mdy"}).description(""))
      ->option_text("auto|dmy|mdy (default auto)");
}

void add_date_filters(CLI::App* command, std::string& since, std::string& until) {
  const auto bound = [](bool end) {
    return CLI::Validator(
        [end](std::string& v) {
          const std::optional<std::string> day = filter_day(v, end);
          if (!day) return "not a year, month or day (YYYY, YYYY-MM or YYYY-MM-DD): " + v;
          v = *day;
          return std::string();
        },
        "");
  };
  command->add_option("--since", since, "only papers dated in or after this year, month or day (2010, 2010-03, 2010-03-04)")
      ->check(bound(false))
      ->option_text("DATE");
  command->add_option("--until", until, "only papers dated in or before this year, month or day")
      ->check(bound(true))
      ->option_text("DATE");
}

std::string missing_archive(const std::string& path) {
  if (is_postgres_location(path)) return "";  // the server says so itself when it holds none
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return "";
  return "no archive at " + path + ": make one with `papers --archive " + path + " ingest FOLDER` (or name another with --archive)";
}

constexpr std::size_t kShortestPrefix = 6;

std::optional<std::string> one_paper(Archive& archive, const std::string& id_or_prefix, int* status) {
  std::string asked = id_or_prefix;
  std::transform(asked.begin(), asked.end(), asked.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (asked.size() < kShortestPrefix) {
    std::fprintf(stderr, "papers: the id prefix %s is too short: give at least %zu of its characters\n", id_or_prefix.c_str(), kShortestPrefix);
    *status = kUsage;
    return std::nullopt;
  }
  const std::vector<std::string> ids = archive.ids_starting(asked, 2);
  if (ids.empty()) {
    std::fprintf(stderr, "papers: no paper's id starts with %s\n", id_or_prefix.c_str());
    *status = kNotFound;
    return std::nullopt;
  }
  if (ids.size() > 1) {
    std::fprintf(stderr, "papers: more than one paper's id starts with %s (%s..., %s...): give more of it\n", id_or_prefix.c_str(),
                 ids[0].substr(0, 12).c_str(), ids[1].substr(0, 12).c_str());
    *status = kNotFound;
    return std::nullopt;
  }
  return ids[0];
}

namespace {

Run with_archive(const GlobalOptions& global, std::function<int(Archive&)> body, bool read_only) {
  return [&global, body = std::move(body), read_only] {
    if (std::string why = missing_archive(global.archive_path); !why.empty()) {
      std::fprintf(stderr, "papers: %s\n", why.c_str());
      return kFatal;
    }
    try {
      Archive archive(global.archive_path, read_only);
      return body(archive);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "papers: %s\n", e.what());
      return kFatal;
    }
  };
}

}  // namespace

Run reading_archive(const GlobalOptions& global, std::function<int(Archive&)> body) {
  return with_archive(global, std::move(body), /*read_only=*/true);
}

Run writing_archive(const GlobalOptions& global, std::function<int(Archive&)> body) {
  return with_archive(global, std::move(body), /*read_only=*/false);
}

}  // namespace papers::cli
