// SPDX-License-Identifier: GPL-3.0-or-later
// stowaway-populate: copies a static sparse registry folder (as written by
// stowaway-testregistry) into a Stowaway mirror through MirrorStore, so that
// `stowaway serve --mirror DIR` serves the same crates. Used by bench/server-bench.
#include "indexpath.h"
#include "mirrorlayout.h"
#include "mirrorstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cstdio>

using namespace Stowaway;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "stowaway-populate: %s\n", qPrintable(message));
    return 1;
}

QByteArray readAll(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stowaway-populate"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stores every index file and .crate of a static sparse registry folder in a mirror."));
    parser.addHelpOption();
    const QCommandLineOption registry(QStringLiteral("registry"),
                                      QStringLiteral("Registry folder (with index/ and crates/)."),
                                      QStringLiteral("dir"));
    const QCommandLineOption mirror(QStringLiteral("mirror"),
                                    QStringLiteral("Mirror folder to fill (created if missing)."),
                                    QStringLiteral("dir"));
    parser.addOptions({registry, mirror});
    parser.process(app);
    if (!parser.isSet(registry) || !parser.isSet(mirror))
        return fail(QStringLiteral("--registry and --mirror are required."));

    MirrorStore store{MirrorLayout(parser.value(mirror))};
    QString error;
    if (!store.open(&error))
        return fail(error);

    const QDir root(parser.value(registry));
    const QString indexRoot = root.filePath(QStringLiteral("index"));
    if (!QFileInfo(indexRoot).isDir())
        return fail(QStringLiteral("%1 has no index/ folder; write one with stowaway-testregistry.")
                        .arg(root.path()));
    const QString lastModified = QLocale::c().toString(
        QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    QElapsedTimer timer;
    timer.start();
    int crates = 0, versions = 0;
    for (QDirIterator it(indexRoot, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString path = it.next();
        if (QFileInfo(path).absoluteFilePath() ==
            QDir(indexRoot).absoluteFilePath(QStringLiteral("config.json")))
            continue;
        const QByteArray file = readAll(path, &error);
        if (!error.isEmpty())
            return fail(error);
        QList<QPair<QString, QString>> entries; // name, version
        for (const QByteArray &line : file.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            entries.append({object.value(QLatin1StringView("name")).toString(),
                            object.value(QLatin1StringView("vers")).toString()});
        }
        if (entries.isEmpty() || !IndexPath::isValidCrateName(entries.first().first))
            return fail(QStringLiteral("%1 is not an index file with JSON lines.").arg(path));
        const QString name = entries.first().first;
        const QString etag =
            QLatin1Char('"') +
            QString::fromLatin1(
                QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex().left(32)) +
            QLatin1Char('"');
        if (!store.putUpstreamIndex(name, file, etag, lastModified, &error))
            return fail(error);
        ++crates;
        for (const auto &[crateName, version] : entries) {
            const QString cratePath =
                root.filePath(QStringLiteral("crates/%1/%1-%2.crate").arg(crateName, version));
            const QByteArray bytes = readAll(cratePath, &error);
            if (!error.isEmpty())
                return fail(error);
            if (!store.putCrate(crateName, version, bytes, &error))
                return fail(error);
            ++versions;
        }
    }
    std::printf("stored %d crates, %d versions in %s (%lld ms)\n", crates, versions,
                qPrintable(QDir(parser.value(mirror)).absolutePath()),
                static_cast<long long>(timer.elapsed()));
    return 0;
}
