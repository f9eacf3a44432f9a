// SPDX-License-Identifier: GPL-3.0-or-later
#include "homepath.h"

#include <QDir>
#include <QFileInfo>

namespace Stowaway {

QString HomePath::display(const QString &path)
{
    const QString home = QDir::homePath() + QLatin1Char('/');
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (home.size() > 1 && absolute.startsWith(home))
        return QStringLiteral("~/") + absolute.mid(home.size());
    return QDir::toNativeSeparators(absolute);
}

} // namespace Stowaway
