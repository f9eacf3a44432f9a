// SPDX-License-Identifier: GPL-3.0-or-later
#include "rateestimator.h"

#include <QTest>

using namespace Stowaway;

class TestRateEstimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void steadyRate_data();
    void steadyRate();
    void followsAChangeWithinTheWindow();
    void noEtaWithoutHistory();
};

void TestRateEstimator::steadyRate_data()
{
    QTest::addColumn<qint64>("bytesPerSecond");
    QTest::newRow("1 MB/s") << qint64(1000000);
    QTest::newRow("slow") << qint64(300);
    QTest::newRow("fast") << qint64(2000000000);
}

void TestRateEstimator::steadyRate()
{
    QFETCH(qint64, bytesPerSecond);
    RateEstimator estimator;
    for (qint64 ms = 0; ms <= 10000; ms += 250)
        estimator.sample(ms, bytesPerSecond * ms / 1000);
    QCOMPARE(qint64(estimator.bytesPerSecond() + 0.5), bytesPerSecond);
    QCOMPARE(estimator.etaSeconds(bytesPerSecond * 30), qint64(30));
}

void TestRateEstimator::followsAChangeWithinTheWindow()
{
    RateEstimator estimator(5000);
    qint64 total = 0;
    for (qint64 ms = 0; ms <= 10000; ms += 100) {
        estimator.sample(ms, total);
        total += 100000; // 1 MB/s
    }
    for (qint64 ms = 10100; ms <= 20000; ms += 100) {
        estimator.sample(ms, total);
        total += 10000; // then 100 kB/s
    }
    QVERIFY(qAbs(estimator.bytesPerSecond() - 100000.0) < 1000.0);
}

void TestRateEstimator::noEtaWithoutHistory()
{
    RateEstimator estimator(5000, 2000);
    QCOMPARE(estimator.bytesPerSecond(), 0.0);
    QCOMPARE(estimator.etaSeconds(100), qint64(-1));
    estimator.sample(0, 0);
    estimator.sample(1000, 1000);
    QCOMPARE(estimator.etaSeconds(100), qint64(-1)); // only 1 s of history
    estimator.sample(2000, 2000);
    QCOMPARE(estimator.etaSeconds(1000), qint64(1));
    estimator.sample(3000, 2000);
    estimator.sample(9000, 2000); // stalled for longer than the window
    QCOMPARE(estimator.etaSeconds(1000), qint64(-1));
}

QTEST_GUILESS_MAIN(TestRateEstimator)
#include "tst_rateestimator.moc"
