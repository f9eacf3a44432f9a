// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratesmodel.h"
#include "mirrorstore.h"
#include "syntheticcraterows.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QSignalSpy>
#include <QtConcurrent/QtConcurrentRun>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {

CrateRow makeRow(const QString &name, bool selected = false, int held = 0, qint64 bytes = 0)
{
    CrateRow row;
    row.name = name;
    row.selected = selected;
    row.reason = selected ? CrateRow::Reason::Named : CrateRow::Reason::None;
    row.versionsHeld = held;
    row.versionsKnown = held + 1;
    row.bytes = bytes;
    return row;
}

QStringList names(const CratesModel &model)
{
    QStringList result;
    for (const CrateRow &row : model.rows())
        result.append(row.name);
    return result;
}

QByteArray crateBytes(const QString &name, const QString &version)
{
    return (name + QLatin1Char('@') + version).toUtf8().repeated(64);
}

QByteArray indexLine(const QString &name, const QString &version)
{
    const QByteArray sum =
        QCryptographicHash::hash(crateBytes(name, version), QCryptographicHash::Sha256).toHex();
    return "{\"name\":\"" + name.toUtf8() + "\",\"vers\":\"" + version.toUtf8() +
           "\",\"deps\":[],\"cksum\":\"" + sum + "\",\"features\":{},\"yanked\":false}\n";
}

/// Empty when the rows are in the model's sort order and the search buffers match them.
QString consistency(const CratesModel &model)
{
    const QByteArray &text = model.searchText();
    const std::vector<int> &offsets = model.searchOffsets();
    if (offsets.size() != size_t(model.rowCount()) + 1 || offsets.back() != text.size())
        return QStringLiteral("search offsets do not cover the rows");
    for (int r = 0; r < model.rowCount(); ++r) {
        const CrateRow &row = model.rowAt(r);
        if (model.rowOf(row.canonicalName) != r)
            return QStringLiteral("row %1 not indexed").arg(r);
        const QByteArray name =
            text.mid(offsets[size_t(r)], offsets[size_t(r) + 1] - offsets[size_t(r)] - 1);
        if (name != row.canonicalName.toLatin1())
            return QStringLiteral("row %1 search text %2").arg(r).arg(QString::fromLatin1(name));
        const bool selected = model.searchFlags()[size_t(r)] & CratesModel::SelectedFlag;
        if (selected != row.selected)
            return QStringLiteral("row %1 flags").arg(r);
        if (r > 0 && model.sortColumn() >= 0) {
            const CrateRow &previous = model.rowAt(r - 1);
            const bool wrong = model.sortOrder() == Qt::AscendingOrder
                                   ? CratesModel::lessThan(row, previous, model.sortColumn())
                                   : CratesModel::lessThan(previous, row, model.sortColumn());
            if (wrong)
                return QStringLiteral("row %1 out of order").arg(r);
        }
    }
    return {};
}

} // namespace

class TestCratesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesModelTester();
    void columnsAndRoles();
    void updateRowsCoalesces();
    void appendRowsMergesDuplicates();
    void checkStateRequestsChange();
    void rowsFromStore();
    void sortKeepsOrderAndIndexes();
    void preparedOnAWorker();
};

void TestCratesModel::passesModelTester()
{
    CratesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.resetRows(syntheticCrateRows(500));
    QCOMPARE(model.rowCount(), 500);
    QList<CrateRow> changed;
    for (int i = 0; i < 500; i += 3) {
        CrateRow row = model.rowAt(i);
        row.selected = !row.selected;
        changed.append(row);
    }
    model.updateRows(changed);
    model.appendRows(syntheticCrateRows(50, 7));
    model.updateRows({makeRow(QStringLiteral("brand-new"))});
    model.resetRows({});
    QCOMPARE(model.rowCount(), 0);
    model.appendRows(syntheticCrateRows(20, 3));
    QCOMPARE(model.rowCount(), 20);
}

void TestCratesModel::columnsAndRoles()
{
    CratesModel model;
    CrateRow row = makeRow(QStringLiteral("Serde-Json"), true, 3, 3 * 1024 * 1024);
    row.reason = CrateRow::Reason::Popular;
    row.rank = 12;
    row.reasonDetail = QStringLiteral("rank 12");
    model.resetRows({row, makeRow(QStringLiteral("libc"))});
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.rowOf(u"serde_json"), 0);
    QCOMPARE(model.rowOf(u"SERDE-JSON"), 0);
    QCOMPARE(model.rowOf(u"tokio"), -1);
    QCOMPARE(model.rowAt(0).canonicalName, QStringLiteral("serde_json"));

    const auto cell = [&](int r, int c, int role = Qt::DisplayRole) {
        return model.data(model.index(r, c), role);
    };
    QCOMPARE(cell(0, CratesModel::NameColumn).toString(), QStringLiteral("Serde-Json"));
    QCOMPARE(cell(0, CratesModel::NameColumn, CratesModel::UnderlyingRole).toString(),
             QStringLiteral("serde_json"));
    QCOMPARE(cell(0, CratesModel::SelectedColumn, Qt::CheckStateRole).value<Qt::CheckState>(),
             Qt::Checked);
    QCOMPARE(cell(1, CratesModel::SelectedColumn, Qt::CheckStateRole).value<Qt::CheckState>(),
             Qt::Unchecked);
    QVERIFY(model.flags(model.index(0, CratesModel::SelectedColumn)) & Qt::ItemIsUserCheckable);
    QVERIFY(!(model.flags(model.index(0, CratesModel::NameColumn)) & Qt::ItemIsUserCheckable));
    QCOMPARE(cell(0, CratesModel::WhyColumn).toString(), QStringLiteral("popular (rank 12)"));
    QCOMPARE(cell(0, CratesModel::WhyColumn, Qt::ToolTipRole).toString(),
             QStringLiteral("rank 12"));
    QCOMPARE(cell(0, CratesModel::VersionsColumn).toString(),
             QStringLiteral("%1 of %2").arg(QLocale().toString(3), QLocale().toString(4)));
    QCOMPARE(cell(0, CratesModel::VersionsColumn, CratesModel::UnderlyingRole).toInt(), 3);
    QCOMPARE(cell(0, CratesModel::SizeColumn).toString(),
             QStringLiteral("3.1 MB")); // SI, as everywhere in the window
    QCOMPARE(cell(0, CratesModel::SizeColumn, CratesModel::UnderlyingRole).toLongLong(),
             qint64(3 * 1024 * 1024));
    QCOMPARE(cell(1, CratesModel::SizeColumn).toString(), QString());
    QCOMPARE(cell(0, CratesModel::RankColumn, CratesModel::UnderlyingRole).toInt(), 12);
    QCOMPARE(cell(1, CratesModel::RankColumn).toString(), QString());
    QCOMPARE(cell(0, 0, CratesModel::ReasonRole).toInt(), int(CrateRow::Reason::Popular));
    QCOMPARE(model.headerData(CratesModel::SizeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Size"));
}

void TestCratesModel::updateRowsCoalesces()
{
    CratesModel model;
    model.resetRows(syntheticCrateRows(1000));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // Rows 10-12 and 40: two blocks, in any input order.
    QList<CrateRow> update;
    for (int at : {40, 11, 10, 12}) {
        CrateRow row = model.rowAt(at);
        row.bytes += 1;
        update.append(row);
    }
    model.updateRows(update);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 10);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 12);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), CratesModel::RankColumn);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 40);
    QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 40);
    QCOMPARE(model.rowAt(11).bytes, update.at(1).bytes);

    // Unchanged rows signal nothing.
    changed.clear();
    model.updateRows(update);
    QCOMPARE(changed.size(), 0);

    // Many scattered blocks: one signal spanning them.
    update.clear();
    for (int at = 5; at < 1000; at += 4) {
        CrateRow row = model.rowAt(at);
        row.selected = !row.selected;
        update.append(row);
    }
    QVERIFY(update.size() > CratesModel::maxChangedRanges);
    model.updateRows(update);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 5);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 997);

    // Unknown names are appended in one insert.
    changed.clear();
    model.updateRows(
        {makeRow(QStringLiteral("zz-new-one")), makeRow(QStringLiteral("zz-new-two"))});
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 1002);
    QCOMPARE(model.rowOf(u"zz_new_two"), 1001);
}

void TestCratesModel::appendRowsMergesDuplicates()
{
    CratesModel model;
    model.resetRows({makeRow(QStringLiteral("serde")), makeRow(QStringLiteral("libc")),
                     makeRow(QStringLiteral("LIBC"))});
    QCOMPARE(names(model), QStringList({"serde", "libc"}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.appendRows({makeRow(QStringLiteral("tokio")), makeRow(QStringLiteral("serde"), true),
                      makeRow(QStringLiteral("rand")), makeRow(QStringLiteral("Tokio"))});
    QCOMPARE(names(model), QStringList({"serde", "libc", "tokio", "rand"}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(changed.size(), 1);
    QVERIFY(model.rowAt(0).selected);
}

void TestCratesModel::checkStateRequestsChange()
{
    CratesModel model;
    model.resetRows({makeRow(QStringLiteral("serde"), true), makeRow(QStringLiteral("rand_core"))});
    QSignalSpy requested(&model, &CratesModel::selectionChangeRequested);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex randCheck = model.index(1, CratesModel::SelectedColumn);
    QVERIFY(!model.setData(randCheck, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("rand_core"));
    QCOMPARE(requested.at(0).at(1).toBool(), true);
    // The app decides; until it does, the row is unchanged.
    QCOMPARE(model.data(randCheck, Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QCOMPARE(changed.size(), 0);

    QVERIFY(!model.setData(model.index(0, CratesModel::SelectedColumn), Qt::Unchecked,
                           Qt::CheckStateRole));
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(0).toString(), QStringLiteral("serde"));
    QCOMPARE(requested.at(1).at(1).toBool(), false);
    // Asking for the state it already has, or another column or role: nothing.
    QVERIFY(!model.setData(randCheck, Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(
        !model.setData(model.index(1, CratesModel::NameColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!model.setData(randCheck, QStringLiteral("x"), Qt::EditRole));
    QCOMPARE(requested.size(), 2);

    // The app applies it; the view sees the new state.
    CrateRow applied = model.rowAt(1);
    applied.selected = true;
    applied.reason = CrateRow::Reason::Named;
    model.updateRows({applied});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(randCheck, Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
}

void TestCratesModel::rowsFromStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MirrorStore store{MirrorLayout(dir.path())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QString serde = QStringLiteral("serde");
    QVERIFY2(store.putUpstreamIndex(serde,
                                    indexLine(serde, QStringLiteral("1.0.0")) +
                                        indexLine(serde, QStringLiteral("1.0.1")),
                                    {}, {}, &error),
             qPrintable(error));
    QVERIFY2(store.putCrate(serde, QStringLiteral("1.0.1"),
                            crateBytes(serde, QStringLiteral("1.0.1")), &error),
             qPrintable(error));
    QVERIFY2(store.putUpstreamIndex(QStringLiteral("rand-core"),
                                    indexLine(QStringLiteral("rand-core"), QStringLiteral("0.6.0")),
                                    {}, {}, &error),
             qPrintable(error));
    QVERIFY(
        store.addToSelection(serde, QStringLiteral("popular"), QStringLiteral("rank 3"), &error));
    QVERIFY(store.addToSelection(QStringLiteral("tokio"), QStringLiteral("dependency"),
                                 QStringLiteral("needed by axum 0.7.0"), &error));

    const QList<CrateRow> rows =
        CratesModel::rowsFromStore(store, {QStringLiteral("rand_core"), QStringLiteral("Foo-Bar")});
    CratesModel model;
    model.resetRows(rows);
    QCOMPARE(model.rowCount(), 4);

    const CrateRow &s = model.rowAt(model.rowOf(serde));
    QVERIFY(s.selected);
    QCOMPARE(s.reason, CrateRow::Reason::Popular);
    QCOMPARE(s.rank, 3);
    QCOMPARE(s.versionsKnown, 2);
    QCOMPARE(s.versionsHeld, 1);
    QCOMPARE(s.bytes, qint64(crateBytes(serde, QStringLiteral("1.0.1")).size()));
    QVERIFY(!s.missed);

    const CrateRow &r = model.rowAt(model.rowOf(u"rand_core"));
    QCOMPARE(r.name, QStringLiteral("rand-core"));
    QVERIFY(!r.selected);
    QVERIFY(r.missed);
    QCOMPARE(r.versionsKnown, 1);

    const CrateRow &t = model.rowAt(model.rowOf(u"tokio"));
    QVERIFY(t.selected);
    QCOMPARE(t.reason, CrateRow::Reason::Dependency);
    QCOMPARE(CratesModel::reasonText(t), QStringLiteral("needed by axum 0.7.0"));

    const CrateRow &f = model.rowAt(model.rowOf(u"foo_bar"));
    QCOMPARE(f.name, QStringLiteral("Foo-Bar"));
    QVERIFY(f.missed);
    QVERIFY(!f.selected);
    QCOMPARE(CratesModel::reasonText(f), QStringLiteral("cargo asked for it, not mirrored"));
}

void TestCratesModel::sortKeepsOrderAndIndexes()
{
    CratesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.resetRows(syntheticCrateRows(300));
    QVERIFY2(consistency(model).isEmpty(), qPrintable(consistency(model)));
    const QString tracked = model.rowAt(17).canonicalName;
    const QPersistentModelIndex persistent = model.index(17, CratesModel::SizeColumn);

    model.sort(CratesModel::SizeColumn, Qt::DescendingOrder);
    QVERIFY2(consistency(model).isEmpty(), qPrintable(consistency(model)));
    QCOMPARE(persistent.row(), model.rowOf(tracked));
    QCOMPARE(persistent.column(), int(CratesModel::SizeColumn));

    model.sort(CratesModel::NameColumn, Qt::AscendingOrder);
    QVERIFY2(consistency(model).isEmpty(), qPrintable(consistency(model)));
    QCOMPARE(persistent.row(), model.rowOf(tracked));

    // Appends and updates keep the order.
    model.appendRows(syntheticCrateRows(40, 11));
    QVERIFY2(consistency(model).isEmpty(), qPrintable(consistency(model)));
    model.sort(CratesModel::SizeColumn, Qt::AscendingOrder);
    CrateRow grown = model.rowAt(0);
    grown.bytes = qint64(1) << 40;
    grown.selected = !grown.selected;
    model.updateRows({grown});
    QCOMPARE(model.rowOf(grown.canonicalName), model.rowCount() - 1);
    QVERIFY2(consistency(model).isEmpty(), qPrintable(consistency(model)));
    QCOMPARE(persistent.row(), model.rowOf(tracked));

    // A reset keeps the sort column.
    model.resetRows(syntheticCrateRows(200, 12));
    QCOMPARE(model.sortColumn(), int(CratesModel::SizeColumn));
    QVERIFY2(consistency(model).isEmpty(), qPrintable(consistency(model)));
}

void TestCratesModel::preparedOnAWorker()
{
    const QList<CrateRow> rows = syntheticCrateRows(30000, 3); // past disposeOffThreadRows
    CratesModel expected;
    expected.sort(CratesModel::SizeColumn, Qt::DescendingOrder);
    expected.resetRows(rows);

    CratesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(CratesModel::SizeColumn, Qt::DescendingOrder);
    model.resetRows(syntheticCrateRows(25000, 4)); // replaced below, freed off the thread
    QFuture<CratesModel::Prepared> future = QtConcurrent::run([rows] {
        return CratesModel::prepare(rows, CratesModel::SizeColumn, Qt::DescendingOrder);
    });
    future.waitForFinished();
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.resetPrepared(future.result());
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rows(), expected.rows());
    QCOMPARE(model.searchText(), expected.searchText());
    QCOMPARE(model.searchOffsets(), expected.searchOffsets());
    QCOMPARE(model.searchFlags(), expected.searchFlags());
    for (const CrateRow &row : rows.mid(0, 100))
        QCOMPARE(model.rowOf(row.name), expected.rowOf(row.name));

    // Prepared in another order than the view now wants: sorted again on the way in.
    const CratesModel::Prepared byName =
        CratesModel::prepare(rows, CratesModel::NameColumn, Qt::AscendingOrder);
    model.resetPrepared(byName);
    QCOMPARE(model.sortColumn(), int(CratesModel::SizeColumn));
    QCOMPARE(model.rows(), expected.rows());
}

QTEST_MAIN(TestCratesModel)
#include "tst_cratesmodel.moc"
