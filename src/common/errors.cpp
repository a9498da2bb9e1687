#include "common/errors.hpp"

namespace sp {
Say say(std::string code, std::string_view english, Params params) {
  std::string text;
  text.reserve(english.size() + 16);
  for (std::size_t i = 0; i < english.size(); ++i) {
    if (english[i] == '{') {
      auto end = english.find('}', i);
      if (end != std::string_view::npos) {
        auto name = english.substr(i + 1, end - i - 1);
        const std::string* value = nullptr;
        for (const auto& [k, v] : params)
          if (k == name) value = &v;
        if (value) {
          text += *value;
          i = end;
          continue;
        }
      }
    }
    text += english[i];
  }
  return {std::move(code), std::move(text), std::move(params)};
}
}  // namespace sp
