// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncschedule.h"

#include <QDateTime>
#include <QGroupBox>

class QComboBox;
class QLabel;
class QSpinBox;
class QTimeEdit;

namespace Stowaway {

class ConfigSaver;
class PlatformList;

/**
 * What a sync fetches and when: versions policy (newest / lines:K / all), platforms,
 * parallel downloads and the schedule (off / daily at a time / every N hours), each
 * saved to mirror.toml as soon as it is edited. GUI thread only.
 */
class SyncSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncSection)
public:
    SyncSection(ConfigSaver &saver, QWidget *parent = nullptr);

    /// Shows the values in mirror.toml (after the store changed).
    void reload();
    /// Shows when the schedule runs next, given the last successful sync.
    void setLastSync(const QDateTime &lastSync,
                     const QDateTime &now = QDateTime::currentDateTime());

Q_SIGNALS:
    /// The schedule was saved; the runtime re-arms its timer.
    void scheduleChanged(const Stowaway::SyncSchedule &schedule);

private:
    void saveVersions();
    void saveSchedule();
    void updateScheduleWidgets();
    SyncSchedule scheduleFromWidgets() const;

    ConfigSaver &m_saver;
    QComboBox *m_versionsKind;
    QSpinBox *m_versionsLines;
    QLabel *m_versionsMessage;
    PlatformList *m_platforms;
    QLabel *m_platformsMessage;
    QSpinBox *m_jobs;
    QLabel *m_jobsMessage;
    QComboBox *m_scheduleKind;
    QTimeEdit *m_scheduleTime;
    QSpinBox *m_scheduleHours;
    QLabel *m_scheduleNext;
    QLabel *m_scheduleMessage;
    QDateTime m_lastSync;
    bool m_loading = false;
};

} // namespace Stowaway
