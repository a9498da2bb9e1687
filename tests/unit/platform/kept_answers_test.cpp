#include "platform/kept_answers.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sp::platform {
namespace {

TEST(KeptAnswers, OneComputesWhileTheOthersWaitForIt) {
  KeptAnswers kept;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> calls{0};
  std::vector<std::thread> threads;
  std::vector<std::string> answers(16);
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      answers[i] = kept.get("overview|MD-CA", 7, [&] {
        ++calls;
        released.wait();  // everyone else arrives meanwhile, and must not compute again
        return std::string("answer at 7");
      });
    });
  release.set_value();
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(kept.computed(), 1);
  for (const auto& a : answers) EXPECT_EQ(a, "answer at 7");
}

TEST(KeptAnswers, AChangeOutdatesTheAnswerAndAFailureKeepsNothing) {
  KeptAnswers kept;
  int calls = 0;
  auto compute = [&] { return "v" + std::to_string(++calls); };
  EXPECT_EQ(kept.get("k", 1, compute), "v1");
  EXPECT_EQ(kept.get("k", 1, compute), "v1");  // kept
  EXPECT_EQ(kept.get("k", 2, compute), "v2");  // the data changed
  EXPECT_EQ(kept.get("k", 1, compute), "v2");  // an older version asked: the newer answer serves
  EXPECT_EQ(kept.get("other", 2, compute), "v3");
  EXPECT_THROW(kept.get("k", 3, [&]() -> std::string { throw std::runtime_error("database gone"); }), std::runtime_error);
  EXPECT_EQ(kept.get("k", 3, compute), "v4");  // the failure was not kept
}

TEST(KeptAnswers, StaysWithinItsSize) {
  KeptAnswers kept(3);
  int calls = 0;
  auto compute = [&] { return std::to_string(++calls); };
  for (int i = 0; i < 10; ++i) kept.get("k" + std::to_string(i), 1, compute);
  EXPECT_EQ(kept.get("k9", 1, compute), "10");  // the newest is still kept
  EXPECT_EQ(calls, 10);
}
}  // namespace
}  // namespace sp::platform
