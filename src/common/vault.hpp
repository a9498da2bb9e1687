#pragma once
// Encryption of personal identity at rest. One 32-byte key, kept outside the database: the file
// <data_dir>/identity.key (created with mode 0600 on first start) or SOCIALPACT_IDENTITY_KEY (64 hex
// digits). Sealed values are XChaCha20-Poly1305 with a random nonce, stored as base64 text; lookups
// use keyed BLAKE2b hashes (a subkey of the same key), so equal values can be found without being
// readable. Losing the key loses the identities: back it up apart from the database (deployment.md).
#include <array>
#include <string>
#include <string_view>

namespace sp {
class Vault {
 public:
  explicit Vault(const std::array<unsigned char, 32>& key);
  // From SOCIALPACT_IDENTITY_KEY, else the key file (created when absent).
  static Vault load(const std::string& key_file);
  std::string seal(std::string_view plaintext) const;
  // Throws std::runtime_error when the value was not sealed with this key or was altered.
  std::string open(std::string_view sealed) const;
  // Keyed BLAKE2b-256 of s, hex: equal inputs give equal hashes under one key only.
  std::string lookup_hash(std::string_view s) const;

 private:
  std::array<unsigned char, 32> key_{};
  std::array<unsigned char, 32> hash_key_{};
};
}  // namespace sp
