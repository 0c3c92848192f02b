#include "domain/ticket/links.h"

#include <gtest/gtest.h>

namespace fuwu::ticket {
namespace {

TEST(Links, EveryNameReadsBackFromItsOwnEndAndInvertsFromTheOther) {
  for (const auto& n : link_names()) {
    const LinkName* found = find_link_name(n.name);
    ASSERT_NE(found, nullptr) << n.name;
    EXPECT_EQ(&link_name(n.kind, n.from_source), found) << n.name;
    EXPECT_EQ(parse_link_kind(link_kind_name(n.kind)), n.kind);
    EXPECT_FALSE(n.label_zh.empty());
    EXPECT_FALSE(n.label_en.empty());
  }
  EXPECT_EQ(link_name(LinkKind::parent_of, false).name, "child_of");
  EXPECT_EQ(link_name(LinkKind::duplicate_of, false).name, "duplicated_by");
  EXPECT_EQ(link_name(LinkKind::caused_by, false).name, "causes");
  // relates_to is symmetric: both ends read the same.
  EXPECT_EQ(link_name(LinkKind::relates_to, false).name, "relates_to");
  EXPECT_EQ(link_names().size(), 7u);
  EXPECT_EQ(find_link_name("sibling_of"), nullptr);
  EXPECT_FALSE(parse_link_kind("child_of").has_value());  // a reading, not a stored kind
}

}  // namespace
}  // namespace fuwu::ticket
