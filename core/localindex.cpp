// SPDX-License-Identifier: GPL-3.0-or-later
#include "localindex.h"

#include "closureresolver.h"
#include "gitindex.h"
#include "indexline.h"
#include "indexpath.h"
#include "reversedependencies.h"

namespace Stowaway {

LocalIndex::LocalIndex(const GitIndex &git, QByteArray commit)
    : m_git(git), m_commit(std::move(commit))
{}

std::optional<QByteArray> LocalIndex::indexFile(const QString &crateName) const
{
    const QString path = IndexPath::relativePath(crateName);
    if (path.isEmpty())
        return std::nullopt;
    QString error;
    std::optional<GitFile> file = m_git.readFile(m_commit, path, &error);
    if (!file)
        return std::nullopt;
    return std::move(file->bytes);
}

int LocalIndex::resolve(ClosureResolver &resolver) const
{
    int files = 0;
    while (!resolver.isClosed()) {
        const QStringList names = resolver.takeNewNames();
        if (names.isEmpty())
            break; // everything pending was handed out already: nothing more can arrive
        for (const QString &name : names) {
            std::optional<QByteArray> file = indexFile(name);
            if (!file) {
                resolver.provideMissing(
                    name, LocalIndex::tr("the local git index has no crate named %1").arg(name));
                continue;
            }
            ++files;
            resolver.provide(name, IndexLine::parseFile(*file).lines);
        }
    }
    return files;
}

bool LocalIndex::countDependents(ReverseDependencies &counter, QString *error) const
{
    const bool walked = m_git.forEachFile(
        m_commit,
        [this, &counter](const GitFile &file) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed))
                return false;
            if (file.path != QLatin1String("config.json"))
                counter.addFile(file.bytes);
            return true;
        },
        true, error);
    if (walked && m_cancel && m_cancel->load(std::memory_order_relaxed)) {
        *error = LocalIndex::tr("the scan was cancelled");
        return false;
    }
    return walked;
}

std::optional<QList<PopularCrate>> LocalIndex::popular(int n, QString *error) const
{
    ReverseDependencies counter;
    if (!countDependents(counter, error))
        return std::nullopt;
    return counter.ranking(n);
}

} // namespace Stowaway
