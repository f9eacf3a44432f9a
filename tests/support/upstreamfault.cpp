// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstreamfault.h"

#include <QStringList>

namespace Stowaway::Testing {

std::optional<UpstreamFault> UpstreamFault::parse(const QString &text, QString *error)
{
    struct Name
    {
        const char *name;
        Kind kind;
        int defaultArg;
    };
    static constexpr Name names[] = {
        {"status", Kind::Status, 500},
        {"too-many-requests", Kind::TooManyRequests, 1},
        {"service-unavailable", Kind::ServiceUnavailable, 1},
        {"connection-reset", Kind::ConnectionReset, 1},
        {"truncated-body", Kind::TruncatedBody, 0},
        {"stall", Kind::Stall, 0},
        {"wrong-checksum", Kind::WrongChecksum, 0},
        {"gzip-encoded", Kind::GzipEncoded, 0},
        {"malformed-lines", Kind::MalformedLines, 0},
        {"future-schema-lines", Kind::FutureSchemaLines, 0},
    };
    const QStringList parts = text.split(QLatin1Char(':'));
    for (const Name &entry : names) {
        if (parts[0] != QLatin1StringView(entry.name))
            continue;
        UpstreamFault fault{entry.kind, entry.defaultArg, -1};
        bool ok = true;
        if (parts.size() > 1 && !parts[1].isEmpty())
            fault.arg = parts[1].toInt(&ok);
        if (ok && parts.size() > 2 && parts[2] != QLatin1StringView("always"))
            fault.count = parts[2].toInt(&ok);
        if (!ok || parts.size() > 3 || fault.count < -1) {
            if (error)
                *error = QStringLiteral("'%1': ARG and COUNT are whole numbers (COUNT may be "
                                        "'always')")
                             .arg(text);
            return std::nullopt;
        }
        return fault;
    }
    if (error)
        *error = QStringLiteral("'%1': unknown fault; use status, too-many-requests, "
                                "service-unavailable, connection-reset, truncated-body, stall, "
                                "wrong-checksum, gzip-encoded, malformed-lines or "
                                "future-schema-lines")
                     .arg(parts[0]);
    return std::nullopt;
}

} // namespace Stowaway::Testing
