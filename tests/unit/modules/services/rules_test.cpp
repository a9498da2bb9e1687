#include "modules/services/rules.hpp"

#include <gtest/gtest.h>

#include "common/vault.hpp"

namespace sp::services {
namespace {

TEST(People, IdnpNeedsItsCheckDigit) {
  // The weights 7,3,1 over the first 12 digits, mod 10.
  EXPECT_TRUE(valid_idnp("1008600038413"));
  EXPECT_FALSE(valid_idnp("1008600038412"));
  EXPECT_FALSE(valid_idnp("100860003841"));
  EXPECT_FALSE(valid_idnp("10086000384a3"));
}

TEST(People, DuplicateKeyIgnoresCaseDiacriticsAndSpaces) {
  Identity a{"Ștefănița", "Țurcanu", "2014-03-09", std::nullopt, std::nullopt, std::nullopt};
  Identity b{" stefanita", "TURCANU ", "2014-03-09", std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(name_dob_key(a), name_dob_key(b));
  b.birth_date = "2014-03-10";
  EXPECT_NE(name_dob_key(a), name_dob_key(b));
}

TEST(People, CodesAvoidLookAlikeCharacters) {
  const unsigned char r[6] = {0, 31, 32, 255, 7, 200};
  auto code = person_code(r);
  EXPECT_EQ(code.size(), 8u);
  EXPECT_EQ(code.substr(0, 2), "P-");
  for (char c : code.substr(2)) EXPECT_EQ(std::string("01OI").find(c), std::string::npos);
}

TEST(Services, EnrolmentWaitsWhenTheServiceIsFull) {
  EXPECT_EQ(enrolment_status(2, 0), "active");
  EXPECT_EQ(enrolment_status(2, 1), "active");
  EXPECT_EQ(enrolment_status(2, 2), "waiting");
}

TEST(People, AgeAndAgeGroup) {
  EXPECT_EQ(age_on("2014-03-09", "2026-03-08"), 11);
  EXPECT_EQ(age_on("2014-03-09", "2026-03-09"), 12);
  EXPECT_EQ(age_group(6), "0-6");
  EXPECT_EQ(age_group(17), "7-17");
  EXPECT_EQ(age_group(18), "18-34");
  EXPECT_EQ(age_group(64), "35-64");
  EXPECT_EQ(age_group(65), "65+");
}

TEST(Aggregates, SmallCountsAreSuppressed) {
  EXPECT_EQ(suppressed(0), json::value(0));
  EXPECT_EQ(suppressed(3), json::value("<5"));
  EXPECT_EQ(suppressed(4), json::value("<5"));
  EXPECT_EQ(suppressed(5), json::value(5));
}

TEST(Vault, SealsAndOpensAndHashesWithItsOwnKey) {
  std::array<unsigned char, 32> k1{}, k2{};
  k2[0] = 1;
  Vault a(k1), b(k2);
  auto sealed = a.seal("Ștefănița Țurcanu");
  EXPECT_EQ(sealed.find("urcanu"), std::string::npos);
  EXPECT_NE(a.seal("Ștefănița Țurcanu"), sealed);  // a fresh nonce each time
  EXPECT_EQ(a.open(sealed), "Ștefănița Țurcanu");
  EXPECT_THROW(b.open(sealed), std::runtime_error);
  auto tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_THROW(a.open(tampered), std::runtime_error);
  EXPECT_EQ(a.lookup_hash("2009012345678"), a.lookup_hash("2009012345678"));
  EXPECT_NE(a.lookup_hash("2009012345678"), b.lookup_hash("2009012345678"));
}
}  // namespace
}  // namespace sp::services

namespace sp::services {
namespace {
TEST(Suppression, ASingleSmallCountTakesASecondOneWithIt) {
  // 3 beside 10 and 20 with the total 33 shown: 3 = 33 − 10 − 20 unless 10 is hidden too.
  EXPECT_EQ(suppress_group({3, 10, 20}), (std::vector<Shown>{Shown::Small, Shown::Secondary, Shown::Value}));
  // Two small counts already hide each other; zeros are shown (and never chosen as the second).
  EXPECT_EQ(suppress_group({3, 2, 20, 0}), (std::vector<Shown>{Shown::Small, Shown::Small, Shown::Value, Shown::Value}));
  EXPECT_EQ(suppress_group({4, 0, 9}), (std::vector<Shown>{Shown::Small, Shown::Value, Shown::Secondary}));
  EXPECT_EQ(suppress_group({5, 6, 0}), (std::vector<Shown>{Shown::Value, Shown::Value, Shown::Value}));
  EXPECT_EQ(suppress_group({}), std::vector<Shown>{});
  EXPECT_EQ(shown(3, Shown::Small), json::value("<5"));
  EXPECT_EQ(shown(12, Shown::Secondary), json::value("\u2265" "5"));
  EXPECT_EQ(shown(12, Shown::Value), json::value(12));
}

TEST(Suppression, NoHiddenCountIsTheTotalMinusTheShownOnes) {
  // Every group of up to four counts from 0 to 12: where exactly one would be unknown, it is not.
  for (int a = 0; a <= 12; ++a)
    for (int b = 0; b <= 12; ++b)
      for (int c = 0; c <= 12; ++c)
        for (int d = 0; d <= 12; d += 3) {
          std::vector<std::int64_t> v{a, b, c, d};
          auto how = suppress_group(v);
          int hidden = 0;
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i] > 0 && v[i] < 5) {
              EXPECT_NE(how[i], Shown::Value);
            }
            if (how[i] != Shown::Value) ++hidden;
          }
          // (A total below 5 is itself hidden: then nothing can be subtracted from it.)
          if (a + b + c + d >= 5) {
            EXPECT_NE(hidden, 1) << a << " " << b << " " << c << " " << d;
          }
        }
}
}  // namespace
}  // namespace sp::services
