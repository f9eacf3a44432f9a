// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorsummary.h"

#include <QByteArray>

namespace Stowaway {

/**
 * The HTML page a browser sees at the mirror's root: what the mirror holds and how to
 * point cargo at it. Self-contained (inline style and script, no external resources);
 * every inserted value is HTML-escaped.
 *
 * Pure functions, safe on any thread.
 */
class MirrorHomePage final
{
public:
    /// The page as UTF-8. `host` is a validated `host[:port]` used in the cargo snippet.
    static QByteArray render(const MirrorSummary &summary, const QByteArray &host);

    /// The cargo configuration the page shows, for `host`.
    static QString cargoConfigSnippet(const QByteArray &host);

    /// A Content-Security-Policy that allows exactly the page's inline style and script.
    static QByteArray contentSecurityPolicy();

    /// `&`, `<`, `>`, `"` and `'` as character references.
    static QString escape(const QString &text);
};

} // namespace Stowaway
