// Web links in a paper: "http://...", "https://...", "www....", trailing punctuation trimmed.
// E-mail addresses are contacts, not links. Pure function; pattern compiled once.
#pragma once

#include <vector>

#include "pipeline/model.h"

namespace papers {

std::vector<Link> extract_links(const Segments& segments);

}  // namespace papers
