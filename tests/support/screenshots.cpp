// SPDX-License-Identifier: GPL-3.0-or-later
// stowaway-screenshots: the desktop app's window, composed exactly as DesktopApp does it,
// over a demo mirror filled by a real sync from a loopback test upstream; writes one PNG per
// page, one of the Overview during the sync and one of the tray menu.
//
//   stowaway-screenshots --out DIR [--size 1100x720] [--any-port]
//
// Not part of the product: it links the test registry and upstream. scripts/screenshots runs
// it under Xvfb for docs/screenshots/; tests/app/tst_screenshots.cpp runs it offscreen.
#include "appicons.h"
#include "autostart.h"
#include "cargotoggle.h"
#include "cratespage.h"
#include "desktoppages.h"
#include "diskusagepage.h"
#include "e2etools.h"
#include "mainwindow.h"
#include "memorysecretstore.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "missrecorder.h"
#include "overviewpage.h"
#include "settingspage.h"
#include "testregistry.h"
#include "testupstream.h"
#include "translations.h"
#include "traycontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdio>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

[[noreturn]] void fail(const QString &message)
{
    fprintf(stderr, "stowaway-screenshots: %s\n", qPrintable(message));
    std::exit(1);
}

quint64 mix(quint64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

/// About 120 invented crates with plausible names in dependency layers, three versions
/// each, sizes spread like a real mirror's (a few big `-sys` crates, many small ones).
TestRegistry demoRegistry(QStringList *named)
{
    const QStringList stems = {
        QStringLiteral("ember"),   QStringLiteral("quartz"),  QStringLiteral("lumen"),
        QStringLiteral("coral"),   QStringLiteral("basalt"),  QStringLiteral("willow"),
        QStringLiteral("kestrel"), QStringLiteral("flint"),   QStringLiteral("marlin"),
        QStringLiteral("tern"),    QStringLiteral("juniper"), QStringLiteral("otter"),
        QStringLiteral("sable"),   QStringLiteral("cobalt"),  QStringLiteral("heron"),
        QStringLiteral("maple"),   QStringLiteral("onyx"),    QStringLiteral("puffin"),
        QStringLiteral("rowan"),   QStringLiteral("slate"),
    };
    const QStringList tails = {
        QStringLiteral("core"),  QStringLiteral("utf8"),   QStringLiteral("hash"),
        QStringLiteral("bytes"), QStringLiteral("macros"), QStringLiteral("derive"),
        QStringLiteral("io"),    QStringLiteral("json"),   QStringLiteral("time"),
        QStringLiteral("log"),   QStringLiteral("codec"),  QStringLiteral("async"),
        QStringLiteral("http"),  QStringLiteral("tls"),    QStringLiteral("sys"),
        QStringLiteral("cli"),   QStringLiteral("config"), QStringLiteral("test"),
    };
    // Lower layers first: what everything else depends on.
    const int layers = 5;
    QList<QStringList> byLayer(layers);
    const int count = 120;
    for (int i = 0; i < count; ++i) {
        const QString name = stems.at(i % stems.size()) + QLatin1Char('-') +
                             tails.at((i / stems.size() * 5 + i * 7) % tails.size());
        bool taken = false;
        for (const QStringList &layer : std::as_const(byLayer))
            taken = taken || layer.contains(name);
        if (!taken)
            byLayer[i % layers].append(name);
    }
    TestRegistry registry;
    quint64 seed = 0x57a3a3ULL;
    for (int layer = 0; layer < layers; ++layer) {
        for (int index = 0; index < byLayer[layer].size(); ++index) {
            const QString &name = byLayer[layer][index];
            QStringList deps;
            if (layer > 0) {
                const QStringList &below = byLayer[layer - 1];
                deps.append(below[index % below.size()]);
                for (int extra = int(mix(++seed) % 3); extra > 0; --extra) {
                    const QStringList &from = byLayer[int(mix(++seed) % quint64(layer))];
                    const QString candidate = from[int(mix(++seed) % quint64(from.size()))];
                    if (!deps.contains(candidate))
                        deps.append(candidate);
                }
            }
            // Log-uniform sizes from 3 KB to about 1 MB; `-sys` crates bundle C sources.
            const double unit = double(mix(++seed) % 1000) / 1000.0;
            qint64 payload = qint64(3000.0 * std::exp(unit * 5.8));
            if (name.endsWith(QLatin1String("-sys")))
                payload = 1800000 + qint64(mix(++seed) % 1200000);
            const int minor = int(mix(++seed) % 9);
            const int patch = int(mix(++seed) % 6);
            for (int v = 0; v < 3; ++v) {
                const QString version =
                    v < 2 ? QStringLiteral("1.%1.%2").arg(minor + v).arg(v)
                          : QStringLiteral("1.%1.%2").arg(minor + 1).arg(patch + 2);
                TestCrate &crate = registry.addVersion(name, version);
                crate.withPayload(payload + v * payload / 10);
                for (const QString &dep : std::as_const(deps))
                    crate.dependsOn(dep, QStringLiteral("^1"));
            }
        }
    }
    *named = byLayer.last();
    return registry;
}

quint16 preferredPort()
{
    // The default port looks like the real thing; any free one when it is taken.
    QTcpServer probe;
    if (probe.listen(QHostAddress::LocalHost, 27428))
        return 27428;
    return freePort();
}

void recordMisses(const MirrorLayout &layout)
{
    // What cargo asked for that the mirror does not hold, over the last days.
    MissRecorder misses(layout);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const struct
    {
        const char *name;
        const char *version;
        int count;
        int hoursAgo;
    } asked[] = {
        {"quill-markdown", "", 14, 2}, {"sparrow-tls", "", 9, 5},     {"ember-gpu", "", 6, 20},
        {"heron-sqlite", "", 4, 27},   {"lumen-png", "", 3, 50},      {"tern-websocket", "", 2, 75},
        {"basalt-bench", "", 1, 100},  {"kestrel-regex", "", 1, 130},
    };
    for (const auto &miss : asked) {
        for (int i = 0; i < miss.count; ++i) {
            misses.record(QString::fromLatin1(miss.name), QString::fromLatin1(miss.version),
                          now.addSecs(-3600 * miss.hoursAgo - 600 * i));
        }
    }
    if (!misses.flush())
        fail(QStringLiteral("could not write the misses journal %1").arg(misses.journalPath()));
}

void save(QWidget *widget, const QString &dir, const QString &name)
{
    QApplication::processEvents();
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path, "PNG"))
        fail(QStringLiteral("could not write %1").arg(path));
    printf("%s\n", qPrintable(path));
    fflush(stdout);
}

template <typename Page> void waitLoaded(Page *page)
{
    QSignalSpy loaded(page, &Page::loaded);
    page->reload();
    while (page->isLoading() || loaded.isEmpty()) {
        if (!loaded.wait(30000))
            fail(QStringLiteral("a page did not load within 30 s"));
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("stowaway-screenshots"));
    QApplication::setOrganizationName(QStringLiteral("stowaway-screenshots"));
    QApplication::setWindowIcon(AppIcons::appIcon());
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Screenshots of the desktop app over a demo mirror."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out"), QStringLiteral("Folder for the PNG files."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Window size (default 1100x720)."),
                      QStringLiteral("WxH"), QStringLiteral("1100x720")});
    parser.addOption({QStringLiteral("any-port"),
                      QStringLiteral("Serve on any free port, not the default 27428 (tests).")});
    parser.addOption({QStringLiteral("language"),
                      QStringLiteral("Interface language, as the app would pick it for this "
                                     "locale (default en_US; e.g. de_DE, zh_CN)."),
                      QStringLiteral("locale"), QStringLiteral("en_US")});
    parser.process(app);
    // As the app does at start (there with QLocale::system()): English gets its plural forms.
    Translations::install(app, QLocale(parser.value(QStringLiteral("language"))));
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        fail(QStringLiteral("--out DIR is required"));
    const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
    if (size.size() != 2 || size[0].toInt() < 400 || size[1].toInt() < 300)
        fail(QStringLiteral("--size takes WIDTHxHEIGHT, e.g. 1100x720"));
    if (!QDir().mkpath(out))
        fail(QStringLiteral("cannot create %1").arg(out));

    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("no temporary folder"));
    // Nothing of the user's is read or written: settings, autostart and cargo live in `dir`.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath("settings"));

    QString error;
    QStringList named;
    const TestRegistry registry = demoRegistry(&named);
    if (!registry.writeRegistry(dir.filePath("registry"), QStringLiteral("http://127.0.0.1:1"),
                                &error))
        fail(error);
    TestUpstream upstream(dir.filePath("registry"));
    if (!upstream.start(0, &error))
        fail(error);

    const MirrorLayout layout(dir.filePath("mirror"));
    MirrorStore store(layout);
    if (!store.open(&error))
        fail(error);
    MirrorConfig config = store.config();
    config.setUpstream(upstream.indexUrl());
    config.setVersions(QStringLiteral("all"));
    config.setListen(
        QStringLiteral("127.0.0.1:%1")
            .arg(parser.isSet(QStringLiteral("any-port")) ? freePort() : preferredPort()));
    config.setJobs(4);
    if (!store.setConfig(config, &error))
        fail(error);
    QList<SelectionEntry> selection;
    for (const QString &name : std::as_const(named))
        selection.append({name, QStringLiteral("named"), QStringLiteral("*"), {}});
    if (!store.addToSelection(selection, &error))
        fail(error);
    recordMisses(layout);

    // The composition of DesktopApp::run, with a temporary CARGO_HOME and autostart folder
    // and an in-memory keychain.
    CargoToggle cargo(CargoConfigSwitch(dir.filePath(".cargo")));
    MirrorRuntime runtime(store);
    runtime.setFastRetriesForTests(true); // a stalled download is retried after 1 s
    TrayController tray(runtime, cargo);
    MainWindow window;
    window.addPage(new OverviewPage(runtime, cargo), AppIcons::appIcon(),
                   QApplication::translate("DesktopApp", "Overview"));
    AutostartOptions autostartOptions;
    autostartOptions.configRoot = dir.filePath("xdg");
    const std::unique_ptr<Autostart> autostart = Autostart::create(autostartOptions);
    MemorySecretStore keychain;
    DesktopPages pages(window, runtime, store, *autostart, keychain);
    if (!runtime.startServer())
        fail(runtime.serverError());
    const CargoConfigResult switched = cargo.setEnabled(true, runtime.serverUrl());
    Q_UNUSED(switched);
    tray.refresh();

    window.resize(size[0].toInt(), size[1].toInt());
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        fail(QStringLiteral("the window was never shown"));
    window.setCurrentPage(0);

    // Loopback is too fast to see a sync: one download of every sixth crate stalls (4 at a
    // time, each retried after a second), so the sync takes some seconds and the rate and
    // time left are known half-way.
    const QStringList crateNames = registry.crateNames();
    for (qsizetype i = 0; i < crateNames.size(); i += 6) {
        upstream.addFault(QStringLiteral("/crates/%1/*").arg(crateNames.at(i)),
                          UpstreamFault::of(UpstreamFault::Kind::Stall, 1, 0));
    }
    // The Overview about half-way: grabbed from the progress signal itself, after the page
    // has shown that progress (it was connected first).
    bool grabbedDuringSync = false;
    QObject::connect(
        &runtime, &MirrorRuntime::progressChanged, &window, [&](const SyncProgress &progress) {
            if (grabbedDuringSync || progress.phase != SyncProgress::Phase::Downloading ||
                progress.filesTotal <= 0 || progress.filesDone * 2 < progress.filesTotal ||
                progress.etaSeconds < 0)
                return;
            grabbedDuringSync = true;
            save(&window, out, QStringLiteral("overview-syncing"));
        });
    auto *storageSize = window.page(3)->findChild<QLabel *>(QStringLiteral("storageSize"));
    if (!storageSize ||
        !QTest::qWaitFor([&] { return !storageSize->text().endsWith(QChar(0x2026)); }, 30000))
        fail(QStringLiteral("the Settings page did not measure the mirror within 30 s"));
    const QString sizeBefore = storageSize->text();
    QSignalSpy finished(&runtime, &MirrorRuntime::syncFinished);
    if (!runtime.startSync())
        fail(QStringLiteral("the sync did not start"));
    if (!finished.wait(120000))
        fail(QStringLiteral("the sync did not finish within 2 minutes"));
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    if (result.outcome != SyncResult::Outcome::Ok)
        fail(QStringLiteral("the sync failed"));
    if (!grabbedDuringSync)
        fail(QStringLiteral("the sync ended before it could be grabbed half-way"));

    auto *crates = qobject_cast<CratesPage *>(window.page(1));
    auto *disk = qobject_cast<DiskUsagePage *>(window.page(2));
    auto *settings = qobject_cast<SettingsPage *>(window.page(3));
    if (!crates || !disk || !settings)
        fail(QStringLiteral("the window's pages are not the expected ones"));
    waitLoaded(crates);
    waitLoaded(disk);
    // The Settings page measures the folder again after a sync.
    if (!QTest::qWaitFor([&] { return storageSize->text() != sizeBefore; }, 30000))
        fail(QStringLiteral("the Settings page did not measure the mirror again within 30 s"));

    const QStringList names = {QStringLiteral("overview"), QStringLiteral("crates"),
                               QStringLiteral("disk-usage"), QStringLiteral("settings")};
    for (int page = 0; page < names.size(); ++page) {
        window.setCurrentPage(page);
        save(&window, out, names.at(page));
    }

    // The rest of Settings: server, LAN sharing, start at login.
    auto *scroll = settings->findChild<QScrollArea *>(QString(), Qt::FindDirectChildrenOnly);
    if (!scroll)
        fail(QStringLiteral("the Settings page has no scroll area"));
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    save(&window, out, QStringLiteral("settings-sharing"));

    QMenu *menu = tray.menu();
    menu->popup(window.mapToGlobal(QPoint(window.width() / 2, window.height() / 3)));
    if (!QTest::qWaitForWindowExposed(menu))
        fail(QStringLiteral("the tray menu was never shown"));
    save(menu, out, QStringLiteral("tray-menu"));
    menu->hide();

    window.setHideOnClose(false);
    cargo.setEnabled(false, runtime.serverUrl());
    runtime.stopServer();
    return 0;
}
