// Stage 5, segment: the header block (To / From / Date / Report to / Agenda Item ... lines),
// numbered sections ("1. Purpose") with their paragraphs ("1.1 ...", "(a) ..."), and the
// trailer rows after the sections ("Contact Officer", "Source Documents", a closing sign-off
// block). Minute references ("P/18/21 Apologies") head sections too.
// Works on the normalised text's lines; every piece keeps its span in that text.
// Must not interpret values (dates, names): that is the extractors' job.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/model.h"

namespace papers {

// Splits one header line into key and value: "Date: 19 July 2018", "Contact Officer\tName",
// "Contact Officers - Jack Hudson". A line with no key gives key "" and the whole line.
HeaderField split_header_line(std::string_view line, std::size_t offset);

// True for keys that the segmenter knows, case-insensitively ("date of meeting").
bool is_known_header_key(std::string_view key);

class SegmentStage {
 public:
  Outcome<Segments> operator()(NormalisedText text) const;
};

}  // namespace papers
