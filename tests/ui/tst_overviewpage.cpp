// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargotoggle.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "mirrorsummarywidget.h"
#include "overviewpage.h"
#include "translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Stowaway;

class TestOverviewPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rateText_data();
    void rateText();
    void serverAddressStateAndCopy();
    void externalSyncShowsProgressAndErrors();
    void refusedCargoChangeSaysWhy();
    void showsTranslation_data();
    void showsTranslation();

private:
    template <typename T> T *child(const char *name) const
    {
        return m_page->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MirrorStore> m_store;
    std::unique_ptr<CargoToggle> m_cargo;
    std::unique_ptr<MirrorRuntime> m_runtime;
    std::unique_ptr<OverviewPage> m_page;
};

void TestOverviewPage::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MirrorStore>(MirrorLayout(m_dir->filePath(QStringLiteral("m"))));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    m_cargo =
        std::make_unique<CargoToggle>(CargoConfigSwitch(m_dir->filePath(QStringLiteral("cargo"))));
    m_runtime = std::make_unique<MirrorRuntime>(*m_store);
    ListenAddress any;
    any.port = 0;
    m_runtime->setListenAddress(any);
    m_page = std::make_unique<OverviewPage>(*m_runtime, *m_cargo);
}

void TestOverviewPage::cleanup()
{
    const auto translators = qApp->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    m_page.reset();
    m_runtime.reset();
    m_cargo.reset();
    m_store.reset();
    m_dir.reset();
}

void TestOverviewPage::rateText_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<qint64>("eta");
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown") << 0.0 << qint64(-1) << "";
    QTest::newRow("rate only") << 1500000.0 << qint64(-1) << "1.5 MB/s";
    QTest::newRow("seconds") << 2000.0 << qint64(1) << "2.0 kB/s · 1 second(s) left";
    QTest::newRow("minutes round up") << 1e6 << qint64(61) << "1.0 MB/s · 2 minute(s) left";
    QTest::newRow("hours") << 1e6 << qint64(7200) << "1.0 MB/s · 2 hour(s) left";
}

void TestOverviewPage::rateText()
{
    QFETCH(double, rate);
    QFETCH(qint64, eta);
    QFETCH(QString, text);
    SyncProgress progress;
    progress.bytesPerSecond = rate;
    progress.etaSeconds = eta;
    QCOMPARE(OverviewPage::rateText(progress), text);
}

void TestOverviewPage::serverAddressStateAndCopy()
{
    auto *address = child<QLabel>("serverAddress");
    auto *state = child<QLabel>("serverState");
    auto *button = child<QPushButton>("serverButton");
    QCOMPARE(state->text(), QStringLiteral("stopped"));
    QCOMPARE(button->text(), QStringLiteral("Start"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(m_runtime->isServerRunning());
    QCOMPARE(state->text(), QStringLiteral("running"));
    QCOMPARE(button->text(), QStringLiteral("Stop"));
    QCOMPARE(address->text(), m_runtime->serverUrl());
    QVERIFY(!address->text().endsWith(QLatin1String(":0")));
    QTest::mouseClick(child<QPushButton>("copyAddress"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_runtime->serverUrl());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!m_runtime->isServerRunning());
    QCOMPARE(state->text(), QStringLiteral("stopped"));
}

void TestOverviewPage::externalSyncShowsProgressAndErrors()
{
    auto *sync = child<QPushButton>("syncButton");
    auto *bar = child<QProgressBar>("progressBar");
    QVERIFY(sync->isEnabled());
    QVERIFY(child<QListWidget>("errorList")->isHidden()); // nothing to show yet
    SyncProgress progress;
    progress.phase = SyncProgress::Phase::Downloading;
    progress.filesDone = 30;
    progress.filesTotal = 120;
    progress.bytesPerSecond = 1500000;
    progress.currentItem = QStringLiteral("serde 1.0.195");
    m_runtime->showExternalProgress(progress);
    QVERIFY(!sync->isEnabled());
    QCOMPARE(sync->text(), QStringLiteral("Syncing from the command line…"));
    QCOMPARE(bar->maximum(), 120);
    QCOMPARE(bar->value(), 30);
    QCOMPARE(bar->format(), QStringLiteral("30 of 120 files"));
    QCOMPARE(child<QLabel>("rateLabel")->text(), QStringLiteral("1.5 MB/s"));
    QCOMPARE(child<QLabel>("currentLabel")->text(), QStringLiteral("serde 1.0.195"));

    SyncResult result;
    result.outcome = SyncResult::Outcome::Failed;
    result.message = QStringLiteral("2 versions could not be stored");
    result.failures = {{"serde", "1.0.195", "checksum mismatch"},
                       {"rand", "0.8.5", "HTTP 404 from the upstream"}};
    m_runtime->showExternalFinished(result);
    QVERIFY(sync->isEnabled());
    QCOMPARE(sync->text(), QStringLiteral("Sync now"));
    auto *errors = child<QListWidget>("errorList");
    QVERIFY(!errors->isHidden());
    QVERIFY(child<QLabel>("currentLabel")->text().isEmpty());
    QCOMPARE(errors->count(), 3);
    QCOMPARE(errors->item(0)->text(), result.message);
    QCOMPARE(errors->item(2)->text(), QStringLiteral("rand 0.8.5: HTTP 404 from the upstream"));
}

void TestOverviewPage::refusedCargoChangeSaysWhy()
{
    // cargo already goes to another mirror: the switch is off and the preview says why.
    QDir().mkpath(m_cargo->cargoSwitch().cargoHome());
    QFile file(m_cargo->cargoSwitch().configFile());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[source.crates-io]\nreplace-with = \"vendored\"\n");
    file.close();
    m_runtime->startServer(); // refreshes the cargo part
    auto *toggle = child<QCheckBox>("cargoSwitch");
    QVERIFY(!toggle->isChecked());
    QVERIFY(!toggle->isEnabled());
    const QString preview = child<QPlainTextEdit>("cargoPreview")->toPlainText();
    QVERIFY2(preview.contains(QLatin1String("replace-with = \"vendored\"")), qPrintable(preview));
}

void TestOverviewPage::showsTranslation_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("sizeLabel");
    QTest::addColumn<QString>("oneMinute");
    QTest::addColumn<QString>("fiveMinutes");
    QTest::addColumn<QString>("syncButton");
    QTest::addColumn<QString>("serverBox");
    QTest::newRow("de") << QLocale(QStringLiteral("de_DE"))
                        << QStringLiteral("Größe auf dem Datenträger:")
                        << QStringLiteral("vor 1 Minute") << QStringLiteral("vor 5 Minuten")
                        << QStringLiteral("Jetzt synchronisieren") << QStringLiteral("Server");
    QTest::newRow("zh_CN") << QLocale(QStringLiteral("zh_CN")) << QStringLiteral("磁盘占用：")
                           << QStringLiteral("1 分钟前") << QStringLiteral("5 分钟前")
                           << QStringLiteral("立即同步") << QStringLiteral("服务器");
    QTest::newRow("en") << QLocale(QStringLiteral("en_US")) << QStringLiteral("Size on disk:")
                        << QStringLiteral("1 minute ago") << QStringLiteral("5 minutes ago")
                        << QStringLiteral("Sync now") << QStringLiteral("Server");
}

void TestOverviewPage::showsTranslation()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, sizeLabel);
    QFETCH(QString, oneMinute);
    QFETCH(QString, fiveMinutes);
    QFETCH(QString, syncButton);
    QFETCH(QString, serverBox);
    Translations::install(*qApp, locale);

    MirrorSummaryWidget summary;
    QStringList labels;
    for (const QLabel *label : summary.findChildren<QLabel *>())
        labels.append(label->text());
    QVERIFY2(labels.contains(sizeLabel), qPrintable(labels.join(u'|')));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(MirrorSummaryWidget::ageText(now.addSecs(-60), now), oneMinute);
    QCOMPARE(MirrorSummaryWidget::ageText(now.addSecs(-300), now), fiveMinutes);

    // Built after the translator is installed, as the app does.
    OverviewPage page(*m_runtime, *m_cargo);
    const auto *button = page.findChild<QPushButton *>(QStringLiteral("syncButton"));
    QVERIFY(button);
    QCOMPARE(button->text(), syncButton);
    QStringList boxes;
    for (const QGroupBox *box : page.findChildren<QGroupBox *>())
        boxes.append(box->title());
    QVERIFY2(boxes.contains(serverBox), qPrintable(boxes.join(u'|')));
}

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
