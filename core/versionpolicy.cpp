// SPDX-License-Identifier: GPL-3.0-or-later
#include "versionpolicy.h"

#include <algorithm>

namespace Stowaway {

std::optional<VersionPolicy> VersionPolicy::parse(QStringView text, QString *error)
{
    const QStringView value = text.trimmed();
    if (value == u"newest" || value == u"latest")
        return newest();
    if (value == u"all")
        return all();
    if (value.startsWith(u"lines:")) {
        bool ok = false;
        const int count = value.mid(6).toInt(&ok);
        if (ok && count >= 1 && count <= maxLines)
            return lines(count);
        if (error)
            *error = QStringLiteral("\"%1\": the number of lines must be a whole number from 1 "
                                    "to %2, like \"lines:3\"")
                         .arg(value.toString())
                         .arg(maxLines);
        return std::nullopt;
    }
    if (error)
        *error = QStringLiteral("\"%1\" is not a version policy: use \"newest\" (or \"latest\"), "
                                "\"lines:K\" (the newest of the K newest compatible lines, "
                                "like \"lines:3\") or \"all\"")
                     .arg(value.toString());
    return std::nullopt;
}

QString VersionPolicy::toString() const
{
    switch (m_kind) {
    case Kind::Newest:
        return QStringLiteral("newest");
    case Kind::All:
        return QStringLiteral("all");
    case Kind::Lines:
        break;
    }
    return QStringLiteral("lines:%1").arg(m_lines);
}

bool VersionPolicy::namesExactVersion(const SemverReq &req)
{
    const QList<SemverReq::Comparator> &comparators = req.comparators();
    return comparators.size() == 1 && comparators.first().op == SemverReq::Op::Exact &&
           comparators.first().minor && comparators.first().patch;
}

std::tuple<quint64, quint64, quint64> VersionPolicy::compatibilityLine(const SemverVersion &version)
{
    if (version.major() > 0)
        return {version.major(), 0, 0};
    if (version.minor() > 0)
        return {0, version.minor(), 0};
    return {0, 0, version.patch()};
}

QList<qsizetype> VersionPolicy::choose(const QList<Candidate> &candidates,
                                       const SemverReq &req) const
{
    const bool yankedAllowed = namesExactVersion(req);
    QList<qsizetype> matching;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if ((yankedAllowed || !candidates[i].yanked) && req.matches(candidates[i].version))
            matching.append(i);
    }
    // Newest first; equal precedence (build metadata only) keeps the index's order.
    std::stable_sort(matching.begin(), matching.end(), [&candidates](qsizetype a, qsizetype b) {
        return candidates[a].version > candidates[b].version;
    });
    switch (m_kind) {
    case Kind::All:
        return matching;
    case Kind::Newest:
        return matching.mid(0, 1);
    case Kind::Lines:
        break;
    }
    // Newest first, so the first version seen in a line is that line's newest, and lines
    // appear in descending order.
    QList<qsizetype> kept;
    std::optional<std::tuple<quint64, quint64, quint64>> line;
    for (qsizetype index : std::as_const(matching)) {
        const auto current = compatibilityLine(candidates[index].version);
        if (line && *line == current)
            continue;
        if (kept.size() == m_lines)
            break;
        line = current;
        kept.append(index);
    }
    return kept;
}

QList<IndexLine> VersionPolicy::select(const QList<IndexLine> &versions, const SemverReq &req) const
{
    QList<Candidate> candidates;
    QList<qsizetype> lineOf;
    candidates.reserve(versions.size());
    lineOf.reserve(versions.size());
    for (qsizetype i = 0; i < versions.size(); ++i) {
        if (const std::optional<SemverVersion> version = SemverVersion::parse(versions[i].vers)) {
            candidates.append({*version, versions[i].yanked});
            lineOf.append(i);
        }
    }
    QList<IndexLine> chosen;
    for (qsizetype index : choose(candidates, req))
        chosen.append(versions[lineOf[index]]);
    return chosen;
}

} // namespace Stowaway
