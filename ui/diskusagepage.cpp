// SPDX-License-Identifier: GPL-3.0-or-later
#include "diskusagepage.h"

#include "datasize.h"
#include "mirrorstore.h"
#include "usagebarwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStorageInfo>
#include <QtConcurrent/QtConcurrentRun>
#include <QVBoxLayout>

#include <algorithm>

namespace Stowaway {

DiskUsagePage::DiskUsagePage(MirrorStore &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_bar(new UsageBarWidget(this))
    , m_summary(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_treemap(new TreemapWidget(this))
{
    m_bar->setObjectName(QStringLiteral("usageBar"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_warning->setObjectName(QStringLiteral("warning"));
    m_warning->setWordWrap(true);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_warning->setPalette(warningPalette);
    m_warning->hide();
    m_treemap->setObjectName(QStringLiteral("treemap"));
    auto *heading = new QLabel(tr("Largest crates"), this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);

    m_estimate = new QPushButton(tr("Estimate the next sync"), this);
    m_estimate->setObjectName(QStringLiteral("estimateButton"));
    m_estimate->setToolTip(tr("Plans the next sync of the saved selection (index files only, "
                              "nothing downloaded) and shows what it would add."));
    m_estimateText = new QLabel(this);
    m_estimateText->setObjectName(QStringLiteral("estimateText"));
    m_estimateText->setWordWrap(true);
    connect(m_estimate, &QPushButton::clicked, this, [this] {
        m_estimate->setEnabled(false);
        m_estimateText->setText(tr("Planning the next sync…"));
        Q_EMIT estimateRequested();
    });
    auto *estimateRow = new QHBoxLayout;
    estimateRow->addWidget(m_estimate);
    estimateRow->addWidget(m_estimateText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_bar);
    layout->addWidget(m_warning);
    layout->addLayout(estimateRow);
    layout->addWidget(heading);
    layout->addWidget(m_treemap, 1);

    m_treemap->setCursor(Qt::PointingHandCursor);
    connect(m_treemap, &TreemapWidget::itemClicked, this, [this](int index) {
        const TreemapWidget::Item &item = m_treemap->items().at(index);
        if (!item.muted) // not the "others" bucket
            Q_EMIT crateActivated(item.label);
    });
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &DiskUsagePage::onLoaded);
    reload();
}

DiskUsagePage::~DiskUsagePage() = default;

void DiskUsagePage::setVolumeOverride(std::optional<VolumeSpace> volume)
{
    m_override = volume;
    if (m_override) {
        m_volume = *m_override;
        m_volumeName.clear();
        showVolume();
    }
}

void DiskUsagePage::reload()
{
    if (m_watcher.isRunning()) {
        m_reloadAgain = true;
        return;
    }
    m_loading = true;
    const MirrorLayout layout = m_store.layout();
    const bool askVolume = !m_override;
    m_watcher.setFuture(QtConcurrent::run([layout, askVolume] {
        Loaded loaded;
        const MirrorReading reading = MirrorReader::read(layout, false);
        for (const CrateListEntry &crate : reading.crates)
            loaded.mirrorBytes += crate.storedBytes;
        loaded.items = treemapItems(reading.crates);
        loaded.error = reading.error;
        if (askVolume) {
            const QStorageInfo storage(layout.root());
            if (storage.isValid() && storage.isReady()) {
                loaded.volume = VolumeSpace{storage.bytesTotal(), storage.bytesAvailable()};
                loaded.volumeName = storage.displayName();
            }
        }
        return loaded;
    }));
}

void DiskUsagePage::onLoaded()
{
    Loaded result = m_watcher.future().takeResult();
    m_mirrorBytes = result.mirrorBytes;
    if (m_override) {
        m_volume = *m_override;
    } else if (result.volume) {
        m_volume = *result.volume;
        m_volumeName = result.volumeName;
    }
    m_treemap->setItems(result.items);
    showVolume();
    if (!result.error.isEmpty())
        m_summary->setText(result.error);
    m_loading = false;
    if (m_reloadAgain) {
        m_reloadAgain = false;
        reload();
    }
    Q_EMIT loaded();
}

void DiskUsagePage::setEstimate(qint64 versions, qint64 bytes, const QString &message)
{
    m_estimate->setEnabled(true);
    if (versions < 0) {
        m_estimateText->setText(tr("No estimate: %1").arg(message));
        return;
    }
    m_estimateText->setText(
        versions == 0
            ? tr("The next sync has nothing new to download.")
            : tr("The next sync would download %Ln version(s), about %1.", nullptr, versions)
                  .arg(DataSize::format(bytes)));
    setProjection(bytes);
}

void DiskUsagePage::setProjection(qint64 bytesToAdd)
{
    m_projection = std::max<qint64>(0, bytesToAdd);
    showVolume();
}

bool DiskUsagePage::projectionExceedsFreeSpace() const
{
    return m_projection > 0 && m_projection > m_volume.available;
}

QString DiskUsagePage::warning() const
{
    return m_warning->isHidden() ? QString() : m_warning->text();
}

void DiskUsagePage::showVolume()
{
    const QLocale locale;
    m_bar->setUsage(m_volume.total, m_volume.available, m_mirrorBytes);
    m_bar->setProjection(m_projection);
    const QString where = m_volumeName.isEmpty() ? m_store.layout().root() : m_volumeName;
    m_summary->setText(m_volume.total > 0
                           ? tr("The mirror holds %1 on %2, which has %3 free.")
                                 .arg(DataSize::format(m_mirrorBytes, locale), where,
                                      DataSize::format(m_volume.available, locale))
                           : tr("The mirror holds %1. The size of its volume is unknown.")
                                 .arg(DataSize::format(m_mirrorBytes, locale)));
    if (projectionExceedsFreeSpace()) {
        m_warning->setText(
            tr("The next sync needs about %1, but only %2 is free. Free some space on the "
               "volume, select fewer crates or versions, or move the storage folder to a larger "
               "disk in Settings before syncing.")
                .arg(DataSize::format(m_projection, locale),
                     DataSize::format(m_volume.available, locale)));
        m_warning->show();
    } else {
        m_warning->hide();
        m_warning->clear();
    }
}

qint64 DiskUsagePage::estimateSyncBytes(qint64 versionsToFetch, const MirrorSummary &summary)
{
    if (versionsToFetch <= 0)
        return 0;
    const qint64 mean = summary.meanCrateBytes() > 0 ? summary.meanCrateBytes() : typicalCrateBytes;
    return versionsToFetch * mean;
}

QList<TreemapWidget::Item> DiskUsagePage::treemapItems(const QList<CrateListEntry> &crates,
                                                       int largest)
{
    QList<const CrateListEntry *> stored;
    for (const CrateListEntry &crate : crates) {
        if (crate.storedBytes > 0)
            stored.append(&crate);
    }
    const qsizetype shown = std::min<qsizetype>(largest, stored.size());
    std::partial_sort(stored.begin(), stored.begin() + shown, stored.end(),
                      [](const CrateListEntry *a, const CrateListEntry *b) {
                          if (a->storedBytes != b->storedBytes)
                              return a->storedBytes > b->storedBytes;
                          return a->canonicalName < b->canonicalName;
                      });
    const QLocale locale;
    QList<TreemapWidget::Item> items;
    for (qsizetype i = 0; i < shown; ++i) {
        const CrateListEntry &crate = *stored.at(i);
        TreemapWidget::Item item;
        item.label = crate.name;
        item.value = crate.storedBytes;
        item.detail = DataSize::format(crate.storedBytes, locale);
        item.toolTip =
            tr("%1: %2 in %n version(s)", "", crate.versionsStored).arg(crate.name, item.detail);
        items.append(item);
    }
    qint64 rest = 0;
    for (qsizetype i = shown; i < stored.size(); ++i)
        rest += stored.at(i)->storedBytes;
    if (rest > 0) {
        const int others = int(stored.size() - shown);
        TreemapWidget::Item item;
        item.label = tr("%n other crate(s)", "", others);
        item.value = rest;
        item.detail = DataSize::format(rest, locale);
        item.toolTip = tr("%n other crate(s): %1", "", others).arg(item.detail);
        item.muted = true;
        items.append(item);
    }
    return items;
}

} // namespace Stowaway
