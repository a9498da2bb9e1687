#pragma once
// Thin wrappers over libsodium. init_crypto() must run once before any other call.
#include <string>
#include <string_view>
#include <vector>

namespace sp {
void init_crypto();
// 32 random bytes, base64url without padding (43 characters).
std::string random_token();
// Standard base64 (with padding) of bytes, and lower-case hex.
std::string base64(std::string_view bytes);
std::string to_hex(const unsigned char* p, std::size_t n);
// Keyless BLAKE2b-256 of s, hex. For storing session tokens: only the hash is kept.
std::string hash_hex(std::string_view s);
// HMAC-SHA256 of `message` under `key`, lower-case hex (webhook signatures).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// Argon2id (libsodium INTERACTIVE limits, ~70 ms and 64 MiB). Slow on purpose: never call on an I/O thread.
std::string password_hash(std::string_view password);
bool password_verify(std::string_view hash, std::string_view password);
bool password_needs_rehash(std::string_view hash);
// Constant-time equality of two strings.
bool secure_equal(std::string_view a, std::string_view b);
}  // namespace sp
