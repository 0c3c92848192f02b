#include "domain/access/access.h"

#include <gtest/gtest.h>

namespace fuwu::access {
namespace {

Principal customer_of(std::int64_t org, std::int64_t user) {
  Principal p;
  p.user_id = user;
  p.login = "c" + std::to_string(user);
  p.role = "customer";
  p.organisation_id = org;
  p.grants = {{"organisation.read", Scope::organisation}, {"me.read", Scope::own}};
  return p;
}

TEST(Access, DefaultIsDeny) {
  Principal p = customer_of(7, 1);
  EXPECT_FALSE(can(p, "organisation.write"));
  EXPECT_FALSE(can(p, "audit.read"));
  EXPECT_TRUE(can(p, "organisation.read"));
}

TEST(Access, WildcardGrantAndWidestScopeWins) {
  Principal p;
  p.user_id = 1;
  p.grants = {{"ticket.read", Scope::own}, {"*", Scope::group}, {"ticket.read", Scope::all}};
  EXPECT_EQ(scope_for(p, "ticket.read"), Scope::all);
  EXPECT_EQ(scope_for(p, "anything.else"), Scope::group);
}

TEST(Access, OrganisationScopeReachesOnlyOwnOrganisation) {
  Principal p = customer_of(7, 1);
  EXPECT_TRUE(may(p, "organisation.read", {.organisation_id = 7}));
  EXPECT_FALSE(may(p, "organisation.read", {.organisation_id = 8}));
  // Own records are always within organisation scope, even of another organisation.
  EXPECT_TRUE(may(p, "organisation.read", {.organisation_id = 8, .owner_user_id = 1}));
}

TEST(Access, CustomerWithoutOrganisationSeesOnlyOwn) {
  Principal p = customer_of(0, 5);
  EXPECT_FALSE(may(p, "organisation.read", {.organisation_id = 0}));
  EXPECT_TRUE(may(p, "organisation.read", {.owner_user_id = 5}));
}

TEST(Access, GroupScope) {
  Principal p;
  p.user_id = 3;
  p.group_ids = {10, 11};
  p.grants = {{"ticket.read", Scope::group}};
  EXPECT_TRUE(may(p, "ticket.read", {.group_id = 11}));
  EXPECT_FALSE(may(p, "ticket.read", {.group_id = 12}));
  EXPECT_TRUE(may(p, "ticket.read", {.owner_user_id = 3, .group_id = 12}));
}

TEST(Access, TokenScopesNarrowTheRole) {
  Principal p = Principal::system();
  p.token_scopes = {"organisation.*"};
  EXPECT_TRUE(can(p, "organisation.read"));
  EXPECT_TRUE(can(p, "organisation.write"));
  EXPECT_FALSE(can(p, "audit.read"));
  p.token_scopes = {"audit.read"};
  EXPECT_TRUE(can(p, "audit.read"));
  EXPECT_FALSE(can(p, "organisation.read"));
}

TEST(Access, ScopeNamesRoundTrip) {
  for (Scope s : {Scope::own, Scope::group, Scope::organisation, Scope::all}) {
    EXPECT_EQ(parse_scope(scope_name(s)), s);
  }
  EXPECT_FALSE(parse_scope("everything"));
}

}  // namespace
}  // namespace fuwu::access
