// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Stowaway {

/**
 * A protocol that has taken over a connection from HTTP/1.1 — in practice an HTTP/2
 * (h2c) session. Created by a ProtocolUpgrader and owned by the HttpConnection; it
 * lives and is called on the connection's worker thread only.
 */
class ProtocolSession
{
public:
    virtual ~ProtocolSession() = default;
    /// Feeds bytes read from the client. Returns false on a fatal protocol error; the
    /// connection then flushes what was written and closes.
    virtual bool receive(const QByteArray &bytes) = 0;
    /// True once the session wants the connection closed (e.g. after GOAWAY).
    virtual bool wantsClose() const = 0;
};

} // namespace Stowaway
