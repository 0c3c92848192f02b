#include "domain/ticket/links.h"

namespace fuwu::ticket {

std::string_view link_kind_name(LinkKind k) {
  switch (k) {
    case LinkKind::parent_of:
      return "parent_of";
    case LinkKind::relates_to:
      return "relates_to";
    case LinkKind::duplicate_of:
      return "duplicate_of";
    case LinkKind::caused_by:
      return "caused_by";
  }
  return "relates_to";
}

std::optional<LinkKind> parse_link_kind(std::string_view s) {
  for (auto k :
       {LinkKind::parent_of, LinkKind::relates_to, LinkKind::duplicate_of, LinkKind::caused_by}) {
    if (link_kind_name(k) == s) return k;
  }
  return std::nullopt;
}

const std::vector<LinkName>& link_names() {
  static const std::vector<LinkName> names = {
      {"parent_of", LinkKind::parent_of, true, "父记录（包含）", "Parent of"},
      {"child_of", LinkKind::parent_of, false, "子记录（属于）", "Child of"},
      {"relates_to", LinkKind::relates_to, true, "相关", "Relates to"},
      {"duplicate_of", LinkKind::duplicate_of, true, "重复于", "Duplicate of"},
      {"duplicated_by", LinkKind::duplicate_of, false, "被重复", "Duplicated by"},
      {"caused_by", LinkKind::caused_by, true, "起因于", "Caused by"},
      {"causes", LinkKind::caused_by, false, "导致", "Causes"},
  };
  return names;
}

const LinkName* find_link_name(std::string_view name) {
  for (const auto& n : link_names()) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

const LinkName& link_name(LinkKind kind, bool from_source) {
  // relates_to reads the same from both ends.
  if (kind == LinkKind::relates_to) from_source = true;
  for (const auto& n : link_names()) {
    if (n.kind == kind && n.from_source == from_source) return n;
  }
  return link_names().front();
}

}  // namespace fuwu::ticket
