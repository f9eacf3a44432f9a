// SPDX-License-Identifier: GPL-3.0-or-later
// stowaway-screenshots (the tool behind docs/screenshots/) still runs: offscreen, into a
// temporary folder, every picture written at the asked size with real content in it.
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void picture_data();
    void picture();

private:
    QTemporaryDir m_dir;
};

void TestScreenshots::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(QStringLiteral(STOWAWAY_SCREENSHOTS_BIN),
               {QStringLiteral("--out"), m_dir.path(), QStringLiteral("--size"),
                QStringLiteral("900x600"), QStringLiteral("--any-port")});
    QVERIFY(tool.waitForStarted(10000));
    QVERIFY2(tool.waitForFinished(80000), "the tool took longer than 80 s");
    const QByteArray output = tool.readAll();
    QVERIFY2(tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0, output.constData());
}

void TestScreenshots::picture_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QSize>("size"); // an empty size: anything from 80x80 to the window's
    const QSize window(900, 600);
    QTest::newRow("overview") << QStringLiteral("overview") << window;
    QTest::newRow("overview during a sync") << QStringLiteral("overview-syncing") << window;
    QTest::newRow("crates") << QStringLiteral("crates") << window;
    QTest::newRow("disk usage") << QStringLiteral("disk-usage") << window;
    QTest::newRow("settings") << QStringLiteral("settings") << window;
    QTest::newRow("settings, scrolled down") << QStringLiteral("settings-sharing") << window;
    QTest::newRow("tray menu") << QStringLiteral("tray-menu") << QSize();
}

void TestScreenshots::picture()
{
    QFETCH(QString, name);
    QFETCH(QSize, size);
    const QImage image(m_dir.filePath(name + QStringLiteral(".png")));
    QVERIFY2(!image.isNull(), qPrintable(name));
    if (size.isValid()) {
        QCOMPARE(image.size(), size);
    } else {
        QVERIFY2(image.width() >= 80 && image.height() >= 80 && image.width() <= 900 &&
                     image.height() <= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
    }
    // Not blank: text and widgets give many colours (anti-aliasing alone gives dozens).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() >= 8, qPrintable(QString::number(colours.size())));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
