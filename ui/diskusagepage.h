// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorreader.h"
#include "mirrorsummary.h"
#include "treemapwidget.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace Stowaway {

class MirrorStore;
class UsageBarWidget;

/// Size of the volume a folder is on (bytes).
struct VolumeSpace
{
    qint64 total = 0;
    qint64 available = 0; ///< what this user may still write
};

/**
 * The Disk usage page: the mirror's size against its volume's free space (UsageBarWidget:
 * mirror / other used / free), and where the mirror's bytes go: the `largestShown`
 * largest crates as a squarified treemap (TreemapWidget) plus one "others" rectangle for
 * the rest. Before a sync the application may call setProjection() with the bytes the sync
 * is expected to add: the bar shows them and a warning appears when they would not fit.
 *
 * The crate sizes (MirrorReader) and the volume (QStorageInfo on the mirror folder) are
 * read on a worker when the page is built and on reload(); loaded() follows. Tests inject
 * the volume with setVolumeOverride(). `store` belongs to the GUI thread and must outlive
 * the page.
 */
class DiskUsagePage final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int largestShown = 30;

    explicit DiskUsagePage(MirrorStore &store, QWidget *parent = nullptr);
    ~DiskUsagePage() override;

    /// Use this volume size instead of asking QStorageInfo (tests); std::nullopt: ask again.
    /// Takes effect at once and on every reload.
    void setVolumeOverride(std::optional<VolumeSpace> volume);

    VolumeSpace volume() const { return m_volume; }
    qint64 mirrorBytes() const { return m_mirrorBytes; }
    qint64 projection() const { return m_projection; }
    /// True when a projection is set and is more than the free space.
    bool projectionExceedsFreeSpace() const;
    /// The warning shown under the bar (empty when none).
    QString warning() const;
    UsageBarWidget *usageBar() const { return m_bar; }
    TreemapWidget *treemap() const { return m_treemap; }
    bool isLoading() const { return m_loading; }

    /// A guess at one .crate's size while the mirror holds none to average over.
    static constexpr qint64 typicalCrateBytes = 100 * 1024;
    /// What a sync fetching `versionsToFetch` versions the mirror lacks will roughly add:
    /// that many times the mirror's mean stored .crate size (typicalCrateBytes while the
    /// mirror is empty). Index files are small next to crates and are left out. For
    /// setProjection() after a dry run.
    static qint64 estimateSyncBytes(qint64 versionsToFetch, const MirrorSummary &summary);

    /// The treemap's items for a crate list: the `largest` biggest stored crates, then one
    /// muted "others" item for the rest (when there is a rest). Pure; any thread (the page
    /// builds them on its worker).
    static QList<TreemapWidget::Item> treemapItems(const QList<CrateListEntry> &crates,
                                                   int largest = largestShown);

public Q_SLOTS:
    void reload();
    /// Bytes the next sync is expected to add (0 or less clears the projection).
    void setProjection(qint64 bytesToAdd);
    void clearProjection() { setProjection(0); }
    /// The result of an estimate (estimateRequested()): `versions` to fetch, about `bytes`;
    /// shown under the bar and drawn as the projection. `versions` < 0: the estimate failed
    /// with `message`.
    void setEstimate(qint64 versions, qint64 bytes, const QString &message = {});

Q_SIGNALS:
    void loaded();
    /// The user clicked a crate in the treemap (e.g. to show it on the Crates page).
    void crateActivated(const QString &name);
    /// The user asked how much the next sync would add (a plan, nothing downloaded).
    void estimateRequested();

private:
    /// What the worker hands back: the treemap already built, nothing left to free that is
    /// large (a crate list of 250,000 entries stays on the worker).
    struct Loaded
    {
        QList<TreemapWidget::Item> items;
        qint64 mirrorBytes = 0;
        QString error;
        std::optional<VolumeSpace> volume;
        QString volumeName;
    };
    void onLoaded();
    void showVolume();

    MirrorStore &m_store;
    UsageBarWidget *m_bar;
    QLabel *m_summary;
    QLabel *m_warning;
    TreemapWidget *m_treemap;
    QFutureWatcher<Loaded> m_watcher;
    std::optional<VolumeSpace> m_override;
    VolumeSpace m_volume;
    QString m_volumeName;
    qint64 m_mirrorBytes = 0;
    qint64 m_projection = 0;
    bool m_reloadAgain = false;
    bool m_loading = false; ///< from reload() until its result is shown
    QPushButton *m_estimate = nullptr;
    QLabel *m_estimateText = nullptr;
};

} // namespace Stowaway
