// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Stowaway {

/**
 * The outcome of fetching one crate's index file from the upstream (IndexClient). A plain
 * value.
 *
 * - Ok: @c bytes holds the whole file (decompressed), @c etag / @c lastModified the
 *   validators to send next time (either may be empty).
 * - NotModified: the copy whose validators were offered is still current; @c bytes is
 *   empty, @c etag / @c lastModified are the server's new validators, or the ones offered
 *   when the 304 carried none.
 * - NotFound: the upstream has no such crate (404, 410 or 451).
 * - Failed: anything else, after retries where retrying made sense; @c error says what
 *   happened in one line.
 */
struct IndexFetch
{
    enum class Status { Ok, NotModified, NotFound, Failed };

    QString name; ///< the crate name as it was asked for
    Status status = Status::Failed;
    QByteArray bytes;
    QByteArray etag;
    QByteArray lastModified;
    int httpStatus = 0; ///< of the last attempt; 0 when no HTTP answer came
    QString error;      ///< empty unless Failed
    int attempts = 0;   ///< requests made, retries included
    bool http2 = false; ///< the last answer came over HTTP/2
};

} // namespace Stowaway
