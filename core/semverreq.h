// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "semverversion.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Stowaway {

/**
 * A version requirement in cargo's syntax: `1.2.3` (caret), `^1.2`, `~0.3`, `=1.0.3`,
 * `>=1, <1.5`, `1.*`, `*`, with partial versions and pre-releases.
 *
 * Matching follows cargo's rules: every comparator must match, and a pre-release
 * version only matches when some comparator names the same MAJOR.MINOR.PATCH with a
 * pre-release of its own (so `^1.0` never picks `1.1.0-beta`). A plain value.
 */
class SemverReq final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::SemverReq)

public:
    enum class Op { Exact, Greater, GreaterEq, Less, LessEq, Tilde, Caret, Wildcard };

    struct Comparator
    {
        Op op = Op::Caret;
        quint64 major = 0;
        std::optional<quint64> minor;
        std::optional<quint64> patch;
        QStringList pre;
    };

    /// Parses a requirement; std::nullopt with `error` set when it is not valid.
    static std::optional<SemverReq> parse(QStringView text, QString *error = nullptr);
    /// The requirement that matches every release (`*`).
    static SemverReq any();

    bool matches(const SemverVersion &version) const;
    const QList<Comparator> &comparators() const { return m_comparators; }
    QString toString() const { return m_text; }

private:
    QList<Comparator> m_comparators;
    QString m_text;
};

} // namespace Stowaway
