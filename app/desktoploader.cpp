// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktoploader.h"

#include "translations.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QLocale>

#include <cstdio>

namespace Stowaway {

QStringList DesktopLoader::candidates(const QString &binDir)
{
    const QDir dir(binDir);
    return {dir.filePath(QStringLiteral("libstowaway-gui.so")),
            QDir::cleanPath(
                dir.filePath(QStringLiteral(STOWAWAY_GUI_MODULE_DIR "/libstowaway-gui.so")))};
}

int DesktopLoader::run(int &argc, char **argv)
{
    // No QCoreApplication yet (the module makes a QApplication): the kernel says where we are.
    const QString binDir =
        QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath()).path();
    QStringList problems;
    for (const QString &path : candidates(binDir)) {
        if (!QFileInfo::exists(path))
            continue;
        QLibrary module(path);
        using Entry = int (*)(int *, char **);
        if (auto entry = reinterpret_cast<Entry>(module.resolve(STOWAWAY_DESKTOP_ENTRY)))
            return entry(&argc, argv); // the module stays loaded until the process ends
        problems.append(module.errorString());
    }
    // Only now is there no desktop app to make the QApplication: the message is translated.
    QCoreApplication app(argc, argv);
    Translations::install(app, QLocale::system());
    const QString message =
        problems.isEmpty()
            ? tr("the desktop app is not installed: no %1. Reinstall stowaway, or use its "
                 "commands (stowaway --help).")
                  .arg(candidates(binDir).join(tr(" or ")))
            : tr("the desktop app cannot be loaded: %1. Reinstall stowaway, or use its "
                 "commands (stowaway --help).")
                  .arg(problems.join(QStringLiteral("; ")));
    std::fprintf(stderr, "stowaway: %s\n", qPrintable(message));
    return 1;
}

} // namespace Stowaway
