// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace Stowaway {

/**
 * Expands a registry's `dl` template into the URL of one `.crate` file, exactly as cargo
 * does: plain text substitution of `{crate}`, `{version}`, `{prefix}`, `{lowerprefix}` and
 * `{sha256-checksum}`, with no percent-encoding (a `+` in a version stays `+`). A template
 * without any marker gets cargo's default suffix `/{crate}/{version}/download` appended
 * (without trimming a trailing slash, as cargo does not either).
 *
 * Pure functions, safe on any thread. Turn the result into a QUrl with
 * `QUrl(text, QUrl::TolerantMode)`; that keeps the `+` literal on the wire.
 */
class DownloadUrl final
{
public:
    /// The download URL of @p name (original case, as in the index) at @p version whose
    /// `.crate` has SHA-256 @p cksum (lower-case hex, as in the index).
    static QString expand(QStringView dlTemplate, QStringView name, QStringView version,
                          QStringView cksum);

    /// True when the template has at least one of the five markers.
    static bool hasMarker(QStringView dlTemplate);

    /// The `{prefix}` of a name, from its original case: `1`, `2`, `3/{c}`, `{ab}/{cd}`.
    /// Empty for an empty name.
    static QString prefix(QStringView name);
};

} // namespace Stowaway
