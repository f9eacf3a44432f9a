// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratesfiltermodel.h"
#include "cratesmodel.h"
#include "syntheticcraterows.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Stowaway;

Q_DECLARE_METATYPE(CratesFilterModel::Show)
Q_DECLARE_METATYPE(std::optional<CrateRow::Reason>)

namespace {

CrateRow row(const QString &name, CrateRow::Reason reason, int held, qint64 bytes, int rank,
             bool missed = false)
{
    CrateRow r;
    r.name = name;
    r.reason = reason;
    r.selected = reason != CrateRow::Reason::None;
    r.versionsHeld = held;
    r.versionsKnown = held + 2;
    r.bytes = bytes;
    r.rank = rank;
    r.missed = missed;
    return r;
}

QList<CrateRow> smallSet()
{
    using R = CrateRow::Reason;
    return {row(QStringLiteral("serde"), R::Popular, 5, 500, 2),
            row(QStringLiteral("serde_json"), R::Named, 3, 3000, 5),
            row(QStringLiteral("serde-derive"), R::Dependency, 2, 200, 0),
            row(QStringLiteral("Tokio"), R::Lockfile, 9, 9000, 1),
            row(QStringLiteral("abc10"), R::None, 0, 0, 0),
            row(QStringLiteral("abc2"), R::None, 0, 0, 0, true),
            row(QStringLiteral("rand"), R::Popular, 1, 100, 3)};
}

/// Source names of the proxy's rows, in proxy order.
QStringList proxyNames(const CratesFilterModel &proxy)
{
    QStringList result;
    for (int r = 0; r < proxy.rowCount(); ++r)
        result.append(proxy.index(r, CratesModel::NameColumn).data().toString());
    return result;
}

} // namespace

class TestCratesFilterModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesModelTester();
    void filters_data();
    void filters();
    void sorting_data();
    void sorting();
    void naturalCompare_data();
    void naturalCompare();
    void followsSourceUpdates();
    void checkThroughProxy();
    void largeTableMatchesBruteForce();
};

void TestCratesFilterModel::passesModelTester()
{
    CratesModel model;
    CratesFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(CratesModel::NameColumn);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.resetRows(syntheticCrateRows(400));
    for (const char *text : {"s", "se", "ser", "se", "", "a_b", "a-b"})
        proxy.setFilterText(QString::fromLatin1(text));
    proxy.setShow(CratesFilterModel::Show::Selected);
    proxy.sort(CratesModel::SizeColumn, Qt::DescendingOrder);
    proxy.setReasonFilter(CrateRow::Reason::Dependency);
    QList<CrateRow> changed;
    for (int i = 0; i < 400; i += 7) {
        CrateRow r = model.rowAt(i);
        r.selected = !r.selected;
        r.reason = r.selected ? CrateRow::Reason::Dependency : CrateRow::Reason::None;
        changed.append(r);
    }
    model.updateRows(changed);
    model.appendRows(syntheticCrateRows(30, 9));
    proxy.setReasonFilter(std::nullopt);
    proxy.setShow(CratesFilterModel::Show::All);
    proxy.setFilterText({});
    model.resetRows(syntheticCrateRows(100, 5));
    QCOMPARE(proxy.rowCount(), 100);
}

void TestCratesFilterModel::filters_data()
{
    using R = CrateRow::Reason;
    using S = CratesFilterModel::Show;
    QTest::addColumn<QString>("text");
    QTest::addColumn<S>("show");
    QTest::addColumn<std::optional<R>>("reason");
    QTest::addColumn<QStringList>("expected"); // sorted by name

    const std::optional<R> any;
    QTest::newRow("everything") << QString() << S::All << any
                                << QStringList{"abc2",         "abc10",      "rand", "serde",
                                               "serde-derive", "serde_json", "Tokio"};
    QTest::newRow("substring") << "erde" << S::All << any
                               << QStringList{"serde", "serde-derive", "serde_json"};
    QTest::newRow("case-insensitive") << "TOK" << S::All << any << QStringList{"Tokio"};
    QTest::newRow("dash matches underscore")
        << "serde-j" << S::All << any << QStringList{"serde_json"};
    QTest::newRow("underscore matches dash")
        << "e_d" << S::All << any << QStringList{"serde-derive"};
    QTest::newRow("spaces trimmed") << " rand " << S::All << any << QStringList{"rand"};
    QTest::newRow("no match") << "zzz" << S::All << any << QStringList{};
    QTest::newRow("selected") << QString() << S::Selected << any
                              << QStringList{"rand", "serde", "serde-derive", "serde_json",
                                             "Tokio"};
    QTest::newRow("not selected") << QString() << S::NotSelected << any
                                  << QStringList{"abc2", "abc10"};
    QTest::newRow("missed") << QString() << S::Missed << any << QStringList{"abc2"};
    QTest::newRow("popular") << QString() << S::All << std::optional<R>(R::Popular)
                             << QStringList{"rand", "serde"};
    QTest::newRow("text and reason")
        << "ser" << S::Selected << std::optional<R>(R::Popular) << QStringList{"serde"};
    QTest::newRow("text and not selected")
        << "abc" << S::NotSelected << any << QStringList{"abc2", "abc10"};
}

void TestCratesFilterModel::filters()
{
    QFETCH(QString, text);
    QFETCH(CratesFilterModel::Show, show);
    QFETCH(std::optional<CrateRow::Reason>, reason);
    QFETCH(QStringList, expected);
    CratesModel model;
    model.resetRows(smallSet());
    CratesFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(CratesModel::NameColumn);
    QCOMPARE(proxy.rowCount(), 7);
    // Type the text one character at a time, as a user would.
    for (qsizetype n = 1; n <= text.size(); ++n)
        proxy.setFilterText(text.left(n));
    proxy.setShow(show);
    proxy.setReasonFilter(reason);
    QCOMPARE(proxyNames(proxy), expected);
    // Clearing every filter brings everything back.
    proxy.setFilterText({});
    proxy.setShow(CratesFilterModel::Show::All);
    proxy.setReasonFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), 7);
}

void TestCratesFilterModel::sorting_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("name natural") << int(CratesModel::NameColumn) << Qt::AscendingOrder
                                  << QStringList{"abc2",         "abc10",      "rand", "serde",
                                                 "serde-derive", "serde_json", "Tokio"};
    QTest::newRow("name descending")
        << int(CratesModel::NameColumn) << Qt::DescendingOrder
        << QStringList{"Tokio", "serde_json", "serde-derive", "serde", "rand", "abc10", "abc2"};
    QTest::newRow("size raw bytes")
        << int(CratesModel::SizeColumn) << Qt::DescendingOrder
        << QStringList{"Tokio", "serde_json", "serde", "serde-derive", "rand", "abc10", "abc2"};
    QTest::newRow("rank, unranked last")
        << int(CratesModel::RankColumn) << Qt::AscendingOrder
        << QStringList{"Tokio", "serde", "rand", "serde_json", "abc2", "abc10", "serde-derive"};
    QTest::newRow("rank descending, unranked still last")
        << int(CratesModel::RankColumn) << Qt::DescendingOrder
        << QStringList{"serde_json", "rand", "serde", "Tokio", "abc2", "abc10", "serde-derive"};
    QTest::newRow("versions") << int(CratesModel::VersionsColumn) << Qt::AscendingOrder
                              << QStringList{"abc2",       "abc10", "rand", "serde-derive",
                                             "serde_json", "serde", "Tokio"};
    QTest::newRow("selected") << int(CratesModel::SelectedColumn) << Qt::AscendingOrder
                              << QStringList{"abc2",         "abc10",      "rand", "serde",
                                             "serde-derive", "serde_json", "Tokio"};
    QTest::newRow("why") << int(CratesModel::WhyColumn) << Qt::AscendingOrder
                         << QStringList{"abc2",       "abc10", "rand",        "serde",
                                        "serde_json", "Tokio", "serde-derive"};
}

void TestCratesFilterModel::sorting()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    CratesModel model;
    model.resetRows(smallSet());
    CratesFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(column, order);
    QCOMPARE(proxyNames(proxy), expected);
}

void TestCratesFilterModel::naturalCompare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");
    QTest::newRow("equal") << "serde"
                           << "serde" << 0;
    QTest::newRow("prefix") << "serde"
                            << "serde_json" << -1;
    QTest::newRow("numbers by value") << "abc2"
                                      << "abc10" << -1;
    QTest::newRow("leading zeros") << "v007"
                                   << "v7" << 0;
    QTest::newRow("number then text") << "h2o"
                                      << "h10" << -1;
    QTest::newRow("letters") << "b"
                             << "a" << 1;
    QTest::newRow("digit before letter") << "a1"
                                         << "ab" << -1;
}

void TestCratesFilterModel::naturalCompare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QCOMPARE(CratesFilterModel::naturalCompare(a, b), expected);
    QCOMPARE(CratesFilterModel::naturalCompare(b, a), -expected);
}

void TestCratesFilterModel::followsSourceUpdates()
{
    CratesModel model;
    model.resetRows(smallSet());
    CratesFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(CratesModel::NameColumn);
    proxy.setShow(CratesFilterModel::Show::Selected);
    proxy.setFilterText(QStringLiteral("a"));
    QCOMPARE(proxyNames(proxy), QStringList({"rand"}));
    // abc10 gets selected: it appears; the next narrowing keystroke must still see it.
    CrateRow abc = model.rowAt(model.rowOf(u"abc10"));
    abc.selected = true;
    abc.reason = CrateRow::Reason::Named;
    model.updateRows({abc});
    QCOMPARE(proxyNames(proxy), QStringList({"abc10", "rand"}));
    proxy.setFilterText(QStringLiteral("ab"));
    QCOMPARE(proxyNames(proxy), QStringList({"abc10"}));
    model.appendRows({row(QStringLiteral("abacus"), CrateRow::Reason::Named, 1, 1, 0)});
    proxy.setFilterText(QStringLiteral("aba"));
    QCOMPARE(proxyNames(proxy), QStringList({"abacus"}));
}

void TestCratesFilterModel::checkThroughProxy()
{
    CratesModel model;
    model.resetRows(smallSet());
    CratesFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(CratesModel::NameColumn);
    proxy.setShow(CratesFilterModel::Show::NotSelected);
    QCOMPARE(proxyNames(proxy), QStringList({"abc2", "abc10"}));
    QSignalSpy requested(&model, &CratesModel::selectionChangeRequested);
    const QModelIndex check = proxy.index(1, CratesModel::SelectedColumn);
    QVERIFY(proxy.flags(check) & Qt::ItemIsUserCheckable);
    QCOMPARE(check.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    proxy.setData(check, Qt::Checked, Qt::CheckStateRole);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("abc10"));
    QCOMPARE(requested.at(0).at(1).toBool(), true);
    // The app applies it: the row leaves the "not selected" view.
    CrateRow applied = model.rowAt(model.rowOf(u"abc10"));
    applied.selected = true;
    applied.reason = CrateRow::Reason::Named;
    model.updateRows({applied});
    QCOMPARE(proxyNames(proxy), QStringList({"abc2"}));
}

void TestCratesFilterModel::largeTableMatchesBruteForce()
{
    constexpr int rowCount = 250000;
    CratesModel model;
    model.resetRows(syntheticCrateRows(rowCount));
    QCOMPARE(model.rowCount(), rowCount);
    CratesFilterModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(22);
    view.setSortingEnabled(true);
    view.setModel(&proxy);
    view.sortByColumn(CratesModel::NameColumn, Qt::AscendingOrder);
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(proxy.rowCount(), rowCount);

    const auto check = [&](const QString &text, CratesFilterModel::Show show) {
        proxy.setFilterText(text);
        proxy.setShow(show);
        QCoreApplication::processEvents();
        QString needle = text.toLower();
        needle.replace(QLatin1Char('-'), QLatin1Char('_'));
        QSet<int> expected;
        for (int r = 0; r < rowCount; ++r) {
            const CrateRow &c = model.rowAt(r);
            const bool shown = show == CratesFilterModel::Show::All ||
                               (show == CratesFilterModel::Show::Selected && c.selected);
            if (shown && c.canonicalName.contains(needle))
                expected.insert(r);
        }
        QSet<int> actual;
        QString previous;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const QModelIndex index = proxy.index(r, CratesModel::NameColumn);
            actual.insert(proxy.mapToSource(index).row());
            const QString canonical = index.data(CratesModel::CanonicalNameRole).toString();
            if (r > 0 && CratesFilterModel::naturalCompare(previous, canonical) > 0)
                return QStringLiteral("%1: row %2 out of order").arg(text).arg(r);
            previous = canonical;
        }
        if (actual != expected)
            return QStringLiteral("%1: %2 rows, brute force %3")
                .arg(text)
                .arg(actual.size())
                .arg(expected.size());
        return QString();
    };
    const auto all = CratesFilterModel::Show::All;
    for (const char *text : {"s", "se", "ser", "serd", "serde", "ser", "serde-j", "serde_j", "",
                             "t", "to", "tok", "toki", "tokio"}) {
        const QString failure = check(QString::fromLatin1(text), all);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
    const QString failure = check(QStringLiteral("se"), CratesFilterModel::Show::Selected);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(proxy.rowCount() > 0);
    QVERIFY(proxy.rowCount() < rowCount);
}

QTEST_MAIN(TestCratesFilterModel)
#include "tst_cratesfiltermodel.moc"
