// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <compare>
#include <optional>

namespace Stowaway {

/**
 * A semantic version as cargo reads it: MAJOR.MINOR.PATCH[-PRE][+BUILD].
 *
 * Ordering follows SemVer 2.0 precedence (a pre-release sorts before its release;
 * numeric identifiers compare numerically and sort before alphanumeric ones). Build
 * metadata does not take part in precedence; it only breaks ties so that ordering is
 * total, as cargo's semver crate does. A plain value, safe on any thread.
 */
class SemverVersion final
{
public:
    SemverVersion() = default;
    SemverVersion(quint64 major, quint64 minor, quint64 patch);

    /// Parses a full version; std::nullopt when it is not valid semver.
    static std::optional<SemverVersion> parse(QStringView text);

    quint64 major() const { return m_major; }
    quint64 minor() const { return m_minor; }
    quint64 patch() const { return m_patch; }
    const QStringList &preRelease() const { return m_pre; }
    const QString &build() const { return m_build; }
    bool isPreRelease() const { return !m_pre.isEmpty(); }

    /// Precedence order, ignoring build metadata.
    int comparePrecedence(const SemverVersion &other) const;
    /// Orders pre-release identifier lists; an empty list (a release) sorts above all.
    static int comparePreRelease(const QStringList &a, const QStringList &b);
    /// The same release triple (MAJOR.MINOR.PATCH), pre-release and build ignored.
    bool sameTriple(const SemverVersion &other) const;

    QString toString() const;

    std::strong_ordering operator<=>(const SemverVersion &other) const;
    bool operator==(const SemverVersion &other) const;

private:
    quint64 m_major = 0;
    quint64 m_minor = 0;
    quint64 m_patch = 0;
    QStringList m_pre;
    QString m_build;
};

} // namespace Stowaway
