#include "platform/kept_states.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sp::platform {
namespace {

// A state is a running sum; bringing it up to date adds what changed since its version.
struct Sum {
  int total = 0;
};

TEST(KeptStates, MadeOnceThenBroughtFromTheVersionItWasKeptAt) {
  KeptStates<Sum> kept;
  std::vector<std::int64_t> since;
  auto bring = [&](std::optional<Sum>& s, std::int64_t kept_version) {
    since.push_back(kept_version);
    if (!s) s.emplace();
    ++s->total;
    return std::to_string(s->total);
  };
  EXPECT_EQ(*kept.get("k", 3, bring), "1");  // made (no kept version: -1)
  EXPECT_EQ(*kept.get("k", 3, bring), "1");  // kept
  EXPECT_EQ(*kept.get("k", 5, bring), "2");  // brought from 3
  EXPECT_EQ(*kept.get("k", 4, bring), "2");  // an older reader takes the newer answer
  EXPECT_EQ(since, (std::vector<std::int64_t>{-1, 3}));
}

TEST(KeptStates, OneBringsWhileTheOthersWaitForIt) {
  KeptStates<Sum> kept;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> calls{0};
  std::vector<std::thread> threads;
  std::vector<std::string> answers(16);
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      answers[i] = *kept.get("overview", 7, [&](std::optional<Sum>& s, std::int64_t) {
        ++calls;
        released.wait();
        s.emplace();
        return std::string("at 7");
      });
    });
  release.set_value();
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 1);
  for (const auto& a : answers) EXPECT_EQ(a, "at 7");
}

TEST(KeptStates, AFailureDropsTheHalfBroughtState) {
  KeptStates<Sum> kept;
  auto ok = [](std::optional<Sum>& s, std::int64_t) {
    if (!s) s.emplace();
    s->total += 10;
    return std::to_string(s->total);
  };
  EXPECT_EQ(*kept.get("k", 1, ok), "10");
  EXPECT_THROW(kept.get("k", 2,
                        [](std::optional<Sum>& s, std::int64_t) -> std::string {
                          s->total = -1;  // half brought
                          throw std::runtime_error("database gone");
                        }),
               std::runtime_error);
  EXPECT_EQ(*kept.get("k", 2, ok), "10");  // made afresh, not from the half-brought state
}

TEST(KeptStates, StaysWithinItsSizeForgettingTheLeastRecentlyUsed) {
  KeptStates<Sum> kept(2);
  int made = 0;
  auto bring = [&](std::optional<Sum>& s, std::int64_t) {
    if (!s) ++made;
    s.emplace();
    return std::string("x");
  };
  kept.get("a", 1, bring);
  kept.get("b", 1, bring);
  kept.get("a", 1, bring);  // a used again: b is the least recent
  kept.get("c", 1, bring);  // forgets b
  EXPECT_EQ(made, 3);
  kept.get("a", 1, bring);
  EXPECT_EQ(made, 3);
  kept.get("b", 1, bring);
  EXPECT_EQ(made, 4);
}
}  // namespace
}  // namespace sp::platform
