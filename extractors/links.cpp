// Web links. See links.h.
#include "extractors/links.h"

#include <re2/re2.h>

#include "extractors/pattern.h"

namespace papers {

std::vector<Link> extract_links(const Segments& segments) {
  // "http://www.cambridgeshire-pcc.gov.uk/wp-content/uploads/2016/09/plan.pdf", "www.kent.gov.uk/cabinet"
  static const Pattern kUrl(R"re((?i)((?:https?://|www\.)[^\s<>"()\[\]]+))re");
  const std::string& text = segments.text.text;
  std::vector<Link> out;
  re2::StringPiece input(text), url;
  while (RE2::FindAndConsume(&input, kUrl, &url)) {
    std::string u = url.ToString();
    while (!u.empty() && std::string_view(".,;:!?'").find(u.back()) != std::string_view::npos) u.pop_back();
    const std::size_t begin = url.data() - text.data();
    out.push_back(Link{u, Provenance{segments.text.page_of(begin), Span{begin, begin + u.size()}}});
  }
  return out;
}

}  // namespace papers
