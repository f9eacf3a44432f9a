// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"

#include <QByteArray>

#include <optional>

namespace Stowaway {

/**
 * HTTP validators and conditional requests (RFC 9110 §8.8, §13): strong ETags, HTTP-dates
 * and the If-None-Match / If-Modified-Since evaluation for GET and HEAD.
 *
 * Pure functions, safe on any thread, locale-independent.
 */
class HttpValidators final
{
public:
    /// Parses an HTTP-date in any of the three formats a recipient must accept
    /// (IMF-fixdate, RFC 850, asctime). Empty when the value is not a valid date.
    static std::optional<qint64> parseDate(QByteArrayView value);

    /// A quoted strong entity tag derived from the content: the first 16 bytes of its
    /// SHA-256 in hex, e.g. `"9f86d081884c7d659a2feaa0c55ad015"`.
    static QByteArray strongEtag(QByteArrayView content);

    /// True when an If-None-Match field value (a list of entity tags or `*`) matches
    /// `etag` by the weak comparison RFC 9110 prescribes for If-None-Match.
    static bool noneMatchMatches(QByteArrayView fieldValue, QByteArrayView etag);

    /// Whether a GET/HEAD for a representation with `etag` and `mtimeSecs` should be
    /// answered with 304: If-None-Match decides when present (all its fields); otherwise a
    /// single valid If-Modified-Since that is not older than the mtime does.
    static bool isNotModified(const HttpRequest &request, QByteArrayView etag, qint64 mtimeSecs);
};

} // namespace Stowaway
