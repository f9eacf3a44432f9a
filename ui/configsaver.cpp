// SPDX-License-Identifier: GPL-3.0-or-later
#include "configsaver.h"

#include "mirrorstore.h"

#include <QLabel>

namespace Stowaway {

const MirrorConfig &ConfigSaver::config() const
{
    return m_store->config();
}

bool ConfigSaver::save(const std::function<void(MirrorConfig &)> &edit, QLabel *message) const
{
    MirrorConfig changed = m_store->config();
    edit(changed);
    QString error;
    if (!changed.isModified() || m_store->setConfig(changed, &error)) {
        showProblem(message, {});
        return true;
    }
    showProblem(message, error);
    return false;
}

void ConfigSaver::showProblem(QLabel *label, const QString &text)
{
    if (!label)
        return;
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLabel *ConfigSaver::problemLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("color: #c0392b;"));
    label->hide();
    return label;
}

} // namespace Stowaway
