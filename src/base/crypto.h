// Secrets: random tokens, SHA-256, HMAC-SHA-256, Argon2id password hashes (libsodium), and
// constant-time comparison. Thread-safe after init_crypto().
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace fuwu::crypto {

// Must be called once before anything else here (main and test setup do).
Status init_crypto();

// `bytes` random bytes as lower-case hex (2 × bytes characters).
std::string random_hex(std::size_t bytes);
// `bytes` random bytes as unpadded base64url.
std::string random_token(std::size_t bytes);

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// The 32 raw bytes of HMAC-SHA-256.
std::string hmac_sha256(std::string_view key, std::string_view data);

// SHA-256 over data fed in pieces (an upload's chunks): the same digest as sha256_hex of the
// concatenation.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex_digest();  // once; the object is spent afterwards

 private:
  alignas(8) unsigned char state_[128];
};

// Argon2id with libsodium's "interactive" limits (fast enough for logins, ~50 ms here).
Result<std::string> hash_password(std::string_view password);
// True when `password` matches an encoded Argon2id hash. Constant time in the password.
bool verify_password(std::string_view password, std::string_view encoded_hash);
// A hash of a random password that no one knows, used to make login timing equal for unknown
// accounts (verify_password against it always fails but costs the same).
const std::string& decoy_password_hash();

bool constant_time_equal(std::string_view a, std::string_view b);

std::string base64url_encode(std::string_view data);
// Standard base64 with padding (MIME, DingTalk signatures).
std::string base64_encode(std::string_view data);
Result<std::string> base64url_decode(std::string_view text);

}  // namespace fuwu::crypto
