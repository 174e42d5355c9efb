#include "src/server/router.h"

#include "gtest/gtest.h"

namespace tbx {
namespace {

Route RouteAt(std::string path) {
  return Route{std::move(path),
               [](const Request&) { return Response::Json("{}"); }};
}

std::unique_ptr<Router> MakeRouter(std::string prefix = "") {
  auto router = Router::Create(std::move(prefix), {RouteAt("/data/runs")}, {});
  EXPECT_TRUE(router.ok()) << router.status();
  return *std::move(router);
}

std::optional<std::string> PathOf(const Router& router,
                                  std::string_view target) {
  auto routed = router.Resolve(target);
  EXPECT_TRUE(routed.ok()) << routed.status();
  return routed->path;
}

TEST(RouterTest, FindsExactRoutesOnly) {
  auto router = MakeRouter();
  EXPECT_NE(router->FindHandler("/data/runs"), nullptr);
  EXPECT_EQ(router->FindHandler("/data/run"), nullptr);
  EXPECT_EQ(router->FindHandler("/data/runs/x"), nullptr);
  EXPECT_EQ(router->FindAsyncHandler("/data/runs"), nullptr);
}

TEST(RouterTest, IgnoresOneTrailingSlashAndTheExperimentPrefix) {
  auto router = MakeRouter();
  EXPECT_EQ(PathOf(*router, "/data/runs/"), "/data/runs");
  EXPECT_EQ(PathOf(*router, "/data/runs//"), "/data/runs/");
  EXPECT_EQ(PathOf(*router, "/experiment/abc/data/runs"), "/data/runs");
  EXPECT_EQ(PathOf(*router, "/experiment/abc/"), "/");
  EXPECT_EQ(PathOf(*router, "/"), "/");
}

TEST(RouterTest, SplitsAndDecodes) {
  auto router = MakeRouter();
  auto routed = router->Resolve("/data/plugin/x%2Fy?run=a%2Fb&tag=t");
  ASSERT_TRUE(routed.ok());
  EXPECT_EQ(routed->path, "/data/plugin/x/y");
  EXPECT_EQ(routed->raw_query, "run=a%2Fb&tag=t");
  EXPECT_FALSE(router->Resolve("/data/%zz").ok());
}

TEST(RouterTest, PathPrefixMustLeadThePath) {
  auto router = MakeRouter("/tb");
  EXPECT_EQ(PathOf(*router, "/tb/data/runs"), "/data/runs");
  EXPECT_EQ(PathOf(*router, "/tb/"), "/");
  EXPECT_EQ(PathOf(*router, "/tb"), "/");
  EXPECT_EQ(PathOf(*router, "/tb/experiment/e/data/runs/"), "/data/runs");
  EXPECT_EQ(PathOf(*router, "/data/runs"), std::nullopt);
  EXPECT_EQ(PathOf(*router, "/tbx/data/runs"), std::nullopt);
}

TEST(RouterTest, RejectsDuplicateRoutes) {
  auto router =
      Router::Create("", {RouteAt("/data/runs"), RouteAt("/data/runs")}, {});
  ASSERT_FALSE(router.ok());
  EXPECT_NE(router.status().message().find("registered twice"),
            std::string::npos);
  AsyncRoute async{"/data/runs", [](const Request&, Responder) {}};
  EXPECT_FALSE(Router::Create("", {RouteAt("/data/runs")}, {async}).ok());
}

TEST(RouterTest, RejectsBadRouteNames) {
  for (const char* bad :
       {"data/runs", "/other/x", "/data/plugin/a b", "/data/plugin/x/",
        "/data//x", "/data/plugin/../x", "/data/plugin/?q"}) {
    EXPECT_FALSE(Router::Create("", {RouteAt(bad)}, {}).ok()) << bad;
  }
  EXPECT_FALSE(Router::Create("", {Route{"/data/x", nullptr}}, {}).ok());
}

TEST(NormalizePathPrefixTest, AddsLeadingAndDropsTrailingSlashes) {
  EXPECT_EQ(*NormalizePathPrefix(""), "");
  EXPECT_EQ(*NormalizePathPrefix("/"), "");
  EXPECT_EQ(*NormalizePathPrefix("tb/"), "/tb");
  EXPECT_EQ(*NormalizePathPrefix("/a/b//"), "/a/b");
  EXPECT_FALSE(NormalizePathPrefix("/a?b").ok());
  EXPECT_FALSE(NormalizePathPrefix("/a b").ok());
}

}  // namespace
}  // namespace tbx
