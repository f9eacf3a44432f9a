// SPDX-License-Identifier: GPL-3.0-or-later
// The Settings page driven through its real widgets: each edit lands in mirror.toml on disk,
// invalid values are refused in place, start at login writes the real XDG entry in a
// temporary XDG_CONFIG_HOME, LAN sharing keeps its token in the SecretStore and a real
// server demands it, and the mirror moves to another folder.
#include "autostart.h"
#include "e2etools.h"
#include "httpserver.h"
#include "memorysecretstore.h"
#include "mirrorconfig.h"
#include "mirrorrouter.h"
#include "mirrorstore.h"
#include "settingspage.h"
#include "storagesection.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtConcurrent>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace Stowaway;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void editsAreSavedToMirrorToml();
    void invalidValuesAreRefusedInPlace_data();
    void invalidValuesAreRefusedInPlace();
    void scheduleIsSavedAndSignalled();
    void startAtLoginWritesAndRemovesTheEntry();
    void upstreamTokenGoesToTheKeychain();
    void lanSharingEndToEnd();
    void lanSharingTokenIsReadBackOnStart();
    void noKeychainKeepsSharingOff();
    void lanSharingOnAChosenAddress();
    void movesTheMirror();
    void lanTokenFollowsTheMovedMirror();
    void refusesANonEmptyTarget();
    void storageSizeIsMeasuredAgainAfterASync();

private:
    SettingsPage *makePage();
    template <typename T> T *field(const char *name)
    {
        T *widget = m_page->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no widget named %s", name);
        return widget;
    }
    MirrorConfig onDisk() const;

    QTemporaryDir m_xdg;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MirrorStore> m_store;
    std::unique_ptr<Autostart> m_autostart;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<SettingsPage> m_page;
};

void TestSettingsPage::initTestCase()
{
    QVERIFY(m_xdg.isValid());
    qputenv("XDG_CONFIG_HOME", m_xdg.filePath(QStringLiteral("config")).toUtf8());
}

void TestSettingsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MirrorStore>(MirrorLayout(m_dir->filePath(QStringLiteral("m"))));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    AutostartOptions options; // the real per-user entry, in the temporary XDG_CONFIG_HOME
    options.systemConfigDirs = QStringList();
    options.flatpakInfoFile = m_dir->filePath(QStringLiteral("no-flatpak-info"));
    m_autostart = Autostart::create(options);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_page.reset(makePage());
}

void TestSettingsPage::cleanup()
{
    m_page.reset();
    m_secrets.reset();
    m_store.reset();
}

SettingsPage *TestSettingsPage::makePage()
{
    auto *page = new SettingsPage(*m_store, *m_autostart, *m_secrets);
    page->setLanAddresses({QHostAddress(QStringLiteral("192.168.1.20"))});
    page->resize(800, 1200);
    page->show();
    return page;
}

MirrorConfig TestSettingsPage::onDisk() const
{
    MirrorConfig config;
    QString error;
    if (!config.parse(readFile(m_store->layout().configFile()), QStringLiteral("mirror.toml"),
                      &error))
        qFatal("mirror.toml does not parse: %s", qPrintable(error));
    return config;
}

void TestSettingsPage::editsAreSavedToMirrorToml()
{
    QSignalSpy upstream(m_page.get(), &SettingsPage::upstreamChanged);
    QSignalSpy listen(m_page.get(), &SettingsPage::listenChanged);
    QCOMPARE(field<QLineEdit>("upstream")->text(),
             QStringLiteral("sparse+https://index.crates.io/"));

    typeInto(field<QLineEdit>("upstream"),
             QStringLiteral("sparse+https://private.example.org/ix/"));
    QCOMPARE(onDisk().upstream(), QStringLiteral("sparse+https://private.example.org/ix/"));
    QCOMPARE(upstream.size(), 1);
    typeInto(field<QLineEdit>("contact"), QStringLiteral("ops@example.org"));
    QCOMPARE(onDisk().contact(), QStringLiteral("ops@example.org"));
    const QString ca = QStringLiteral(STOWAWAY_TEST_DATA "/tls/ca.pem");
    typeInto(field<QLineEdit>("cainfo"), ca);
    QCOMPARE(onDisk().cainfo(), ca);
    QCOMPARE(upstream.size(), 3); // the contact and the CA file change how it is reached
    QVERIFY(field<QLineEdit>("proxy")->placeholderText().contains(QLatin1String("https_proxy")));
    typeInto(field<QLineEdit>("proxy"), QStringLiteral("http://proxy.example:3128"));
    QCOMPARE(onDisk().proxy(), QStringLiteral("http://proxy.example:3128"));
    QCOMPARE(upstream.size(), 4); // so does the proxy
    typeInto(field<QLineEdit>("proxy"), QStringLiteral("none"));
    QCOMPARE(onDisk().proxy(), QStringLiteral("none"));

    field<QComboBox>("versionsKind")->setCurrentIndex(2);
    QCOMPARE(onDisk().versions(), QStringLiteral("all"));
    field<QComboBox>("versionsKind")->setCurrentIndex(0);
    QCOMPARE(onDisk().versions(), QStringLiteral("newest"));
    field<QComboBox>("versionsKind")->setCurrentIndex(1);
    QVERIFY(field<QSpinBox>("versionsLines")->isVisible());
    field<QSpinBox>("versionsLines")->setValue(5);
    QCOMPARE(onDisk().versions(), QStringLiteral("lines:5"));

    field<QSpinBox>("jobs")->setValue(4);
    QCOMPARE(onDisk().jobs(), 4);

    // Platforms: filter, check the one left, then a second one.
    auto *list = field<QListWidget>("platforms");
    QVERIFY(list->count() >= 100);
    typeInto(field<QLineEdit>("platformFilter"), QStringLiteral("aarch64-apple-darwin"));
    QList<QListWidgetItem *> visible;
    for (int row = 0; row < list->count(); ++row) {
        if (!list->item(row)->isHidden())
            visible.append(list->item(row));
    }
    QCOMPARE(visible.size(), 1);
    visible.first()->setCheckState(Qt::Checked);
    QCOMPARE(onDisk().platforms(), QStringList{QStringLiteral("aarch64-apple-darwin")});
    list->findItems(QStringLiteral("x86_64-unknown-linux-gnu"), Qt::MatchExactly)
        .first()
        ->setCheckState(Qt::Checked);
    QCOMPARE(onDisk().platforms().size(), 2);
    visible.first()->setCheckState(Qt::Unchecked);
    QCOMPARE(onDisk().platforms(), QStringList{QStringLiteral("x86_64-unknown-linux-gnu")});
    QVERIFY(field<QLabel>("platformsSummary")->text().contains(QLatin1Char('1')));

    typeInto(field<QLineEdit>("listen"), QStringLiteral("127.0.0.1:28000"));
    QCOMPARE(onDisk().listen(), QStringLiteral("127.0.0.1:28000"));
    QCOMPARE(listen.size(), 1);
    QCOMPARE(listen.first().at(0).toString(), QStringLiteral("127.0.0.1:28000"));
    QVERIFY(!field<QLabel>("listenMessage")->isVisible());

    // A new page over the same file shows what was saved.
    m_page.reset(makePage());
    QCOMPARE(field<QSpinBox>("jobs")->value(), 4);
    QCOMPARE(field<QSpinBox>("versionsLines")->value(), 5);
    QCOMPARE(field<QLineEdit>("listen")->text(), QStringLiteral("127.0.0.1:28000"));
    QCOMPARE(field<QLineEdit>("proxy")->text(), QStringLiteral("none"));
}

void TestSettingsPage::invalidValuesAreRefusedInPlace_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("listen without port") << "listen"
                                         << "127.0.0.1"
                                         << "server.listen must be";
    QTest::newRow("listen bad host") << "listen"
                                     << "my host:80"
                                     << "server.listen must be";
    QTest::newRow("listen on the LAN without sharing") << "listen"
                                                       << "0.0.0.0:27428"
                                                       << "turn on LAN sharing";
    // crates.io's git index is a valid upstream (sync reads git indexes); a plain https
    // URL that is neither sparse nor git is not.
    QTest::newRow("upstream neither sparse nor git") << "upstream"
                                                     << "https://mirror.example.org/index/"
                                                     << "upstream must be a sparse index URL";
    QTest::newRow("upstream without slash") << "upstream"
                                            << "sparse+https://index.crates.io"
                                            << "upstream must be";
    QTest::newRow("CA file that is a key") << "cainfo" << STOWAWAY_TEST_DATA "/tls/server.key"
                                           << "holds no certificate";
    QTest::newRow("CA file that is not there") << "cainfo"
                                               << "/nonexistent/ca.pem"
                                               << "cannot read the CA certificates";
    QTest::newRow("expired CA") << "cainfo" << STOWAWAY_TEST_DATA "/tls/expired-ca.pem"
                                << "expired on";
    QTest::newRow("proxy over TLS") << "proxy"
                                    << "https://proxy.example:3128"
                                    << "give the proxy's http:// address";
    QTest::newRow("proxy that is no URL") << "proxy"
                                          << "http://my proxy:3128"
                                          << "proxy: the proxy setting is http://my proxy:3128";
}

void TestSettingsPage::invalidValuesAreRefusedInPlace()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const QByteArray before = readFile(m_store->layout().configFile());
    QSignalSpy listen(m_page.get(), &SettingsPage::listenChanged);
    typeInto(field<QLineEdit>(qPrintable(fieldName)), value);
    auto *label = field<QLabel>(qPrintable(fieldName + QStringLiteral("Message")));
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(message), qPrintable(label->text()));
    QCOMPARE(readFile(m_store->layout().configFile()), before);
    QVERIFY(listen.isEmpty());
    // Fixing the value clears the message.
    const QHash<QString, QString> fixes{
        {QStringLiteral("listen"), QStringLiteral("127.0.0.1:27500")},
        {QStringLiteral("cainfo"), QStringLiteral(STOWAWAY_TEST_DATA "/tls/ca.pem")},
        {QStringLiteral("proxy"), QStringLiteral("http://proxy.example:3128")}};
    const QString fixed = fixes.value(fieldName, QStringLiteral("sparse+https://a.b/"));
    typeInto(field<QLineEdit>(qPrintable(fieldName)), fixed);
    QVERIFY(!label->isVisible());
}

void TestSettingsPage::scheduleIsSavedAndSignalled()
{
    QSignalSpy changed(m_page.get(), &SettingsPage::scheduleChanged);
    QCOMPARE(field<QComboBox>("scheduleKind")->currentIndex(), 0);
    QVERIFY(!field<QTimeEdit>("scheduleTime")->isVisible());
    field<QComboBox>("scheduleKind")->setCurrentIndex(1);
    QVERIFY(field<QTimeEdit>("scheduleTime")->isVisible());
    field<QTimeEdit>("scheduleTime")->setTime(QTime(4, 15));
    QCOMPARE(onDisk().schedule(), QStringLiteral("daily:04:15"));
    QCOMPARE(changed.last().at(0).value<SyncSchedule>(), SyncSchedule::daily(QTime(4, 15)));
    QVERIFY(field<QLabel>("scheduleNext")->text().contains(QLatin1String("04:15")) ||
            field<QLabel>("scheduleNext")->text().contains(QLatin1String("4:15")));
    field<QComboBox>("scheduleKind")->setCurrentIndex(2);
    field<QSpinBox>("scheduleHours")->setValue(12);
    QCOMPARE(onDisk().schedule(), QStringLiteral("every:12h"));
    QCOMPARE(changed.last().at(0).value<SyncSchedule>(), SyncSchedule::every(12));
    field<QComboBox>("scheduleKind")->setCurrentIndex(0);
    QCOMPARE(onDisk().schedule(), QStringLiteral("off"));
}

void TestSettingsPage::startAtLoginWritesAndRemovesTheEntry()
{
    const QString entry = m_xdg.filePath(QStringLiteral("config/autostart/stowaway.desktop"));
    auto *box = field<QCheckBox>("startAtLogin");
    QVERIFY(!box->isChecked());
    QVERIFY(!QFile::exists(entry));
    QVERIFY(field<QLabel>("startAtLoginNote")->text().contains(QLatin1String("autostart")));
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(5, box->height() / 2));
    QVERIFY(box->isChecked());
    QVERIFY(QFile::exists(entry));
    QVERIFY(readFile(entry).contains("Exec="));
    QVERIFY(m_autostart->isEnabled());
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(5, box->height() / 2));
    QVERIFY(!box->isChecked());
    QVERIFY(!QFile::exists(entry));
}

void TestSettingsPage::upstreamTokenGoesToTheKeychain()
{
    typeInto(field<QLineEdit>("upstream"), QStringLiteral("sparse+https://crates.corp.example/"));
    QTest::keyClicks(field<QLineEdit>("upstreamToken"), QStringLiteral("secret-upstream-token"));
    field<QPushButton>("saveUpstreamToken")->click();
    QTRY_COMPARE(m_secrets->secrets().value(QStringLiteral("upstream-token/crates.corp.example")),
                 QStringLiteral("secret-upstream-token"));
    QTRY_VERIFY(field<QLabel>("upstreamTokenStatus")->text().contains(QLatin1String("Saved")));
    QVERIFY(field<QLineEdit>("upstreamToken")->text().isEmpty());
    QVERIFY(!readFile(m_store->layout().configFile()).contains("secret-upstream-token"));
}

void TestSettingsPage::lanSharingEndToEnd()
{
    QSignalSpy sharing(m_page.get(), &SettingsPage::lanSharingChanged);
    QSignalSpy listen(m_page.get(), &SettingsPage::listenChanged);
    auto *box = field<QCheckBox>("lanSharing");
    QVERIFY(!box->isChecked());
    QVERIFY(!field<QPlainTextEdit>("teammateConfig")->isVisible());
    box->click();
    QVERIFY(sharing.wait(5000));
    QCOMPARE(sharing.first().at(0).toBool(), true);
    const QByteArray token = sharing.first().at(1).toByteArray();
    QVERIFY(token.startsWith("stw_"));
    QCOMPARE(m_secrets->secrets().size(), 1);
    QCOMPARE(m_secrets->secrets().begin().value().toLatin1(), token);
    QVERIFY(!readFile(m_store->layout().configFile()).contains(token));
    QCOMPARE(onDisk().listen(), QStringLiteral("0.0.0.0:27428"));
    QCOMPARE(listen.last().at(0).toString(), QStringLiteral("0.0.0.0:27428"));
    QCOMPARE(field<QLineEdit>("listen")->text(), QStringLiteral("0.0.0.0:27428"));

    const QString config = field<QPlainTextEdit>("teammateConfig")->toPlainText();
    QVERIFY(field<QPlainTextEdit>("teammateConfig")->isVisible());
    QVERIFY2(config.contains(QLatin1String("index = \"sparse+http://192.168.1.20:27428/index/\"")),
             qPrintable(config));
    QVERIFY(config.contains(QLatin1String("replace-with = \"stowaway-lan\"")));
    QVERIFY(config.contains(QLatin1String("global-credential-providers = [\"cargo:token\"]")));
    QVERIFY(config.contains(QString::fromLatin1(token)));
    field<QPushButton>("copyToken")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(token));
    field<QPushButton>("copyConfig")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), config);

    // The runtime's side: a real server with the page's token.
    QTemporaryDir served;
    MirrorRouter router(MirrorLayout(served.path()), [] { return MirrorSummary{}; }, nullptr, {});
    router.setToken(LanToken(token));
    ServerOptions options;
    options.workerThreads = 1;
    HttpServer server(router, options);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QCOMPARE(Testing::httpStatusOffThread(server.serverPort(), "/index/config.json", {}), 401);
    QCOMPARE(Testing::httpStatusOffThread(server.serverPort(), "/index/config.json", token), 200);

    // Regenerate: a new token replaces the old one everywhere.
    field<QPushButton>("regenerateToken")->click();
    QVERIFY(sharing.wait(5000));
    const QByteArray second = sharing.last().at(1).toByteArray();
    QVERIFY(second != token);
    QCOMPARE(m_secrets->secrets().begin().value().toLatin1(), second);
    QVERIFY(field<QPlainTextEdit>("teammateConfig")
                ->toPlainText()
                .contains(QString::fromLatin1(second)));

    // Off: loopback again, and the token leaves the keychain.
    box->click();
    QCOMPARE(sharing.last().at(0).toBool(), false);
    QVERIFY(sharing.last().at(1).toByteArray().isEmpty());
    QCOMPARE(onDisk().listen(), QStringLiteral("127.0.0.1:27428"));
    QTRY_VERIFY(m_secrets->secrets().isEmpty());
    QVERIFY(!field<QPlainTextEdit>("teammateConfig")->isVisible());
}

void TestSettingsPage::lanSharingTokenIsReadBackOnStart()
{
    QSignalSpy sharing(m_page.get(), &SettingsPage::lanSharingChanged);
    field<QCheckBox>("lanSharing")->click();
    QVERIFY(sharing.wait(5000));
    const QByteArray token = sharing.first().at(1).toByteArray();
    m_page.reset(makePage()); // the app starts again
    QVERIFY(field<QCheckBox>("lanSharing")->isChecked());
    QTRY_COMPARE(m_page->lanToken(), token);
    QVERIFY(field<QPlainTextEdit>("teammateConfig")
                ->toPlainText()
                .contains(QString::fromLatin1(token)));
}

void TestSettingsPage::noKeychainKeepsSharingOff()
{
    m_page.reset();
    m_secrets->setAvailability(SecretStore::Availability::NoKeychain,
                               QStringLiteral("No keychain is running: install gnome-keyring."));
    m_page.reset(makePage());
    auto *state = field<QLabel>("noKeychain");
    QVERIFY(state->isVisible());
    QVERIFY2(state->text().contains(QLatin1String("No keychain")), qPrintable(state->text()));
    QVERIFY(state->text().contains(QLatin1String("gnome-keyring")));
    const QByteArray before = readFile(m_store->layout().configFile());
    QSignalSpy sharing(m_page.get(), &SettingsPage::lanSharingChanged);
    field<QCheckBox>("lanSharing")->click();
    QTest::qWait(100);
    QVERIFY(!field<QCheckBox>("lanSharing")->isChecked());
    QVERIFY(sharing.isEmpty());
    QCOMPARE(readFile(m_store->layout().configFile()), before);
    QVERIFY(m_secrets->secrets().isEmpty());
}

void TestSettingsPage::lanSharingOnAChosenAddress()
{
    m_page->setLanAddresses(
        {QHostAddress(QStringLiteral("192.168.1.20")), QHostAddress(QStringLiteral("10.0.0.7"))});
    QSignalSpy sharing(m_page.get(), &SettingsPage::lanSharingChanged);
    QSignalSpy listen(m_page.get(), &SettingsPage::listenChanged);
    field<QCheckBox>("lanSharing")->click();
    QVERIFY(sharing.wait(5000));
    auto *config = field<QPlainTextEdit>("teammateConfig");
    // All interfaces, several addresses: the user picks the one teammates use.
    auto *host = field<QComboBox>("lanHost");
    QVERIFY(host->isVisible());
    QVERIFY(config->toPlainText().contains(QLatin1String("http://192.168.1.20:27428/index/")));
    host->setFocus();
    QTest::keyClick(host, Qt::Key_Down);
    QCOMPARE(host->currentText(), QStringLiteral("10.0.0.7"));
    QVERIFY2(config->toPlainText().contains(QLatin1String("http://10.0.0.7:27428/index/")),
             qPrintable(config->toPlainText()));
    QCOMPARE(onDisk().listen(), QStringLiteral("0.0.0.0:27428"));
    // Listening on one address only: that address is the one teammates use.
    auto *interfaces = field<QComboBox>("lanInterface");
    interfaces->setFocus();
    QTest::keyClick(interfaces, Qt::Key_Down);
    QCOMPARE(interfaces->currentText(), QStringLiteral("192.168.1.20"));
    QCOMPARE(onDisk().listen(), QStringLiteral("192.168.1.20:27428"));
    QCOMPARE(listen.last().at(0).toString(), QStringLiteral("192.168.1.20:27428"));
    QVERIFY(!host->isVisible());
    QVERIFY(config->toPlainText().contains(QLatin1String("http://192.168.1.20:27428/index/")));
    // Off goes back to loopback from there too.
    field<QCheckBox>("lanSharing")->click();
    QCOMPARE(onDisk().listen(), QStringLiteral("127.0.0.1:27428"));
}

void TestSettingsPage::movesTheMirror()
{
    field<QSpinBox>("jobs")->setValue(7);
    const QString oldRoot = m_store->layout().root();
    const QString target = m_dir->filePath(QStringLiteral("bigger-disk/mirror"));
    std::unique_ptr<MirrorStore> moved;
    QSignalSpy started(m_page.get(), &SettingsPage::storageMoveStarted);
    connect(m_page.get(), &SettingsPage::storageMoved, this, [&](const QString &newRoot) {
        moved = std::make_unique<MirrorStore>(MirrorLayout(newRoot));
        QString error;
        QVERIFY2(moved->open(&error), qPrintable(error));
        m_page->setStore(*moved);
    });
    QSignalSpy done(m_page.get(), &SettingsPage::storageMoved);
    m_page->findChild<StorageSection *>()->moveTo(target);
    QCOMPARE(started.size(), 1);
    QVERIFY(!field<QSpinBox>("jobs")->isEnabled()); // no edits while the files are copied
    QVERIFY(done.wait(30000));
    QVERIFY(field<QSpinBox>("jobs")->isEnabled());
    QCOMPARE(done.first().at(0).toString(), target);
    QVERIFY(moved);
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(oldRoot), 10000);
    QVERIFY(field<QLabel>("storagePath")->text().contains(QLatin1String("bigger-disk")));
    // The page now edits the moved mirror's settings.
    QCOMPARE(field<QSpinBox>("jobs")->value(), 7);
    field<QSpinBox>("jobs")->setValue(9);
    MirrorConfig config;
    QString error;
    QVERIFY(config.parse(readFile(target + QStringLiteral("/mirror.toml")), {}, &error));
    QCOMPARE(config.jobs(), 9);
    m_page.reset();
    m_store = std::move(moved);
}

void TestSettingsPage::lanTokenFollowsTheMovedMirror()
{
    QSignalSpy sharing(m_page.get(), &SettingsPage::lanSharingChanged);
    field<QCheckBox>("lanSharing")->click();
    QVERIFY(sharing.wait(5000));
    const QByteArray token = sharing.first().at(1).toByteArray();
    const QString oldKey = m_secrets->secrets().keys().value(0);
    std::unique_ptr<MirrorStore> moved;
    connect(m_page.get(), &SettingsPage::storageMoved, this, [&](const QString &newRoot) {
        moved = std::make_unique<MirrorStore>(MirrorLayout(newRoot));
        QString error;
        QVERIFY2(moved->open(&error), qPrintable(error));
        m_page->setStore(*moved);
    });
    QSignalSpy done(m_page.get(), &SettingsPage::storageMoved);
    m_page->findChild<StorageSection *>()->moveTo(m_dir->filePath(QStringLiteral("moved")));
    QVERIFY(done.wait(30000));
    // The same token, now under the moved mirror's key; the old entry is gone.
    QTRY_COMPARE(m_secrets->secrets().size(), 1);
    QTRY_VERIFY(m_secrets->secrets().keys().value(0) != oldKey);
    QCOMPARE(m_secrets->secrets().begin().value().toLatin1(), token);
    QCOMPARE(m_page->lanToken(), token);
    QVERIFY(field<QCheckBox>("lanSharing")->isChecked());
    m_page.reset();
    m_store = std::move(moved);
}

void TestSettingsPage::refusesANonEmptyTarget()
{
    const QString target = m_dir->filePath(QStringLiteral("full"));
    QVERIFY(QDir().mkpath(target));
    QFile other(target + QStringLiteral("/photos.txt"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    QSignalSpy started(m_page.get(), &SettingsPage::storageMoveStarted);
    m_page->findChild<StorageSection *>()->moveTo(target);
    auto *message = field<QLabel>("storageMessage");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("not empty")), qPrintable(message->text()));
    QVERIFY(started.isEmpty());
    QVERIFY(QFileInfo::exists(m_store->layout().configFile()));
}

void TestSettingsPage::storageSizeIsMeasuredAgainAfterASync()
{
    auto *size = field<QLabel>("storageSize");
    QTRY_VERIFY(!size->text().endsWith(QChar(0x2026))); // "Measuring…" until measured
    const QString before = size->text();
    // What a sync does to the folder: 3 MB more.
    const QString crate = m_store->layout().root() + QStringLiteral("/crates/big/big-1.0.0.crate");
    QVERIFY(QDir().mkpath(QFileInfo(crate).path()));
    QFile file(crate);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(QByteArray(3000000, 'x')), qint64(3000000));
    file.close();
    m_page->setLastSync(QDateTime::currentDateTime()); // the app calls this when a sync ends
    QTRY_VERIFY(size->text() != before);
    QVERIFY2(size->text().contains(QLatin1String(" MB")), qPrintable(size->text()));
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
