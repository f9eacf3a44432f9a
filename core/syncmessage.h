// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncprogress.h"
#include "syncrequest.h"

#include <QByteArray>

namespace Stowaway {

/**
 * The lines the InstanceChannel carries between Stowaway processes of one user and mirror:
 * one compact JSON object per line, `{"type":"raise"}`, `{"type":"progress",…}` (a
 * SyncProgress) or `{"type":"finished",…}` (a SyncResult without its plan; at most 100
 * failures). Pure functions; any thread.
 */
class SyncMessage final
{
public:
    enum class Type { Invalid, Raise, Progress, Finished };

    struct Decoded
    {
        Type type = Type::Invalid;
        SyncProgress progress;
        SyncResult result;
    };

    static QByteArray raise();
    static QByteArray progress(const SyncProgress &progress);
    static QByteArray finished(const SyncResult &result);
    /// Reads one line (with or without its '\n'); Type::Invalid when it is not a message.
    static Decoded decode(const QByteArray &line);
};

} // namespace Stowaway
