#include <sodium.h>

#include <atomic>
#include <stdexcept>

#include "auth/auth.h"
#include "core/json.h"

namespace vw::auth {
namespace {

std::atomic<bool> g_fast{false};

}  // namespace

void SetFastPasswordHashing(bool fast) { g_fast = fast; }

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = g_fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = g_fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view field) {
  bool letter = false, digit = false;
  for (char c : password) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
    if (c >= '0' && c <= '9') digit = true;
  }
  if (Utf8Length(password) < 8 || !letter || !digit) {
    return Error::Invalid(std::string(field), "密码至少8位，且须同时包含字母和数字");
  }
  if (password.size() > 128) return Error::Invalid(std::string(field), "密码不能超过128位");
  return Ok();
}

}  // namespace vw::auth
