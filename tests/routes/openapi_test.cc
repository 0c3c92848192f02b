// The OpenAPI document and the route table must describe the same API: every route is in the
// document with its operationId and permission, and the document names no route that does not
// exist.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "base/crypto.h"
#include "http/api.h"
#include "http/openapi.h"
#include "store/sqlite/sqlite_database.h"

namespace fuwu::http {
namespace {

std::string lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, DocumentAndRouteTableAreIdentical) {
  ASSERT_TRUE(crypto::init_crypto().ok());
  const auto dir =
      std::filesystem::temp_directory_path() / ("fuwu-openapi-" + crypto::random_hex(6));
  std::filesystem::create_directories(dir);
  auto db = store::sqlite::open({.path = (dir / "t.db").string()});
  ASSERT_TRUE(db.ok());
  SystemClock clock;
  app::Services services{**db, clock, {}};
  Api api(services, {});

  const auto doc = boost::json::parse(openapi_document()).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters") continue;
      documented.insert(lower(std::string(method)) + " " + std::string(path));
    }
  }
  std::set<std::string> routed;
  for (const auto& r : api.router().routes()) {
    const std::string key = lower(r.method) + " " + r.pattern;
    routed.insert(key);
    ASSERT_TRUE(doc.at("paths").as_object().contains(r.pattern)) << key << " is not documented";
    const auto& op = doc.at("paths").at(r.pattern).at(lower(r.method)).as_object();
    EXPECT_EQ(op.at("operationId").as_string(), r.operation_id) << key;
    if (r.access == Access::permission) {
      ASSERT_TRUE(op.contains("x-permission")) << key << " does not document its permission";
      EXPECT_EQ(op.at("x-permission").as_string(), r.permission) << key;
    }
  }
  EXPECT_EQ(documented, routed);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fuwu::http
