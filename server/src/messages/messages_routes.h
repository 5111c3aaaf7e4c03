// Routes of the messages (messages.h, docs/messages.md).
#pragma once

#include "http/router.h"
#include "messages/messages.h"

namespace vw::messages {

void RegisterMessageRoutes(http::Router& router, MessageService& messages);

}  // namespace vw::messages
