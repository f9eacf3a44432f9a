// SPDX-License-Identifier: GPL-3.0-or-later
#include "datasize.h"
#include "diskusagepage.h"
#include "mirrorstore.h"
#include "treemaplayout.h"
#include "usagebarwidget.h"

#include "testregistry.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <algorithm>

using namespace Stowaway;
using Stowaway::Testing::TestRegistry;

class TestDiskUsagePage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rendersBarAndTreemap();
    void treemapHoldsTheLargestCrates();
    void projectionWarnsWhenItDoesNotFit();
    void realVolumeByDefault();
    void treemapItems_data();
    void treemapItems();
    void estimateSyncBytes_data();
    void estimateSyncBytes();

private:
    std::unique_ptr<DiskUsagePage> openPage(std::optional<VolumeSpace> volume);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MirrorStore> m_store;
};

namespace {
constexpr qint64 GB = 1000LL * 1000 * 1000; // sizes are shown in SI units (DataSize)

/// Distinct colours in an image, up to `enough`.
int colours(const QImage &image, int enough)
{
    QList<QRgb> seen;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QRgb pixel = image.pixel(x, y);
            if (!seen.contains(pixel)) {
                seen.append(pixel);
                if (seen.size() >= enough)
                    return int(seen.size());
            }
        }
    }
    return int(seen.size());
}

CrateListEntry entry(const QString &name, qint64 bytes)
{
    CrateListEntry e;
    e.name = name;
    e.canonicalName = name;
    e.storedBytes = bytes;
    e.versionsStored = bytes > 0 ? 1 : 0;
    return e;
}
} // namespace

void TestDiskUsagePage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString error;
    // 60 crates in layers: more than the treemap shows, so there is an "others" bucket.
    // The pages only read, so every test shares this mirror.
    QVERIFY2(TestRegistry::layered(60, 2).fillMirror(m_dir->path(), &error), qPrintable(error));
    m_store = std::make_unique<MirrorStore>(MirrorLayout(m_dir->path()));
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TestDiskUsagePage::cleanupTestCase()
{
    m_store.reset();
    m_dir.reset();
}

std::unique_ptr<DiskUsagePage> TestDiskUsagePage::openPage(std::optional<VolumeSpace> volume)
{
    auto page = std::make_unique<DiskUsagePage>(*m_store);
    if (volume)
        page->setVolumeOverride(volume);
    page->resize(800, 600);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()) ||
        !QTest::qWaitFor([&] { return !page->isLoading(); }, 10000))
        return nullptr;
    return page;
}

void TestDiskUsagePage::rendersBarAndTreemap()
{
    const auto page = openPage(VolumeSpace{100 * GB, 40 * GB});
    QVERIFY(page);
    QCOMPARE(page->mirrorBytes(), m_store->summary().bytes);
    QVERIFY(page->mirrorBytes() > 0);
    UsageBarWidget *bar = page->usageBar();
    QCOMPARE(bar->total(), 100 * GB);
    QCOMPARE(bar->available(), 40 * GB);
    QCOMPARE(bar->mirror(), page->mirrorBytes());
    QCOMPARE(bar->otherUsed(), 60 * GB - page->mirrorBytes());
    QVERIFY2(bar->legendText().contains(QLatin1String("free 40.0 GB of 100.0 GB")),
             qPrintable(bar->legendText()));
    const QImage image = page->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY2(colours(image, 12) >= 12, "the page looks blank"); // treemap colours, bar, text
    const QImage treemap = page->treemap()->grab().toImage();
    QVERIFY(colours(treemap, 10) >= 10);
    QVERIFY(page->warning().isEmpty());
}

void TestDiskUsagePage::treemapHoldsTheLargestCrates()
{
    const auto page = openPage(VolumeSpace{100 * GB, 40 * GB});
    QVERIFY(page);
    QList<CrateListEntry> crates = m_store->crateList();
    QVERIFY(crates.size() > DiskUsagePage::largestShown);
    std::stable_sort(crates.begin(), crates.end(), [](const auto &a, const auto &b) {
        return a.storedBytes != b.storedBytes ? a.storedBytes > b.storedBytes
                                              : a.canonicalName < b.canonicalName;
    });
    TreemapWidget *treemap = page->treemap();
    const QList<TreemapWidget::Item> &items = treemap->items();
    QCOMPARE(items.size(), DiskUsagePage::largestShown + 1);
    qint64 rest = 0;
    for (qsizetype i = DiskUsagePage::largestShown; i < crates.size(); ++i)
        rest += crates.at(i).storedBytes;
    for (int i = 0; i < DiskUsagePage::largestShown; ++i) {
        QCOMPARE(items.at(i).label, crates.at(i).name);
        QCOMPARE(items.at(i).value, crates.at(i).storedBytes);
        QVERIFY(!treemap->itemRects().at(i).isEmpty());
        QVERIFY(treemap->rect().contains(treemap->itemRects().at(i).toAlignedRect().center()));
    }
    QVERIFY(items.last().muted);
    QCOMPARE(items.last().value, rest);
    QVERIFY(
        items.last().label.contains(QString::number(crates.size() - DiskUsagePage::largestShown)));

    // Hovering the largest rectangle shows its name and size.
    const QPoint centre = treemap->itemRects().at(0).toAlignedRect().center();
    QCOMPARE(treemap->itemAt(centre), 0);
    QHelpEvent help(QEvent::ToolTip, centre, treemap->mapToGlobal(centre));
    QApplication::sendEvent(treemap, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().startsWith(crates.at(0).name + QStringLiteral(": ")),
             qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(DataSize::format(crates.at(0).storedBytes)));

    // A click on a crate names it; a click on "others" does not.
    QSignalSpy activated(page.get(), &DiskUsagePage::crateActivated);
    QTest::mouseClick(treemap, Qt::LeftButton, {}, centre);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), crates.at(0).name);
    QTest::mouseClick(treemap, Qt::LeftButton, {},
                      treemap->itemRects().last().toAlignedRect().center());
    QCOMPARE(activated.size(), 1);
}

void TestDiskUsagePage::projectionWarnsWhenItDoesNotFit()
{
    const auto page = openPage(VolumeSpace{100 * GB, 2 * GB});
    QVERIFY(page);
    page->setProjection(1 * GB);
    QVERIFY(!page->projectionExceedsFreeSpace());
    QVERIFY(page->warning().isEmpty());
    QCOMPARE(page->usageBar()->projection(), 1 * GB);
    QVERIFY(page->usageBar()->legendText().contains(QLatin1String("the sync adds about 1.0 GB")));
    const QImage fits = page->usageBar()->grab().toImage();

    page->setProjection(3 * GB);
    QVERIFY(page->projectionExceedsFreeSpace());
    const QString warning = page->warning();
    QVERIFY2(warning.contains(QLatin1String("about 3.0 GB")) &&
                 warning.contains(QLatin1String("only 2.0 GB is free")),
             qPrintable(warning));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("warning"))->isVisible());
    QVERIFY(page->usageBar()->grab().toImage() != fits); // the overflow is drawn

    page->clearProjection();
    QVERIFY(page->warning().isEmpty());
    QCOMPARE(page->usageBar()->projection(), 0);
}

void TestDiskUsagePage::realVolumeByDefault()
{
    const auto page = openPage(std::nullopt);
    QVERIFY(page);
    const QStorageInfo storage(m_dir->path());
    QCOMPARE(page->volume().total, storage.bytesTotal());
    QVERIFY(page->volume().available > 0);
    // More than the volume has free: the warning appears.
    page->setProjection(storage.bytesTotal() + 1);
    QVERIFY(!page->warning().isEmpty());
}

void TestDiskUsagePage::treemapItems_data()
{
    QTest::addColumn<QList<qint64>>("sizes");
    QTest::addColumn<int>("largest");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<qint64>("othersValue"); // -1: no others bucket
    QTest::newRow("fewer than shown")
        << QList<qint64>{5, 9, 0, 7} << 3 << QStringList{"c1", "c3", "c0"} << qint64(-1);
    QTest::newRow("others bucket")
        << QList<qint64>{5, 9, 1, 7, 2} << 2 << QStringList{"c1", "c3"} << qint64(8);
    QTest::newRow("nothing stored") << QList<qint64>{0, 0} << 3 << QStringList{} << qint64(-1);
}

void TestDiskUsagePage::treemapItems()
{
    QFETCH(QList<qint64>, sizes);
    QFETCH(int, largest);
    QFETCH(QStringList, labels);
    QFETCH(qint64, othersValue);
    QList<CrateListEntry> crates;
    for (qsizetype i = 0; i < sizes.size(); ++i)
        crates.append(entry(QStringLiteral("c%1").arg(i), sizes.at(i)));
    const QList<TreemapWidget::Item> items = DiskUsagePage::treemapItems(crates, largest);
    QCOMPARE(items.size(), labels.size() + (othersValue >= 0 ? 1 : 0));
    for (qsizetype i = 0; i < labels.size(); ++i) {
        QCOMPARE(items.at(i).label, labels.at(i));
        QVERIFY(!items.at(i).muted);
    }
    if (othersValue >= 0) {
        QVERIFY(items.last().muted);
        QCOMPARE(items.last().value, othersValue);
    }
}

void TestDiskUsagePage::estimateSyncBytes_data()
{
    QTest::addColumn<qint64>("versionsToFetch");
    QTest::addColumn<qint64>("storedVersions");
    QTest::addColumn<qint64>("storedBytes");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("mean of the mirror") << qint64(10) << qint64(4) << qint64(4000) << qint64(10000);
    QTest::newRow("empty mirror: the typical size")
        << qint64(3) << qint64(0) << qint64(0) << 3 * DiskUsagePage::typicalCrateBytes;
    QTest::newRow("nothing to fetch") << qint64(0) << qint64(4) << qint64(4000) << qint64(0);
}

void TestDiskUsagePage::estimateSyncBytes()
{
    QFETCH(qint64, versionsToFetch);
    QFETCH(qint64, storedVersions);
    QFETCH(qint64, storedBytes);
    QFETCH(qint64, expected);
    MirrorSummary summary;
    summary.versions = storedVersions;
    summary.bytes = storedBytes;
    QCOMPARE(DiskUsagePage::estimateSyncBytes(versionsToFetch, summary), expected);
}

QTEST_MAIN(TestDiskUsagePage)
#include "tst_diskusagepage.moc"
