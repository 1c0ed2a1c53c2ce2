// A Record as JSON, in the shape schemas/paper.schema.json documents, and back.
// Must not add fields the schema does not name.
#pragma once

#include <nlohmann/json.hpp>

#include "pipeline/model.h"

namespace papers {

nlohmann::json record_to_json(const Record& record);

}  // namespace papers
