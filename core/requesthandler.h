// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "httpresponse.h"

namespace Stowaway {

/**
 * What the server asks to turn a request into a response. Called concurrently from the
 * server's connection threads, so implementations must be thread-safe and must not block
 * on anything slower than a local file read.
 */
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual HttpResponse handle(const HttpRequest &request) = 0;
};

} // namespace Stowaway
