#include "common/vault.hpp"

#include "common/crypto.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace sp {
namespace {
bool from_hex(std::string_view hex, std::array<unsigned char, 32>& key) {
  std::size_t len = 0;
  return hex.size() == 64 &&
         sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == 32;
}
}  // namespace

Vault::Vault(const std::array<unsigned char, 32>& key) : key_(key) {
  // A separate subkey for lookups: the hashes reveal nothing about the encryption key.
  crypto_kdf_derive_from_key(hash_key_.data(), hash_key_.size(), 1, "sp-hash_", key_.data());
}

Vault Vault::load(const std::string& key_file) {
  std::array<unsigned char, 32> key{};
  if (const char* env = std::getenv("SOCIALPACT_IDENTITY_KEY"); env && *env) {
    if (!from_hex(env, key)) throw std::runtime_error("SOCIALPACT_IDENTITY_KEY must be 64 hexadecimal digits");
    return Vault(key);
  }
  if (std::filesystem::exists(key_file)) {
    std::ifstream in(key_file);
    std::string hex;
    in >> hex;
    if (!from_hex(hex, key)) throw std::runtime_error(key_file + ": not a 64-digit hexadecimal key");
    return Vault(key);
  }
  crypto_kdf_keygen(key.data());
  auto hex = to_hex(key.data(), key.size());
  {
    auto old = umask(077);
    std::ofstream out(key_file);
    umask(old);
    out << hex << "\n";
    if (!out) throw std::runtime_error("cannot write " + key_file);
  }
  std::filesystem::permissions(key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return Vault(key);
}

std::string Vault::seal(std::string_view plaintext) const {
  std::vector<unsigned char> buf(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             nullptr, 0, nullptr, nonce, key_.data());
  return base64({reinterpret_cast<const char*>(buf.data()), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + clen});
}

std::string Vault::open(std::string_view sealed) const {
  std::vector<unsigned char> buf(sealed.size());
  std::size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    throw std::runtime_error("sealed value is malformed");
  const unsigned char* nonce = buf.data();
  std::string out(len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long mlen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr,
                                                 nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                 len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, nullptr, 0, nonce,
                                                 key_.data()) != 0)
    throw std::runtime_error("sealed value does not open with this key");
  out.resize(mlen);
  return out;
}

std::string Vault::lookup_hash(std::string_view s) const {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(s.data()), s.size(), hash_key_.data(), hash_key_.size());
  return to_hex(h, sizeof h);
}
}  // namespace sp
