// The page's own files (page/index.html, page/app.js, page/style.css), built into the binary by
// web/CMakeLists.txt so that `papers serve` needs nothing beside it. Must not hold anything else.
#pragma once

#include <span>
#include <string_view>

namespace papers::web {

struct PageAsset {
  std::string_view name;   // "app.js"
  std::string_view bytes;
};

std::span<const PageAsset> page_assets();

}  // namespace papers::web
