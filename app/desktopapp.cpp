// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktopapp.h"

#include "appicons.h"
#include "autostart.h"
#include "cargotoggle.h"
#include "command.h"
#include "desktoppages.h"
#include "instancechannel.h"
#include "keychainsecretstore.h"
#include "mainwindow.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "overviewpage.h"
#include "translations.h"
#include "traycontroller.h"

#include <QApplication>
#include <QLocale>
#include <QProcess>

#include <cstdio>

namespace Stowaway {

int DesktopApp::run(int &argc, char **argv, const DesktopArguments &arguments)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Without a display QApplication would abort; say what to do instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        fprintf(stderr, "stowaway: no display to show the desktop app on (neither DISPLAY nor "
                        "WAYLAND_DISPLAY is set).\nRun 'stowaway --help' for the command line, "
                        "e.g. 'stowaway serve'.\n");
        return ExitUsage;
    }
#endif
    QApplication app(argc, argv);
    // The interface follows the system language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux).
    Translations::install(app, QLocale::system());
    QApplication::setOrganizationName(QStringLiteral("stowaway"));
    QApplication::setDesktopFileName(QStringLiteral("stowaway"));
    QApplication::setWindowIcon(AppIcons::appIcon());

    const MirrorLayout layout(MirrorLayout::resolveRoot(arguments.mirror));
    InstanceChannel channel(layout.root());
    QString error;
    if (!channel.listen(&error)) {
        if (error.isEmpty()) {
            // Another instance serves this mirror: bring its window up instead.
            return InstanceChannel::raiseRunning(layout.root()) ? ExitOk : ExitFailed;
        }
        fprintf(stderr, "stowaway: %s; a second start will not find this one\n", qPrintable(error));
    }

    MirrorStore store(layout);
    if (!store.open(&error)) {
        fprintf(stderr, "stowaway: %s\n", qPrintable(error));
        return ExitFailed;
    }
    CargoToggle cargo(CargoConfigSwitch(CargoConfigSwitch::defaultCargoHome()));
    MirrorRuntime runtime(store);
    TrayController tray(runtime, cargo);
    MainWindow window;
    window.addPage(new OverviewPage(runtime, cargo), AppIcons::appIcon(),
                   QApplication::translate("DesktopApp", "Overview"));
    const std::unique_ptr<Autostart> autostart = Autostart::create({});
    KeychainSecretStore keychain;
    DesktopPages pages(window, runtime, store, *autostart, keychain);
    QObject::connect(&pages, &DesktopPages::restartRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);

    QObject::connect(&channel, &InstanceChannel::raiseRequested, &window, &MainWindow::raiseWindow);
    QObject::connect(&channel, &InstanceChannel::syncProgress, &runtime,
                     &MirrorRuntime::showExternalProgress);
    QObject::connect(&channel, &InstanceChannel::syncFinished, &runtime,
                     &MirrorRuntime::showExternalFinished);
    QObject::connect(&tray, &TrayController::openRequested, &window, &MainWindow::raiseWindow);
    QObject::connect(&tray, &TrayController::quitRequested, &app, &QApplication::quit);

    runtime.startServer(); // a failure shows in the tray and on the Overview page
    const bool inTray = tray.show();
    window.setHideOnClose(inTray);
    QApplication::setQuitOnLastWindowClosed(!inTray);
    window.restoreSettings();
    if (!inTray || !arguments.tray)
        window.show();
    const int code = QApplication::exec();
    if (!pages.restartRoot().isEmpty())
        return restartFrom(pages.restartRoot(), arguments) ? code : ExitFailed;
    return code;
}

bool DesktopApp::restartFrom(const QString &root, const DesktopArguments &arguments)
{
    // Where later runs (the CLI's too) find the mirror: the pointer file, unless this run was
    // told where it is, in which case the new run is told the same way.
    QStringList args;
    QString error;
    if (arguments.mirror.isEmpty() && qEnvironmentVariableIsEmpty("STOWAWAY_MIRROR")) {
        if (!MirrorLayout::setDefaultRoot(root, &error)) {
            fprintf(stderr,
                    "stowaway: the mirror now lives in %s, but %s; start it with "
                    "'stowaway --mirror %s'\n",
                    qPrintable(root), qPrintable(error), qPrintable(root));
            return false;
        }
    } else {
        args << QStringLiteral("--mirror") << root;
    }
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), args)) {
        fprintf(stderr, "stowaway: the mirror now lives in %s; start the app again\n",
                qPrintable(root));
        return false;
    }
    return true;
}

} // namespace Stowaway
