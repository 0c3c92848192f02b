// Links between records, pure: the four stored kinds and how each reads from either end.
//
// A link is stored once, from its source to its target: parent_of (source is the parent),
// relates_to (symmetric), duplicate_of (source duplicates target), caused_by (source was caused
// by target). Seen from the target it reads as its inverse: child_of, relates_to, duplicated_by,
// causes. Clients may create a link from either end using any of the seven names.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace fuwu::ticket {

enum class LinkKind { parent_of, relates_to, duplicate_of, caused_by };

std::string_view link_kind_name(LinkKind k);  // the stored name
std::optional<LinkKind> parse_link_kind(std::string_view stored);

struct LinkName {
  std::string_view name;  // as seen from one end: "parent_of", "child_of" …
  LinkKind kind;
  bool from_source;  // true when the viewer is the link's source
  std::string_view label_zh;
  std::string_view label_en;
};

// Every name a link reads as, in display order.
const std::vector<LinkName>& link_names();
// The name `name` (as seen from one record), or nullptr.
const LinkName* find_link_name(std::string_view name);
// How a stored link reads from one of its ends.
const LinkName& link_name(LinkKind kind, bool from_source);

}  // namespace fuwu::ticket
