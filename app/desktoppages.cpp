// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktoppages.h"

#include "appicons.h"
#include "cratespage.h"
#include "diskusagepage.h"
#include "lantoken.h"
#include "listenaddress.h"
#include "mainwindow.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "secretstore.h"
#include "settingspage.h"
#include "syncscheduler.h"
#include "upstreamurl.h"

#include <QDateTime>
#include <QIcon>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPages, "stowaway.desktop")

namespace Stowaway {

namespace {
QIcon themed(const char *name)
{
    return QIcon::fromTheme(QLatin1StringView(name), AppIcons::appIcon());
}
} // namespace

DesktopPages::DesktopPages(MainWindow &window, MirrorRuntime &runtime, MirrorStore &store,
                           Autostart &autostart, SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_runtime(runtime)
    , m_store(store)
    , m_scheduler(std::make_unique<SyncScheduler>())
{
    m_crates = new CratesPage(store);
    m_disk = new DiskUsagePage(store);
    m_settings = new SettingsPage(store, autostart, secrets);
    m_cratesIndex = window.addPage(m_crates, themed("view-list-details"), tr("Crates"));
    window.addPage(m_disk, themed("drive-harddisk"), tr("Disk usage"));
    window.addPage(m_settings, themed("preferences-system"), tr("Settings"));
    connectRuntime();
    connectSettings();
    connectUpstreamToken(secrets);

    if (const std::optional<SyncSchedule> schedule =
            SyncSchedule::parse(store.config().schedule())) {
        m_scheduler->setSchedule(*schedule);
    }
    m_summary = store.summary();
    m_scheduler->setLastSync(m_summary.lastSync);
    m_settings->setLastSync(m_summary.lastSync);
}

DesktopPages::~DesktopPages() = default;

void DesktopPages::connectRuntime()
{
    connect(&m_runtime, &MirrorRuntime::summaryChanged, this, [this] {
        m_summary = m_store.summary();
        m_crates->reload();
        m_disk->reload();
        m_settings->setLastSync(m_summary.lastSync);
    });
    connect(&m_runtime, &MirrorRuntime::syncFinished, this, [this] {
        m_disk->clearProjection();
        // Failed or not, the next scheduled run counts from now: no retry loop.
        m_scheduler->setLastSync(QDateTime::currentDateTime());
    });
    connect(&m_runtime, &MirrorRuntime::progressChanged, this, &DesktopPages::showProjection);
    connect(m_crates, &CratesPage::popularRequested, this, [this](int n) {
        SyncOverrides overrides;
        overrides.popular = n;
        m_window.setCurrentPage(m_overviewIndex); // where the progress shows
        m_runtime.startSync(overrides);
    });
    connect(m_disk, &DiskUsagePage::estimateRequested, this, [this] {
        if (!m_runtime.planSync())
            m_disk->setEstimate(-1, 0, tr("a sync is running; its progress shows the projection"));
    });
    connect(&m_runtime, &MirrorRuntime::planReady, this, [this](const SyncResult &result) {
        if (result.outcome != SyncResult::Outcome::Ok) {
            m_disk->setEstimate(-1, 0, result.message);
            return;
        }
        const qint64 versions = result.plan.versions.size() - result.alreadyStored;
        m_disk->setEstimate(versions, DiskUsagePage::estimateSyncBytes(versions, m_summary));
    });
    connect(m_disk, &DiskUsagePage::crateActivated, this, [this](const QString &name) {
        m_crates->showCrate(name);
        m_window.setCurrentPage(m_cratesIndex);
    });
    connect(m_scheduler.get(), &SyncScheduler::due, this, [this] {
        qCInfo(lcPages) << "starting the scheduled sync";
        if (!m_runtime.isSyncing())
            m_runtime.startSync();
        else
            m_scheduler->setLastSync(QDateTime::currentDateTime());
    });
}

void DesktopPages::connectSettings()
{
    connect(m_settings, &SettingsPage::listenChanged, this, [this](const QString &text) {
        if (const std::optional<ListenAddress> listen = ListenAddress::parse(text, nullptr)) {
            m_runtime.setListenAddress(*listen);
            m_runtime.startServer();
        }
    });
    connect(m_settings, &SettingsPage::lanSharingChanged, this,
            [this](bool enabled, const QByteArray &token) {
                m_runtime.setLanToken(enabled ? LanToken(token) : LanToken());
                if (const std::optional<ListenAddress> listen =
                        ListenAddress::parse(m_store.config().listen(), nullptr)) {
                    m_runtime.setListenAddress(*listen);
                }
                m_runtime.startServer();
            });
    connect(m_settings, &SettingsPage::scheduleChanged, m_scheduler.get(),
            &SyncScheduler::setSchedule);
    connect(m_settings, &SettingsPage::storageMoveStarted, &m_runtime, &MirrorRuntime::cancel);
    // Direct: the page removes the old folder right after this returns.
    connect(
        m_settings, &SettingsPage::storageMoved, this,
        [this](const QString &newRoot) {
            m_runtime.stopServer();
            m_restartRoot = newRoot;
            Q_EMIT restartRequested();
        },
        Qt::DirectConnection);
}

void DesktopPages::showProjection()
{
    const SyncProgress progress = m_runtime.progress();
    if (progress.phase != SyncProgress::Phase::Downloading || progress.filesTotal <= 0)
        return;
    const qint64 bytes =
        progress.bytesTotal >= 0
            ? progress.bytesTotal - progress.bytesDone
            : DiskUsagePage::estimateSyncBytes(progress.filesTotal - progress.filesDone, m_summary);
    m_disk->setProjection(bytes);
}

void DesktopPages::connectUpstreamToken(SecretStore &secrets)
{
    // The private upstream's token lives only in the keychain: read it now, again when the
    // Settings page stores a new one or the upstream changes, and hand it to the runtime.
    const auto load = [this, &secrets] {
        const auto upstream = UpstreamUrl::parse(m_store.config().upstream(), nullptr);
        m_tokenKey =
            upstream ? SecretStore::upstreamTokenKey(upstream->baseUrl().host()) : QString();
        m_runtime.setUpstreamToken({});
        if (!m_tokenKey.isEmpty())
            secrets.read(m_tokenKey);
    };
    connect(&secrets, &SecretStore::readFinished, this,
            [this](const QString &key, const QString &value, SecretStore::Error error) {
                if (key == m_tokenKey)
                    m_runtime.setUpstreamToken(error == SecretStore::Error::None ? value.toUtf8()
                                                                                 : QByteArray());
            });
    connect(&secrets, &SecretStore::writeFinished, this,
            [this, &secrets](const QString &key, SecretStore::Error error) {
                if (key == m_tokenKey && error == SecretStore::Error::None)
                    secrets.read(key);
            });
    connect(&secrets, &SecretStore::removeFinished, this, [this](const QString &key) {
        if (key == m_tokenKey)
            m_runtime.setUpstreamToken({});
    });
    connect(m_settings, &SettingsPage::upstreamChanged, this, load);
    load();
}

} // namespace Stowaway
