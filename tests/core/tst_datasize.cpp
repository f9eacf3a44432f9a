// SPDX-License-Identifier: GPL-3.0-or-later
#include "datasize.h"

#include <QTest>

using namespace Stowaway;

class TestDataSize : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void format_data();
    void format();
};

void TestDataSize::format_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("bytes") << english << qint64(512) << "512 bytes";
    QTest::newRow("kilobytes are 1000 bytes") << english << qint64(1500) << "1.5 kB";
    QTest::newRow("the tray's example") << english << qint64(3100000000) << "3.1 GB";
    // 3 GiB is 3.2 GB: the same number du --si and GNOME Files show.
    QTest::newRow("no GiB") << english << qint64(3) * 1024 * 1024 * 1024 << "3.2 GB";
    QTest::newRow("German digits")
        << QLocale(QLocale::German, QLocale::Germany) << qint64(3100000000) << "3,1 GB";
}

void TestDataSize::format()
{
    QFETCH(QLocale, locale);
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(DataSize::format(bytes, locale), text);
    // Without a locale: the default one, whatever it is.
    QCOMPARE(DataSize::format(bytes),
             QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat));
}

QTEST_GUILESS_MAIN(TestDataSize)
#include "tst_datasize.moc"
