// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigcommand.h"
#include "cli.h"
#include "desktoploader.h"
#include "servecommand.h"
#include "statuscommand.h"
#include "synccommand.h"
#include "translations.h"
#include "verifycommand.h"

#include <QCoreApplication>
#include <QLocale>

#include <memory>
#include <vector>

using namespace Stowaway;

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("stowaway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOWAWAY_VERSION));

    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    // Only the desktop app needs a display; the commands run with QCoreApplication, without
    // loading the desktop app's module (Qt Gui, Widgets, D-Bus, the keychain).
    if (Cli::wantsDesktop(arguments))
        return DesktopLoader::run(argc, argv);

    QCoreApplication app(argc, argv);
    // The commands speak the system's language too (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    Translations::install(app, QLocale::system());
    std::vector<std::unique_ptr<Command>> commands;
    // Commands are registered here, one line each, in the order `--help` lists them.
    commands.push_back(std::make_unique<ServeCommand>());
    commands.push_back(std::make_unique<SyncCommand>());
    commands.push_back(std::make_unique<StatusCommand>());
    commands.push_back(std::make_unique<VerifyCommand>());
    commands.push_back(std::make_unique<CargoConfigCommand>());
    Cli cli(std::move(commands));
    return cli.run(arguments);
}
