// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorlayout.h"

#include "atomicfile.h"
#include "indexpath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Stowaway {

MirrorLayout::MirrorLayout(QString root) : m_root(QDir::cleanPath(std::move(root))) {}

QString MirrorLayout::resolveRoot(const QString &commandLineValue)
{
    if (!commandLineValue.isEmpty())
        return QDir(commandLineValue).absolutePath();
    const QString fromEnv = qEnvironmentVariable("STOWAWAY_MIRROR");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    return defaultRoot();
}

namespace {
QString builtInRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/stowaway/mirror");
}
} // namespace

QString MirrorLayout::pointerFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/stowaway/mirror-location");
}

QString MirrorLayout::defaultRoot()
{
    QFile pointer(pointerFile());
    if (pointer.open(QIODevice::ReadOnly)) {
        const QString path = QString::fromUtf8(pointer.readAll()).trimmed();
        if (!path.isEmpty() && QDir::isAbsolutePath(path))
            return QDir::cleanPath(path);
    }
    return builtInRoot();
}

bool MirrorLayout::setDefaultRoot(const QString &root, QString *error)
{
    const QString path = QDir::cleanPath(QDir(root).absolutePath());
    if (path == QDir::cleanPath(builtInRoot()))
        return AtomicFile::remove(pointerFile(), error);
    const QString dir = QFileInfo(pointerFile()).absolutePath();
    return AtomicFile::write(pointerFile(), path.toUtf8() + '\n', dir, error);
}

QString MirrorLayout::configFile() const
{
    return m_root + QStringLiteral("/mirror.toml");
}

QString MirrorLayout::stateDatabase() const
{
    return m_root + QStringLiteral("/state.sqlite");
}

QString MirrorLayout::cratesDir() const
{
    return m_root + QStringLiteral("/crates");
}

QString MirrorLayout::crateFile(const QString &name, const QString &version) const
{
    return cratesDir() + QLatin1Char('/') + name + QLatin1Char('/') + name + QLatin1Char('-') +
           version + QStringLiteral(".crate");
}

QString MirrorLayout::upstreamIndexDir() const
{
    return m_root + QStringLiteral("/upstream/index");
}

QString MirrorLayout::upstreamIndexFile(const QString &name) const
{
    return upstreamIndexDir() + QLatin1Char('/') + IndexPath::relativePath(name);
}

QString MirrorLayout::servedIndexDir() const
{
    return m_root + QStringLiteral("/index");
}

QString MirrorLayout::servedIndexFile(const QString &name) const
{
    return servedIndexDir() + QLatin1Char('/') + IndexPath::relativePath(name);
}

QString MirrorLayout::logsDir() const
{
    return m_root + QStringLiteral("/logs");
}

QString MirrorLayout::tempDir() const
{
    return m_root + QStringLiteral("/tmp");
}

QString MirrorLayout::gitIndexDir() const
{
    return m_root + QStringLiteral("/git/index.git");
}

} // namespace Stowaway
