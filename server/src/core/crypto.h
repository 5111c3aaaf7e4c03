// Random tokens and hashes (libsodium). Thread-safe after InitCrypto().
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vw {

// Initialises libsodium; call once at start-up. Throws if it cannot.
void InitCrypto();

// A URL-safe random token of `bytes` random bytes (base64url, no padding).
std::string RandomToken(std::size_t bytes = 32);

// Hex BLAKE2b-256 of the input: how tokens are stored, so a leaked database
// does not leak usable session or ticket tokens.
std::string HashToken(std::string_view token);

// Hex BLAKE2b-256 of arbitrary content (snapshots, ETags).
std::string ContentHash(std::string_view content);

// Hex SHA-256, for hashes people check with their own tools (the verified
// snapshots of accepted forms, uploaded scans).
std::string Sha256Hex(std::string_view content);

bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Standard base64 (with padding) of bytes, and back; nullopt for text that
// is not base64.
std::string ToBase64(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);
// Lower-case hex of bytes, and back (either case); nullopt for text that is
// not hex.
std::string ToHex(std::string_view bytes);
std::optional<std::string> FromHex(std::string_view hex);

}  // namespace vw
