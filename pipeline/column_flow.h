// Layouts a text layer's physical layout gives out of reading order, put back: contact blocks set
// in two columns side by side, read a column at a time, and table rows numbered in the middle. A report's "Contact
// details" often stand as two cards next to each other ("Report Authors:" over one person's name,
// role, phone and e-mail on the left, "Lead Directors:" over another's on the right); a text
// layer's physical layout gives them row by row, so each row holds half of two people:
//   "Sharon Howard                       Kevin Kasaven, Director of Children's"
//   "Assistant Director Strengthening    Countywide Services"
// Under a contact heading (lexicons/header_labels.txt, "= contact"), lines whose words all keep to
// one side of one character column, with at least one line holding one side only, are rewritten
// as the left column's lines, a blank line, then the right column's; a block that runs on over a
// page break (its next page opening in the same two columns) is read whole, on the page it starts.
// A table of more columns, a row of label and value ("Date of meeting   26 June"), or lines whose
// words cross the column are left as they are. Pure function of the pages' raw lines (physical
// layout, spaces kept); must not touch pages read by OCR, whose columns are not character columns.
#pragma once

#include <string>
#include <vector>

namespace papers {

// pages: each page's raw lines; text_layer: whether that page's lines are a text layer's physical
// layout (false: OCR or a text file, left alone).
void reflow_contact_columns(std::vector<std::vector<std::string>>& pages, const std::vector<bool>& text_layer);

// A table row whose number is set centred on a cell of two lines, which the physical layout gives
// as the cell's first line, then the number with the row's right-hand cell, then the cell's
// second line ("      Note the Reserves Monitoring, ... and Prudential" / "2.6      Please refer to
// Section 7, 8" / "      Indicators Monitoring"), made one row as its neighbours are ("2.6   Note
// the Reserves ... Indicators Monitoring   Please refer to ..."). Text-layer pages only.
void mend_centred_row_numbers(std::vector<std::vector<std::string>>& pages, const std::vector<bool>& text_layer);

}  // namespace papers
