// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>

namespace Stowaway::Testing {

/**
 * One misbehaviour of TestUpstream for the requests whose path matches. `count` limits it
 * to the first N matching requests; -1 applies it to every one.
 */
struct UpstreamFault
{
    enum class Kind {
        Status,             ///< answer `arg` (e.g. 500) with a short text body
        TooManyRequests,    ///< 429 with `Retry-After: arg` (seconds)
        ServiceUnavailable, ///< 503 with `Retry-After: arg` (seconds)
        ConnectionReset,    ///< TCP RST: arg 0 halfway through the head, 1 halfway through the body
        TruncatedBody,      ///< full Content-Length, half the body, then a clean close
        Stall,              ///< arg 0: head and half the body, then silence; 1: silence at once
        WrongChecksum,      ///< the same number of bytes, some of them different
        GzipEncoded,        ///< the body gzipped once more, with `Content-Encoding: gzip`
        MalformedLines,     ///< an index file with an unparseable line inserted
        FutureSchemaLines,  ///< an index file with a `"v":3` line inserted
    };

    Kind kind = Kind::Status;
    int arg = 500;
    int count = -1;

    static UpstreamFault status(int code, int count = -1) { return {Kind::Status, code, count}; }
    static UpstreamFault tooManyRequests(int retryAfterSeconds, int count = -1)
    {
        return {Kind::TooManyRequests, retryAfterSeconds, count};
    }
    static UpstreamFault serviceUnavailable(int retryAfterSeconds, int count = -1)
    {
        return {Kind::ServiceUnavailable, retryAfterSeconds, count};
    }
    static UpstreamFault of(Kind kind, int count = -1, int arg = 0) { return {kind, arg, count}; }

    /// Parses `KIND[:ARG][:COUNT]` as the tool's --fault takes it (kinds in lower case with
    /// dashes: status, too-many-requests, service-unavailable, connection-reset, truncated-body,
    /// stall, wrong-checksum, gzip-encoded, malformed-lines, future-schema-lines). COUNT may
    /// be `always`.
    static std::optional<UpstreamFault> parse(const QString &text, QString *error);
};

/// One request as TestUpstream received it.
struct UpstreamRequest
{
    QByteArray method;
    QByteArray target; ///< path and query as sent
    QByteArray path;   ///< without the query
    QList<std::pair<QByteArray, QByteArray>> headers;
    QDateTime time;   ///< wall clock, UTC
    qint64 msecs = 0; ///< since the upstream started (monotonic)

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

/// What TestUpstream decided to send for one request; the connection plays it out.
struct UpstreamResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool headOnly = false;
    /// ConnectionReset, TruncatedBody or Stall; empty for a normal response.
    std::optional<UpstreamFault> transportFault;
};

} // namespace Stowaway::Testing

Q_DECLARE_METATYPE(Stowaway::Testing::UpstreamFault)
