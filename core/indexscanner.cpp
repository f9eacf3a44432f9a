// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexscanner.h"

#include "indexline.h"

#include <simdjson.h>

#include <cstring>
#include <utility>

namespace Stowaway {

namespace {

using simdjson::SUCCESS;
namespace od = simdjson::ondemand;

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool validName(std::string_view name)
{
    if (name.empty() || name.size() > 64)
        return false;
    for (char c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

bool validVersion(std::string_view vers)
{
    if (vers.empty() || vers.size() > 128 || vers[0] < '0' || vers[0] > '9')
        return false;
    char previous = 0;
    for (char c : vers) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                        (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+';
        if (!ok || (c == '.' && previous == '.'))
            return false;
        previous = c;
    }
    return true;
}

bool validChecksum(std::string_view cksum)
{
    if (cksum.size() != 64)
        return false;
    for (char c : cksum) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

/// The raw key (the bytes after the opening quote) equals `key` followed by its quote.
template <size_t N> bool keyIs(const char *raw, const char (&key)[N])
{
    return std::memcmp(raw, key, N - 1) == 0 && raw[N - 1] == '"';
}

/// A string or null value; false for another type.
bool stringOrNull(od::value value, std::string_view &out)
{
    bool isNull = false;
    if (value.is_null().get(isNull) == SUCCESS && isNull) {
        out = {};
        return true;
    }
    return value.get_string().get(out) == SUCCESS;
}

bool readDependency(od::object object, ScannedDependency &dep)
{
    bool haveName = false;
    bool haveReq = false;
    for (auto fieldResult : object) {
        od::field field;
        if (std::move(fieldResult).get(field) != SUCCESS)
            return false;
        const char *key = field.key().raw();
        od::value value = field.value();
        if (keyIs(key, "name")) {
            if (value.get_string().get(dep.name) != SUCCESS)
                return false;
            haveName = true;
        } else if (keyIs(key, "req")) {
            if (value.get_string().get(dep.req) != SUCCESS)
                return false;
            haveReq = true;
        } else if (keyIs(key, "target")) {
            if (!stringOrNull(value, dep.target))
                return false;
        } else if (keyIs(key, "kind")) {
            if (!stringOrNull(value, dep.kind))
                return false;
        } else if (keyIs(key, "package")) {
            if (!stringOrNull(value, dep.package))
                return false;
        } else if (keyIs(key, "registry")) {
            if (!stringOrNull(value, dep.registry))
                return false;
        } else if (keyIs(key, "optional")) {
            bool isNull = false;
            if (!(value.is_null().get(isNull) == SUCCESS && isNull) &&
                value.get_bool().get(dep.optional) != SUCCESS)
                return false;
        }
    }
    if (dep.kind.empty())
        dep.kind = "normal";
    return haveName && haveReq;
}

} // namespace

struct IndexScanner::Parser
{
    od::parser parser;
};

IndexScanner::IndexScanner(Fields fields) : m_fields(fields), m_parser(std::make_unique<Parser>())
{}

IndexScanner::~IndexScanner() = default;

int IndexScanner::scan(QByteArrayView file, const LineCallback &onLine)
{
    const auto size = static_cast<size_t>(file.size());
    // simdjson reads up to SIMDJSON_PADDING bytes past a document: one padded copy per file
    // lets every line be parsed in place.
    if (m_padded.size() < size + simdjson::SIMDJSON_PADDING)
        m_padded.resize(size + simdjson::SIMDJSON_PADDING + size / 2);
    if (size > 0)
        std::memcpy(m_padded.data(), file.data(), size);
    std::memset(m_padded.data() + size, 0, simdjson::SIMDJSON_PADDING);
    m_scannedBytes += file.size();

    const char *const base = m_padded.data();
    const auto total = static_cast<qsizetype>(size);
    int skipped = 0;
    ScannedLine line;
    qsizetype start = 0;
    while (start < total) {
        const void *newline = std::memchr(base + start, '\n', size_t(total - start));
        const qsizetype end = newline ? static_cast<const char *>(newline) - base : total;
        qsizetype length = end - start;
        const char *begin = base + start;
        // Blank lines (whitespace only) are neither lines nor problems.
        qsizetype firstNonBlank = 0;
        while (firstNonBlank < length &&
               (begin[firstNonBlank] == ' ' || begin[firstNonBlank] == '\t' ||
                begin[firstNonBlank] == '\r'))
            ++firstNonBlank;
        if (firstNonBlank < length) {
            line.raw = QByteArrayView(file.data() + start, length);
            line.offset = start;
            if (length > 0 && begin[length - 1] == '\r')
                --length;
            const auto capacity = static_cast<qsizetype>(m_padded.size()) - start;
            if (scanLine(begin, length, capacity, line))
                onLine(line);
            else
                ++skipped;
        }
        start = end + 1;
    }
    return skipped;
}

bool IndexScanner::scanLine(const char *begin, qsizetype length, qsizetype capacity,
                            ScannedLine &line)
{
    od::document doc;
    if (m_parser->parser.iterate(begin, size_t(length), size_t(capacity)).get(doc) != SUCCESS)
        return false;
    od::object object;
    if (doc.get_object().get(object) != SUCCESS)
        return false;
    const bool wantDeps = m_fields == Fields::Dependencies;
    m_deps.clear();
    line.name = {};
    line.vers = {};
    line.cksum = {};
    line.yanked = false;
    line.schemaVersion = 1;
    bool haveDeps = false;
    for (auto fieldResult : object) {
        od::field field;
        if (std::move(fieldResult).get(field) != SUCCESS)
            return false;
        const char *key = field.key().raw();
        od::value value = field.value();
        switch (key[0]) {
        case 'n':
            if (keyIs(key, "name") && value.get_string().get(line.name) != SUCCESS)
                return false;
            break;
        case 'v':
            if (keyIs(key, "vers")) {
                if (value.get_string().get(line.vers) != SUCCESS)
                    return false;
            } else if (keyIs(key, "v")) {
                bool isNull = false;
                if (value.is_null().get(isNull) == SUCCESS && isNull)
                    break;
                uint64_t v = 0;
                if (value.get_uint64().get(v) != SUCCESS ||
                    v > uint64_t(IndexLine::maxSchemaVersion))
                    return false;
                line.schemaVersion = int(v);
            }
            break;
        case 'c':
            if (keyIs(key, "cksum") && value.get_string().get(line.cksum) != SUCCESS)
                return false;
            break;
        case 'y':
            if (keyIs(key, "yanked")) {
                bool isNull = false;
                if (!(value.is_null().get(isNull) == SUCCESS && isNull) &&
                    value.get_bool().get(line.yanked) != SUCCESS)
                    return false;
            }
            break;
        case 'd':
            if (keyIs(key, "deps")) {
                od::array deps;
                if (value.get_array().get(deps) != SUCCESS)
                    return false;
                haveDeps = true;
                if (!wantDeps)
                    break; // left unread: the object iteration skips it
                for (auto element : deps) {
                    od::object depObject;
                    if (element.get_object().get(depObject) != SUCCESS)
                        return false;
                    ScannedDependency &dep = m_deps.emplace_back();
                    if (!readDependency(depObject, dep))
                        return false;
                }
            }
            break;
        default:
            break;
        }
    }
    if (!haveDeps || !validName(line.name) || !validVersion(line.vers) ||
        !validChecksum(line.cksum))
        return false;
    line.deps = std::span<const ScannedDependency>(m_deps.data(), m_deps.size());
    return true;
}

} // namespace Stowaway
