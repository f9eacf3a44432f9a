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
    // No early exit, so the compiler vectorises the loop: this runs for every line.
    unsigned bad = 0;
    for (size_t i = 0; i < 64; ++i) {
        const auto c = static_cast<unsigned char>(cksum[i]);
        bad |= unsigned(static_cast<unsigned char>(c - '0') > 9) &
               unsigned(static_cast<unsigned char>(c - 'a') > 5);
    }
    return bad == 0;
}

/// The raw key (the bytes after the opening quote) equals `key` followed by its quote.
/// Byte by byte, unrolled at compile time: keys are short and a call to memcmp per field
/// costs more than the comparison.
template <size_t N> bool keyIs(const char *raw, const char (&key)[N])
{
    for (size_t i = 0; i + 1 < N; ++i) {
        if (raw[i] != key[i])
            return false;
    }
    return raw[N - 1] == '"';
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
    // simdjson reads up to SIMDJSON_PADDING bytes past a document (never using them). Every
    // line but those in the file's last SIMDJSON_PADDING bytes has that many readable bytes
    // after it in the file itself, so it is parsed in place; only the tail is copied into a
    // padded buffer.
    constexpr qsizetype padding = qsizetype(simdjson::SIMDJSON_PADDING);
    const char *const data = file.data();
    const qsizetype total = file.size();
    m_scannedBytes += total;
    qsizetype tailStart = -1; // where the padded copy starts, once made
    int skipped = 0;
    ScannedLine line;
    qsizetype start = 0;
    while (start < total) {
        const void *newline = std::memchr(data + start, '\n', size_t(total - start));
        const qsizetype end = newline ? static_cast<const char *>(newline) - data : total;
        qsizetype length = end - start;
        const char *begin = data + start;
        qsizetype capacity = total - start;
        if (end + padding > total) {
            if (tailStart < 0) {
                tailStart = start;
                const auto tail = size_t(total - tailStart);
                if (m_padded.size() < tail + size_t(padding))
                    m_padded.resize(tail + size_t(padding));
                std::memcpy(m_padded.data(), data + tailStart, tail);
                std::memset(m_padded.data() + tail, ' ', size_t(padding));
            }
            begin = m_padded.data() + (start - tailStart);
            capacity = qsizetype(m_padded.size()) - (start - tailStart);
        }
        // Blank lines (whitespace only) are neither lines nor problems.
        qsizetype firstNonBlank = 0;
        while (firstNonBlank < length &&
               (begin[firstNonBlank] == ' ' || begin[firstNonBlank] == '\t' ||
                begin[firstNonBlank] == '\r'))
            ++firstNonBlank;
        if (firstNonBlank < length) {
            line.raw = QByteArrayView(data + start, length);
            line.offset = start;
            if (begin[length - 1] == '\r')
                --length;
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
