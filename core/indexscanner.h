// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace Stowaway {

/// One dependency as IndexScanner sees it: views valid only inside the callback.
struct ScannedDependency
{
    std::string_view name;     ///< the name in the depending crate (the alias when renamed)
    std::string_view req;      ///< the requirement text
    std::string_view target;   ///< empty = every platform
    std::string_view kind;     ///< "normal" (also when absent), "build" or "dev"
    std::string_view package;  ///< the real crate when renamed; empty otherwise
    std::string_view registry; ///< another registry's index URL; empty = the same one
    bool optional = false;

    /// The crate this dependency resolves to: `package` if set, else `name`.
    std::string_view crateName() const { return package.empty() ? name : package; }
};

/// One usable index line as IndexScanner sees it: views valid only inside the callback.
struct ScannedLine
{
    std::string_view name;
    std::string_view vers;
    std::string_view cksum; ///< 64 lower-case hex digits (checked)
    bool yanked = false;
    int schemaVersion = 1;
    QByteArrayView raw;   ///< the line's exact bytes up to (without) its '\n'
    qsizetype offset = 0; ///< where the line starts in the file
    /// Only with IndexScanner::Fields::Dependencies; empty otherwise.
    std::span<const ScannedDependency> deps;
};

/**
 * Scans whole index files (JSON lines) with simdjson's on-demand API and hands each usable
 * line to a callback as string views into the parser's buffers: no QString, no allocation
 * per line once the buffers have grown. For the paths that read every line of the index
 * (reverse-dependency counts, whole-index scans, selection from a local git index); code
 * that keeps lines uses IndexLine.
 *
 * Lines are checked as IndexLine checks them (name, vers and a 64-hex cksum present,
 * `v` at most IndexLine::maxSchemaVersion, `deps` present and a list); lines that fail
 * are counted and skipped. With Fields::Summary the `deps` array is skipped unread, which
 * is what makes the name/vers/cksum/yanked scan fast.
 *
 * Not thread-safe (it owns a simdjson parser and buffers): one scanner per thread.
 */
class IndexScanner final
{
public:
    enum class Fields {
        Summary,      ///< name, vers, cksum, yanked, v
        Dependencies, ///< Summary plus every dependency's name, req, target, kind, package
    };
    using LineCallback = std::function<void(const ScannedLine &)>;

    explicit IndexScanner(Fields fields = Fields::Summary);
    ~IndexScanner();
    Q_DISABLE_COPY_MOVE(IndexScanner)

    Fields fields() const { return m_fields; }

    /// Calls @p onLine for every usable line of @p file in file order; returns how many
    /// non-blank lines were skipped as unusable.
    int scan(QByteArrayView file, const LineCallback &onLine);

    /// Index-file bytes a scanner has walked so far (for throughput figures).
    qint64 scannedBytes() const { return m_scannedBytes; }

private:
    struct Parser;
    bool scanLine(const char *begin, qsizetype length, qsizetype capacity, ScannedLine &line);

    const Fields m_fields;
    std::unique_ptr<Parser> m_parser;
    std::vector<char> m_padded;
    std::vector<ScannedDependency> m_deps;
    qint64 m_scannedBytes = 0;
};

} // namespace Stowaway
