// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

class QLabel;
class QString;
class QWidget;

namespace Stowaway {

class MirrorConfig;
class MirrorStore;

/**
 * The one way the settings page writes mirror.toml: copy the current MirrorConfig, change
 * one field, MirrorStore::setConfig() (which validates with the same checks as loading).
 * A rejected value is not saved and its message is shown in the field's message label;
 * an accepted one clears that label. Holds a pointer to the store, which the page may
 * replace after the mirror moved. GUI thread only; not a QObject.
 */
class ConfigSaver final
{
public:
    explicit ConfigSaver(MirrorStore &store) : m_store(&store) {}

    MirrorStore &store() const { return *m_store; }
    void setStore(MirrorStore &store) { m_store = &store; }
    const MirrorConfig &config() const;

    /// Applies `edit` to a copy of the settings and saves it. Returns true when saved (or
    /// nothing changed); else shows the problem in `message` (if given) and returns false.
    bool save(const std::function<void(MirrorConfig &)> &edit, QLabel *message) const;

    /// Shows `text` as a problem in `label` (hidden when empty).
    static void showProblem(QLabel *label, const QString &text);
    /// A hidden, word-wrapped label for a field's problems, named `objectName`.
    static QLabel *problemLabel(const QString &objectName, QWidget *parent);

private:
    MirrorStore *m_store;
};

} // namespace Stowaway
