// make-corpus: renders the development papers in corpus/sources/*.paper into text-layer PDFs
// (Cairo's PDF surface), in the house style each source asks for. Output is deterministic:
// the PDF's dates are fixed, so a re-run writes the same bytes.
// Must not be used by the pipeline; it only makes test material.
//
// Source format, one directive or text line a line:
//   @font serif|sans|mono          body font (default serif); mono looks typewritten
//   @size 11                       body font size in points
//   @header TEXT                   running header on every page ({page} and {pages} expand)
//   @footer TEXT                   running footer on every page
//   @newpage                       a page break
//   @tab 200                       x offset (points from the left margin) of the second column
//   **TEXT**                       a bold line
//   ## TEXT                        a bold, larger heading line
//   TEXT<TAB>TEXT                  two columns (a table row)
//   blank line                     paragraph break; other lines wrap to the text width
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr double kPageWidth = 595.0, kPageHeight = 842.0;  // A4 in points
constexpr double kMargin = 64.0;

struct Style {
  std::string family = "DejaVu Serif";
  double size = 11;
  std::string header, footer;
  double tab = 200;
};

struct Item {
  enum Kind { text, bold, heading, row, blank, newpage } kind;
  std::string a, b;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

class Renderer {
 public:
  Renderer(const std::string& path, Style style) : style_(std::move(style)) {
    surface_ = cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_MOD_DATE, "2024-01-01T00:00:00Z");
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "papers make-corpus");
    cr_ = cairo_create(surface_);
  }
  ~Renderer() {
    cairo_destroy(cr_);
    cairo_surface_finish(surface_);
    cairo_surface_destroy(surface_);
  }

  // Two passes: the first counts pages so that "{pages}" can be filled in.
  void render(const std::vector<Item>& items, int pages_total) {
    pages_total_ = pages_total;
    start_page();
    for (const Item& item : items) {
      switch (item.kind) {
        case Item::blank: y_ += line_height() * 0.7; break;
        case Item::newpage: end_page(); start_page(); break;
        case Item::text: paragraph(item.a, false, style_.size); break;
        case Item::bold: paragraph(item.a, true, style_.size); break;
        case Item::heading: paragraph(item.a, true, style_.size + 2); break;
        case Item::row: row(item.a, item.b); break;
      }
    }
    end_page();
  }
  int pages() const { return page_; }

 private:
  double line_height() const { return style_.size * 1.35; }
  void font(bool bold, double size) {
    cairo_select_font_face(cr_, style_.family.c_str(), CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }
  double width_of(const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
  }
  void start_page() {
    ++page_;
    y_ = kMargin + 20;
    if (!style_.header.empty()) {
      font(false, 8);
      draw(kMargin, kMargin - 20, expand(style_.header));
    }
  }
  void end_page() {
    if (!style_.footer.empty()) {
      font(false, 8);
      draw(kMargin, kPageHeight - kMargin + 24, expand(style_.footer));
    }
    if (render_) cairo_show_page(cr_);
  }
  std::string expand(const std::string& s) const {
    return replace_all(replace_all(s, "{page}", std::to_string(page_)), "{pages}", std::to_string(pages_total_));
  }
  void draw(double x, double y, const std::string& s) {
    if (!render_) return;
    cairo_move_to(cr_, x, y);
    cairo_show_text(cr_, s.c_str());
  }
  void need(double h) {
    if (y_ + h > kPageHeight - kMargin) {
      end_page();
      start_page();
    }
  }
  // Wraps words to the text width; a leading number label hangs in its own column.
  void paragraph(const std::string& text, bool bold, double size) {
    font(bold, size);
    const double width = kPageWidth - 2 * kMargin;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (width_of(candidate) > width && !line.empty()) {
        need(line_height());
        draw(kMargin, y_, line);
        y_ += line_height();
        line = word;
      } else {
        line = candidate;
      }
    }
    if (!line.empty()) {
      need(line_height());
      draw(kMargin, y_, line);
      y_ += line_height();
    }
  }
  void row(const std::string& a, const std::string& b) {
    font(true, style_.size);
    need(line_height());
    draw(kMargin, y_, a);
    font(false, style_.size);
    // The second column wraps within its own width.
    const double width = kPageWidth - 2 * kMargin - style_.tab;
    std::istringstream words(b);
    std::string word, line;
    while (words >> word) {
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (width_of(candidate) > width && !line.empty()) {
        draw(kMargin + style_.tab, y_, line);
        y_ += line_height();
        need(line_height());
        line = word;
      } else {
        line = candidate;
      }
    }
    draw(kMargin + style_.tab, y_, line);
    y_ += line_height();
  }

 public:
  bool render_ = true;

 private:
  Style style_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  int page_ = 0;
  int pages_total_ = 0;
  double y_ = 0;
};

bool parse(const fs::path& path, Style& style, std::vector<Item>& items) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("@font ", 0) == 0) {
      const std::string f = line.substr(6);
      style.family = f == "mono" ? "DejaVu Sans Mono" : f == "sans" ? "DejaVu Sans" : "DejaVu Serif";
    } else if (line.rfind("@size ", 0) == 0) {
      style.size = std::stod(line.substr(6));
    } else if (line.rfind("@header ", 0) == 0) {
      style.header = line.substr(8);
    } else if (line.rfind("@footer ", 0) == 0) {
      style.footer = line.substr(8);
    } else if (line.rfind("@tab ", 0) == 0) {
      style.tab = std::stod(line.substr(5));
    } else if (line == "@newpage") {
      items.push_back({Item::newpage, "", ""});
    } else if (line.empty()) {
      items.push_back({Item::blank, "", ""});
    } else if (line.rfind("## ", 0) == 0) {
      items.push_back({Item::heading, line.substr(3), ""});
    } else if (const std::size_t tab = line.find('\t'); tab != std::string::npos) {
      items.push_back({Item::row, replace_all(line.substr(0, tab), "**", ""), replace_all(line.substr(tab + 1), "**", "")});
    } else if (line.size() > 4 && line.rfind("**", 0) == 0 && line.substr(line.size() - 2) == "**") {
      items.push_back({Item::bold, line.substr(2, line.size() - 4), ""});
    } else {
      items.push_back({Item::text, line, ""});
    }
  }
  return true;
}

// Renders one source's items into PDF, counting pages first so "{pages}" can be filled in.
void render_pdf(const fs::path& pdf, const Style& style, const std::vector<Item>& items) {
  int pages = 0;
  {
    Renderer count("/dev/null", style);
    count.render_ = false;
    count.render(items, 0);
    pages = count.pages();
  }
  Renderer r(pdf.string(), style);
  r.render(items, pages);
}

}  // namespace

// make-corpus SOURCES OUT              one PDF per source
// make-corpus SOURCES OUT --copies N   N distinct PDFs for benchmarks: the sources in turn, each
//                                      copy ending with its own reference line so no two share bytes
int main(int argc, char** argv) {
  if (argc != 3 && !(argc == 5 && std::string(argv[3]) == "--copies")) {
    std::cerr << "usage: make-corpus SOURCES_DIR OUT_DIR [--copies N]\n";
    return 2;
  }
  const fs::path sources = argv[1], out = argv[2];
  const int copies = argc == 5 ? std::atoi(argv[4]) : 0;
  if (argc == 5 && copies <= 0) {
    std::cerr << "make-corpus: --copies wants a positive number\n";
    return 2;
  }
  fs::create_directories(out);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(sources))
    if (e.path().extension() == ".paper") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "make-corpus: no .paper files in " << sources << "\n";
    return 1;
  }
  std::vector<Style> styles(files.size());
  std::vector<std::vector<Item>> items(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!parse(files[i], styles[i], items[i])) {
      std::cerr << "make-corpus: cannot read " << files[i] << "\n";
      return 1;
    }
  }
  int made = 0;
  if (copies == 0) {
    for (std::size_t i = 0; i < files.size(); ++i, ++made)
      render_pdf(out / (files[i].stem().string() + ".pdf"), styles[i], items[i]);
  } else {
    for (int c = 0; c < copies; ++c, ++made) {
      const std::size_t i = static_cast<std::size_t>(c) % files.size();
      char number[16];
      std::snprintf(number, sizeof number, "%05d", c + 1);
      std::vector<Item> copy = items[i];
      copy.push_back({Item::blank, "", ""});
      copy.push_back({Item::text, std::string("Archive reference: bench copy ") + number + ".", ""});
      render_pdf(out / (std::string(number) + "_" + files[i].stem().string() + ".pdf"), styles[i], copy);
    }
  }
  std::cout << "make-corpus: " << made << " PDFs in " << out << "\n";
  return 0;
}
