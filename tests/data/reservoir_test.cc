// ReservoirBucket reproduces TensorBoard's _ReservoirBucket choices.
#include "src/data/reservoir.h"

#include "gtest/gtest.h"

namespace tbx {
namespace {

struct Item {
  int64_t step;
  bool operator==(const Item& o) const { return step == o.step; }
};

std::vector<int64_t> Steps(const ReservoirBucket<Item>& b) {
  std::vector<int64_t> steps;
  for (const Item& i : b.items()) steps.push_back(i.step);
  return steps;
}

TEST(ReservoirTest, KeepsEverythingUntilFull) {
  ReservoirBucket<Item> b(5);
  for (int i = 0; i < 5; ++i) b.Add({i});
  EXPECT_EQ(Steps(b), (std::vector<int64_t>{0, 1, 2, 3, 4}));
}

TEST(ReservoirTest, SizeZeroKeepsEverything) {
  ReservoirBucket<Item> b(0);
  for (int i = 0; i < 2000; ++i) b.Add({i});
  EXPECT_EQ(b.items().size(), 2000u);
}

TEST(ReservoirTest, ExactChoicesForASmallCase) {
  // Size 3, items 0..9. Python's random.Random(0) gives randint(0, n) for n
  // = 3..9: 3, 3, 0, 2, 7, 6, 4. So: 3 -> replace last [0,1,3]; 4 -> 3: replace
  // last [0,1,4]; 5 -> 0: pop [0], append [1,4,5]; 6 -> 2: pop [5], append
  // [1,4,6]; 7 -> 7: replace last [1,4,7]; 8 -> 6: [1,4,8]; 9 -> 4: [1,4,9].
  ReservoirBucket<Item> b(3);
  for (int i = 0; i < 10; ++i) b.Add({i});
  EXPECT_EQ(Steps(b), (std::vector<int64_t>{1, 4, 9}));
  EXPECT_EQ(b.num_items_seen(), 10);
}

TEST(ReservoirTest, AlwaysKeepsTheLastItem) {
  ReservoirBucket<Item> b(10);
  for (int i = 0; i < 1000; ++i) {
    b.Add({i});
    EXPECT_EQ(b.items().back().step, i);
  }
  EXPECT_EQ(b.items().size(), 10u);
}

TEST(ReservoirTest, FilterScalesSeenCountAndContinuesTheStream) {
  ReservoirBucket<Item> b(3);
  for (int i = 0; i < 10; ++i) b.Add({i});
  // Keeps [1, 4]: seen count becomes round(10 * 2/3) = 7.
  EXPECT_EQ(b.Filter([](const Item& i) { return i.step < 5; }), 1);
  EXPECT_EQ(b.num_items_seen(), 7);
  for (int i = 10; i < 14; ++i) b.Add({i});
  // Values from TensorBoard's algorithm run in CPython on the same inputs.
  EXPECT_EQ(Steps(b), (std::vector<int64_t>{1, 4, 13}));
  EXPECT_EQ(b.num_items_seen(), 11);
}

TEST(ReservoirTest, FilterRoundsHalfToEven) {
  // Size 4, items 0..4: randint(0, 4) = 3 pops item 3, leaving [0, 1, 2, 4]
  // with 5 seen.
  ReservoirBucket<Item> b(4);
  for (int i = 0; i < 5; ++i) b.Add({i});
  EXPECT_EQ(Steps(b), (std::vector<int64_t>{0, 1, 2, 4}));
  b.Filter([](const Item& i) { return i.step < 2; });
  EXPECT_EQ(b.num_items_seen(),
            2);  // round(5 * 2/4 = 2.5) == 2, as Python rounds
}

TEST(ReservoirTest, FilterOfEmptyBucketZeroesSeenCount) {
  ReservoirBucket<Item> b(2);
  EXPECT_EQ(b.Filter([](const Item&) { return true; }), 0);
  EXPECT_EQ(b.num_items_seen(), 0);
}

TEST(ReservoirTest, FiveHundredOfSixHundredLikeTensorBoard) {
  // TensorBoard's histograms reservoir (500) over steps 0..599 drops step 1
  // first.
  ReservoirBucket<Item> b(500);
  for (int i = 0; i < 600; ++i) b.Add({i});
  ASSERT_EQ(b.items().size(), 500u);
  EXPECT_EQ(Steps(b)[0], 0);
  EXPECT_EQ(Steps(b)[1], 2);
  EXPECT_EQ(Steps(b).back(), 599);
}

}  // namespace
}  // namespace tbx
