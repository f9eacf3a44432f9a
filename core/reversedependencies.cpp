// SPDX-License-Identifier: GPL-3.0-or-later
#include "reversedependencies.h"

#include <algorithm>

namespace Stowaway {

namespace {

void canonicalInto(std::string_view name, std::string &out)
{
    out.assign(name);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        else if (c == '-')
            c = '_';
    }
}

} // namespace

ReverseDependencies::ReverseDependencies() : m_scanner(IndexScanner::Fields::Dependencies)
{
    m_entries.reserve(1024);
}

ReverseDependencies::Entry &ReverseDependencies::entryFor(std::string_view name)
{
    canonicalInto(name, m_key);
    return m_entries[m_key];
}

int ReverseDependencies::addFile(QByteArrayView file)
{
    m_fileDeps.clear();
    std::string ownSpelling;
    const int skipped = m_scanner.scan(file, [&](const ScannedLine &line) {
        if (ownSpelling.empty())
            ownSpelling.assign(line.name);
        for (const ScannedDependency &dep : line.deps) {
            if (dep.kind == "dev" || !dep.registry.empty())
                continue;
            std::string &key = m_fileDeps.emplace_back();
            canonicalInto(dep.crateName(), key);
        }
    });
    if (ownSpelling.empty())
        return skipped;
    ++m_crates;
    std::string ownKey;
    canonicalInto(ownSpelling, ownKey);
    std::sort(m_fileDeps.begin(), m_fileDeps.end());
    m_fileDeps.erase(std::unique(m_fileDeps.begin(), m_fileDeps.end()), m_fileDeps.end());
    for (std::string &key : m_fileDeps) {
        if (key != ownKey)
            ++m_entries[std::move(key)].dependents;
    }
    Entry &own = m_entries[std::move(ownKey)];
    if (own.spelling.empty())
        own.spelling = std::move(ownSpelling);
    return skipped;
}

int ReverseDependencies::dependents(QStringView name) const
{
    std::string key;
    canonicalInto(name.toUtf8().toStdString(), key);
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? 0 : it->second.dependents;
}

QList<PopularCrate> ReverseDependencies::ranking(int n) const
{
    std::vector<std::pair<const std::string *, const Entry *>> seen;
    seen.reserve(m_entries.size());
    for (const auto &[key, entry] : m_entries) {
        if (!entry.spelling.empty())
            seen.emplace_back(&key, &entry);
    }
    const auto more = [](const auto &a, const auto &b) {
        if (a.second->dependents != b.second->dependents)
            return a.second->dependents > b.second->dependents;
        return *a.first < *b.first;
    };
    const size_t count = std::min(seen.size(), size_t(std::max(n, 0)));
    std::partial_sort(seen.begin(), seen.begin() + qsizetype(count), seen.end(), more);
    QList<PopularCrate> out;
    out.reserve(qsizetype(count));
    for (size_t i = 0; i < count; ++i) {
        const std::string &spelling = seen[i].second->spelling;
        out.append(PopularCrate{QString::fromUtf8(spelling.data(), qsizetype(spelling.size())),
                                seen[i].second->dependents, int(i) + 1});
    }
    return out;
}

} // namespace Stowaway
