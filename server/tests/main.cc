// Test entry point: crypto initialised, fast password hashing, quiet logs.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "auth/auth.h"
#include "core/crypto.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  vw::InitCrypto();
  vw::auth::SetFastPasswordHashing(true);
  spdlog::set_level(spdlog::level::err);
  return RUN_ALL_TESTS();
}
