// Contacts: the officers a reader can ask about a paper, with name, role, e-mail and phone
// (E.164 through libphonenumber, UK numbers by default). Read from "Contact Officer:" rows,
// "Contact Officers - Name" / "Contact Details - email phone" pairs, "Ask for: / Telephone: /
// Email:" front-sheet blocks, "Report Author:" blocks (one line each, or a table of officers one
// a column), details on the lines above a name, role keys ("Licensing Officer: ..."), ranks
// before a name, and the block an agenda closes with; then every other e-mail address and phone
// number anywhere, grown to the name and role beside it (the line's cells, the lines above, a name
// the e-mail spells, an office named just before the number). North American numbers written as
// such are read; a number of a possible length today's plan would not allocate is kept, flagged.
// A phone or e-mail that belongs to no named officer still makes a contact (name null); details
// met again fill in what their first sighting lacked (the office, the person); fax numbers are
// no contacts.
// Pure function; patterns compiled once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model.h"

namespace papers {

// "0300 333 3456" -> "+443003333456"; nullopt when libphonenumber finds no valid number.
std::optional<std::string> phone_e164(std::string_view text);

std::vector<Contact> extract_contacts(const Segments& segments);

}  // namespace papers
