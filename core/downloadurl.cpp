// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadurl.h"

namespace Stowaway {

namespace {
constexpr QLatin1String kCrate("{crate}");
constexpr QLatin1String kVersion("{version}");
constexpr QLatin1String kPrefix("{prefix}");
constexpr QLatin1String kLowerPrefix("{lowerprefix}");
constexpr QLatin1String kChecksum("{sha256-checksum}");
} // namespace

QString DownloadUrl::prefix(QStringView name)
{
    QString out;
    switch (name.size()) {
    case 0:
        break;
    case 1:
        out = QStringLiteral("1");
        break;
    case 2:
        out = QStringLiteral("2");
        break;
    case 3:
        out = QStringLiteral("3/");
        out.append(name.left(1));
        break;
    default:
        out.reserve(5);
        out.append(name.left(2));
        out.append(QLatin1Char('/'));
        out.append(name.mid(2, 2));
        break;
    }
    return out;
}

bool DownloadUrl::hasMarker(QStringView dlTemplate)
{
    for (QLatin1String marker : {kCrate, kVersion, kPrefix, kLowerPrefix, kChecksum}) {
        if (dlTemplate.contains(marker))
            return true;
    }
    return false;
}

QString DownloadUrl::expand(QStringView dlTemplate, QStringView name, QStringView version,
                            QStringView cksum)
{
    QString url = dlTemplate.toString();
    if (!hasMarker(dlTemplate))
        url +=
            QLatin1Char('/') + kCrate + QLatin1Char('/') + kVersion + QStringLiteral("/download");
    const QString upper = prefix(name);
    // Names and versions hold no braces, so substituting one marker never creates another.
    url.replace(kCrate, name.toString());
    url.replace(kVersion, version.toString());
    url.replace(kPrefix, upper);
    url.replace(kLowerPrefix, upper.toLower());
    url.replace(kChecksum, cksum.toString());
    return url;
}

} // namespace Stowaway
