// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncsection.h"

#include "configsaver.h"
#include "mirrorconfig.h"
#include "platformlist.h"
#include "platformtable.h"
#include "versionpolicy.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTimeEdit>

namespace Stowaway {

namespace {
enum VersionsRow { NewestRow, LinesRow, AllRow };
enum ScheduleRow { OffRow, DailyRow, EveryRow };

QWidget *row(QWidget *parent, std::initializer_list<QWidget *> widgets)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : widgets)
        layout->addWidget(widget);
    layout->addStretch();
    return box;
}
} // namespace

SyncSection::SyncSection(ConfigSaver &saver, QWidget *parent)
    : QGroupBox(tr("Sync"), parent)
    , m_saver(saver)
    , m_versionsKind(new QComboBox(this))
    , m_versionsLines(new QSpinBox(this))
    , m_versionsMessage(ConfigSaver::problemLabel(QStringLiteral("versionsMessage"), this))
    , m_platforms(new PlatformList(PlatformTable().triples(), this))
    , m_platformsMessage(ConfigSaver::problemLabel(QStringLiteral("platformsMessage"), this))
    , m_jobs(new QSpinBox(this))
    , m_jobsMessage(ConfigSaver::problemLabel(QStringLiteral("jobsMessage"), this))
    , m_scheduleKind(new QComboBox(this))
    , m_scheduleTime(new QTimeEdit(this))
    , m_scheduleHours(new QSpinBox(this))
    , m_scheduleNext(new QLabel(this))
    , m_scheduleMessage(ConfigSaver::problemLabel(QStringLiteral("scheduleMessage"), this))
{
    m_versionsKind->setObjectName(QStringLiteral("versionsKind"));
    m_versionsKind->addItem(tr("Newest version only"));
    m_versionsKind->addItem(tr("Newest of the newest compatible lines"));
    m_versionsKind->addItem(tr("All versions"));
    m_versionsLines->setObjectName(QStringLiteral("versionsLines"));
    m_versionsLines->setRange(1, VersionPolicy::maxLines);
    m_versionsLines->setSuffix(tr(" lines"));
    m_jobs->setObjectName(QStringLiteral("jobs"));
    m_jobs->setRange(1, 256);
    m_scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
    m_scheduleKind->addItem(tr("Only when I ask"));
    m_scheduleKind->addItem(tr("Daily at"));
    m_scheduleKind->addItem(tr("Every"));
    m_scheduleTime->setObjectName(QStringLiteral("scheduleTime"));
    m_scheduleTime->setDisplayFormat(QStringLiteral("HH:mm"));
    m_scheduleHours->setObjectName(QStringLiteral("scheduleHours"));
    m_scheduleHours->setRange(1, SyncSchedule::MaxHours);
    m_scheduleHours->setSuffix(tr(" hours"));
    m_scheduleNext->setObjectName(QStringLiteral("scheduleNext"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Versions:"), row(this, {m_versionsKind, m_versionsLines}));
    form->addRow(QString(), m_versionsMessage);
    form->addRow(tr("Platforms:"), m_platforms);
    form->addRow(QString(), m_platformsMessage);
    form->addRow(tr("Parallel downloads:"), m_jobs);
    form->addRow(QString(), m_jobsMessage);
    form->addRow(tr("Sync automatically:"),
                 row(this, {m_scheduleKind, m_scheduleTime, m_scheduleHours}));
    form->addRow(QString(), m_scheduleNext);
    form->addRow(QString(), m_scheduleMessage);
    reload();

    connect(m_versionsKind, &QComboBox::currentIndexChanged, this, [this] { saveVersions(); });
    connect(m_versionsLines, &QSpinBox::valueChanged, this, [this] { saveVersions(); });
    connect(m_platforms, &PlatformList::checkedChanged, this, [this](const QStringList &triples) {
        m_saver.save([&](MirrorConfig &config) { config.setPlatforms(triples); },
                     m_platformsMessage);
    });
    connect(m_jobs, &QSpinBox::valueChanged, this, [this](int jobs) {
        if (!m_loading)
            m_saver.save([&](MirrorConfig &config) { config.setJobs(jobs); }, m_jobsMessage);
    });
    connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, [this] { saveSchedule(); });
    connect(m_scheduleTime, &QTimeEdit::timeChanged, this, [this] { saveSchedule(); });
    connect(m_scheduleHours, &QSpinBox::valueChanged, this, [this] { saveSchedule(); });
}

void SyncSection::reload()
{
    m_loading = true;
    const MirrorConfig &config = m_saver.config();
    const VersionPolicy policy = VersionPolicy::parse(config.versions()).value_or(VersionPolicy());
    m_versionsKind->setCurrentIndex(policy.kind() == VersionPolicy::Kind::Newest ? NewestRow
                                    : policy.kind() == VersionPolicy::Kind::All  ? AllRow
                                                                                 : LinesRow);
    m_versionsLines->setValue(policy.kind() == VersionPolicy::Kind::Lines ? policy.lineCount() : 3);
    m_platforms->setChecked(config.platforms());
    m_jobs->setValue(config.jobs());
    const SyncSchedule schedule = SyncSchedule::parse(config.schedule()).value_or(SyncSchedule());
    m_scheduleKind->setCurrentIndex(schedule.kind() == SyncSchedule::Kind::Daily      ? DailyRow
                                    : schedule.kind() == SyncSchedule::Kind::Interval ? EveryRow
                                                                                      : OffRow);
    m_scheduleTime->setTime(schedule.kind() == SyncSchedule::Kind::Daily ? schedule.time()
                                                                         : QTime(3, 0));
    m_scheduleHours->setValue(schedule.kind() == SyncSchedule::Kind::Interval ? schedule.hours()
                                                                              : 6);
    m_loading = false;
    m_versionsLines->setVisible(m_versionsKind->currentIndex() == LinesRow);
    updateScheduleWidgets();
}

void SyncSection::saveVersions()
{
    m_versionsLines->setVisible(m_versionsKind->currentIndex() == LinesRow);
    if (m_loading)
        return;
    const VersionPolicy policy =
        m_versionsKind->currentIndex() == NewestRow ? VersionPolicy::newest()
        : m_versionsKind->currentIndex() == AllRow  ? VersionPolicy::all()
                                                   : VersionPolicy::lines(m_versionsLines->value());
    m_saver.save([&](MirrorConfig &config) { config.setVersions(policy.toString()); },
                 m_versionsMessage);
}

SyncSchedule SyncSection::scheduleFromWidgets() const
{
    switch (m_scheduleKind->currentIndex()) {
    case DailyRow:
        return SyncSchedule::daily(m_scheduleTime->time());
    case EveryRow:
        return SyncSchedule::every(m_scheduleHours->value());
    default:
        return SyncSchedule::off();
    }
}

void SyncSection::saveSchedule()
{
    updateScheduleWidgets();
    if (m_loading)
        return;
    const SyncSchedule schedule = scheduleFromWidgets();
    if (m_saver.save([&](MirrorConfig &config) { config.setSchedule(schedule.toString()); },
                     m_scheduleMessage))
        Q_EMIT scheduleChanged(schedule);
}

void SyncSection::setLastSync(const QDateTime &lastSync, const QDateTime &now)
{
    m_lastSync = lastSync;
    const QDateTime next = scheduleFromWidgets().nextRun(lastSync, now);
    m_scheduleNext->setText(
        next.isValid()
            ? tr("Next sync: %1").arg(QLocale().toString(next.toLocalTime(), QLocale::ShortFormat))
            : tr("Syncs only when you press Sync or run stowaway sync."));
}

void SyncSection::updateScheduleWidgets()
{
    m_scheduleTime->setVisible(m_scheduleKind->currentIndex() == DailyRow);
    m_scheduleHours->setVisible(m_scheduleKind->currentIndex() == EveryRow);
    setLastSync(m_lastSync);
}

} // namespace Stowaway
