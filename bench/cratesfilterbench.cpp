// SPDX-License-Identifier: GPL-3.0-or-later
// Per-keystroke filter time of the Crates page at 250,000 rows: CratesFilterModel against
// Qt's own QSortFilterProxyModel (setFilterFixedString on the Name column's display role,
// case-insensitive), each behind a shown QTableView sorted by name (offscreen). A keystroke
// is timed from the setter to the end of the events it caused. Prints a markdown table.
//   bench_cratesfilter [rows=250000] [runs=3]   (Qt's proxy takes minutes at 250k rows)
// BENCH_OURS_ONLY=1 skips the reference and prints "keystroke rows ms" lines.
#include "cratesfiltermodel.h"
#include "cratesmodel.h"
#include "syntheticcraterows.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>

using namespace Stowaway;

namespace {

const QStringList keystrokes{
    QStringLiteral("s"),     QStringLiteral("se"),   QStringLiteral("ser"), QStringLiteral("serd"),
    QStringLiteral("serde"), QStringLiteral("serd"), QStringLiteral("ser"), QStringLiteral("se"),
    QStringLiteral("s"),     QStringLiteral("")};

/// Median milliseconds per keystroke over `runs` passes of typing and erasing "serde".
QList<double> measure(QAbstractItemModel *proxy,
                      const std::function<void(const QString &)> &setText, int runs,
                      QList<int> *rowsShown, QList<double> *sortMs)
{
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(22);
    view.setSortingEnabled(true);
    view.setModel(proxy);
    view.sortByColumn(CratesModel::NameColumn, Qt::AscendingOrder);
    view.resize(1000, 700);
    view.show();
    QCoreApplication::processEvents();

    QList<QList<double>> samples(keystrokes.size());
    rowsShown->clear();
    for (int run = 0; run < runs; ++run) {
        for (qsizetype k = 0; k < keystrokes.size(); ++k) {
            QElapsedTimer timer;
            timer.start();
            setText(keystrokes.at(k));
            QCoreApplication::processEvents();
            samples[k].append(double(timer.nsecsElapsed()) / 1e6);
            if (run == 0)
                rowsShown->append(proxy->rowCount());
        }
    }
    // Sorting all rows by size, then back by name, from the header.
    sortMs->clear();
    for (const auto &[column, order] : {std::pair(CratesModel::SizeColumn, Qt::DescendingOrder),
                                        std::pair(CratesModel::NameColumn, Qt::AscendingOrder)}) {
        QElapsedTimer timer;
        timer.start();
        view.sortByColumn(column, order);
        QCoreApplication::processEvents();
        sortMs->append(double(timer.nsecsElapsed()) / 1e6);
    }
    QList<double> medians;
    for (QList<double> &s : samples) {
        std::sort(s.begin(), s.end());
        medians.append(s.at(s.size() / 2));
    }
    return medians;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int rows = args.size() > 1 ? args.at(1).toInt() : 250000;
    const int runs = args.size() > 2 ? args.at(2).toInt() : 3;

    CratesModel model;
    QList<CrateRow> generated = syntheticCrateRows(rows);
    QElapsedTimer setup;
    setup.start();
    model.resetRows(std::move(generated));
    const double loadMs = double(setup.nsecsElapsed()) / 1e6;

    CratesFilterModel ours;
    ours.setSourceModel(&model);
    QList<int> oursRows;
    QList<double> oursSort;
    const QList<double> oursMs = measure(
        &ours, [&](const QString &text) { ours.setFilterText(text); }, runs, &oursRows, &oursSort);

    if (qEnvironmentVariableIsSet("BENCH_OURS_ONLY")) {
        for (qsizetype k = 0; k < keystrokes.size(); ++k)
            std::printf("%s %d %.1f\n", qPrintable(keystrokes.at(k)), oursRows.at(k), oursMs.at(k));
        std::printf("sort by size %.1f, by name %.1f\n", oursSort.at(0), oursSort.at(1));
        return 0;
    }
    QSortFilterProxyModel qt;
    qt.setSourceModel(&model);
    qt.setFilterKeyColumn(CratesModel::NameColumn);
    qt.setFilterCaseSensitivity(Qt::CaseInsensitive);
    qt.setDynamicSortFilter(true);
    QList<int> qtRows;
    QList<double> qtSort;
    const QList<double> qtMs = measure(
        &qt, [&](const QString &text) { qt.setFilterFixedString(text); }, runs, &qtRows, &qtSort);

    std::printf("Filtering %d crate rows behind a shown QTableView sorted by name (offscreen), "
                "median of %d runs; model filled in %.0f ms.\n\n",
                rows, runs, loadMs);
    std::printf("| keystroke | rows shown | CratesFilterModel ms | QSortFilterProxyModel ms | "
                "Qt / ours |\n|---|---:|---:|---:|---:|\n");
    double oursWorst = 0;
    double qtWorst = 0;
    double oursSum = 0;
    double qtSum = 0;
    for (qsizetype k = 0; k < keystrokes.size(); ++k) {
        const QString label =
            keystrokes.at(k).isEmpty() ? QStringLiteral("(cleared)") : keystrokes.at(k);
        std::printf("| `%s` | %d | %.1f | %.1f | %.0fx |\n", qPrintable(label), oursRows.at(k),
                    oursMs.at(k), qtMs.at(k), qtMs.at(k) / oursMs.at(k));
        oursWorst = std::max(oursWorst, oursMs.at(k));
        qtWorst = std::max(qtWorst, qtMs.at(k));
        oursSum += oursMs.at(k);
        qtSum += qtMs.at(k);
    }
    const double n = double(keystrokes.size());
    std::printf("| **mean** | | **%.1f** | **%.1f** | **%.0fx** |\n", oursSum / n, qtSum / n,
                qtSum / oursSum);
    std::printf("| **worst** | | **%.1f** | **%.1f** | |\n", oursWorst, qtWorst);
    std::printf("| sort all by size (header click) | %d | %.1f | %.1f | %.0fx |\n", rows,
                oursSort.at(0), qtSort.at(0), qtSort.at(0) / oursSort.at(0));
    std::printf("| sort all by name | %d | %.1f | %.1f | %.0fx |\n", rows, oursSort.at(1),
                qtSort.at(1), qtSort.at(1) / oursSort.at(1));
    return 0;
}
