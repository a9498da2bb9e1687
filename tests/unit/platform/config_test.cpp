#include "platform/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace sp {
namespace {

// A configuration file in the test's temporary directory.
std::string file_with(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("socialpact-config-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

std::string refusal(const std::string& text) {
  try {
    load_config(file_with(text));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(Config, ReadsEverySectionOfTheFileWithItsUnits) {
  auto c = load_config(file_with(R"(data_dir = "/srv/sp"
[server]
port = 9090
trusted_proxies = ["127.0.0.1", "10.0.0.2"]
public_url = "https://socialpact.example.md/"
[sessions]
idle_minutes = 20
absolute_hours = 8
[jobs]
interval_minutes = 5
[open_data]
ref = "MD-IDNO-1003600000000"
)"));
  EXPECT_EQ(c.data_dir, "/srv/sp");
  EXPECT_EQ(c.port, 9090);
  EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(c.public_url, "https://socialpact.example.md");
  EXPECT_EQ(c.session_idle_seconds, 20 * 60);
  EXPECT_EQ(c.session_absolute_seconds, 8 * 3600);
  EXPECT_EQ(c.jobs_interval_seconds, 300);
  EXPECT_EQ(c.open_data_ref, "MD-IDNO-1003600000000");
}

TEST(Config, AKeyThatIsNoSettingIsNamedAndRefused) {
  EXPECT_NE(refusal("[server]\nprot = 8080\n").find("server.prot: is not a setting"), std::string::npos);
  EXPECT_NE(refusal("dta_dir = \"/srv\"\n").find("dta_dir: is not a setting"), std::string::npos);
  EXPECT_NE(refusal("[serverr]\nport = 1\n").find("serverr: is not a setting"), std::string::npos);
  EXPECT_NE(refusal("server = 1\n").find("server: must be a table [server]"), std::string::npos);
}

TEST(Config, AValueOfTheWrongTypeOrOutOfRangeIsNamed) {
  EXPECT_NE(refusal("[server]\nport = \"8080\"\n").find("server.port: must be an integer"), std::string::npos);
  EXPECT_NE(refusal("[server]\nport = 70000\n").find("server.port: must be between 0 and 65535 (got 70000)"), std::string::npos);
  EXPECT_NE(refusal("[server]\nsecure_cookies = \"yes\"\n").find("server.secure_cookies: must be true or false"), std::string::npos);
  EXPECT_NE(refusal("[server]\ntrusted_proxies = [1]\n").find("server.trusted_proxies: must be a list of texts"), std::string::npos);
  EXPECT_NE(refusal("[sessions]\nidle_minutes = 0\n").find("sessions.idle_minutes: must be between 1 and"), std::string::npos);
  EXPECT_NE(refusal("[server]\npublic_url = \"socialpact.md\"\n").find("server.public_url: must begin with http"), std::string::npos);
  EXPECT_NE(refusal("port = [\n").find("line"), std::string::npos);  // not TOML: where
}

TEST(Config, AMissingFileIsRefused) {
  EXPECT_THROW(load_config("/nonexistent/socialpact.toml"), ConfigError);
}

TEST(Config, TheEnvironmentWinsAndIsChecked) {
  ::setenv("SOCIALPACT_PORT", "7070", 1);
  ::setenv("SOCIALPACT_TRUSTED_PROXIES", " 10.0.0.1 , 10.0.0.3", 1);
  auto c = load_config(file_with("[server]\nport = 9090\n"));
  EXPECT_EQ(c.port, 7070);
  EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.0.0.3"}));
  ::setenv("SOCIALPACT_PORT", "80x", 1);
  try {
    load_config("");
    ADD_FAILURE() << "a port of 80x was taken";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("SOCIALPACT_PORT: must be an integer (got \"80x\")"), std::string::npos);
  }
  ::unsetenv("SOCIALPACT_PORT");
  ::unsetenv("SOCIALPACT_TRUSTED_PROXIES");
  ::setenv("SOCIALPACT_PROT", "1", 1);
  auto unknown = Config::unknown_variables();
  EXPECT_NE(std::find(unknown.begin(), unknown.end(), "SOCIALPACT_PROT"), unknown.end());
  ::unsetenv("SOCIALPACT_PROT");
}

}  // namespace
}  // namespace sp
