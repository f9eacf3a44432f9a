// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexline.h"

#include "indexpath.h"

#include <simdjson.h>

namespace Stowaway {

namespace {

QString toQString(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool isLowerHex64(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}

/// Reads an optional string field: absent or null → empty; another type → error.
bool optionalString(simdjson::dom::object object, std::string_view key, QString &out,
                    QString *error)
{
    simdjson::dom::element value;
    if (object[key].get(value) != simdjson::SUCCESS || value.is_null())
        return true;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS)
        return fail(error, IndexLine::tr("%1 is not a string").arg(toQString(key)));
    out = toQString(text);
    return true;
}

bool requiredString(simdjson::dom::object object, std::string_view key, QString &out,
                    QString *error)
{
    std::string_view text;
    if (object[key].get_string().get(text) != simdjson::SUCCESS)
        return fail(error, IndexLine::tr("%1 is missing or not a string").arg(toQString(key)));
    out = toQString(text);
    return true;
}

bool optionalBool(simdjson::dom::object object, std::string_view key, bool &out, QString *error)
{
    simdjson::dom::element value;
    if (object[key].get(value) != simdjson::SUCCESS || value.is_null())
        return true;
    if (value.get_bool().get(out) != simdjson::SUCCESS)
        return fail(error, IndexLine::tr("%1 is not true or false").arg(toQString(key)));
    return true;
}

bool parseDependency(simdjson::dom::element element, IndexDependency &dep, QString *error)
{
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return fail(error, IndexLine::tr("a dependency is not an object"));
    if (!requiredString(object, "name", dep.name, error) ||
        !requiredString(object, "req", dep.req, error) ||
        !optionalBool(object, "optional", dep.optional, error) ||
        !optionalBool(object, "default_features", dep.defaultFeatures, error) ||
        !optionalString(object, "target", dep.target, error) ||
        !optionalString(object, "registry", dep.registry, error) ||
        !optionalString(object, "package", dep.package, error))
        return false;
    QString kind;
    if (!optionalString(object, "kind", kind, error))
        return false;
    if (!kind.isEmpty())
        dep.kind = kind;
    simdjson::dom::element features;
    if (object["features"].get(features) == simdjson::SUCCESS && !features.is_null()) {
        simdjson::dom::array list;
        if (features.get_array().get(list) != simdjson::SUCCESS)
            return fail(error,
                        IndexLine::tr("features of dependency %1 is not a list").arg(dep.name));
        for (simdjson::dom::element feature : list) {
            std::string_view text;
            if (feature.get_string().get(text) != simdjson::SUCCESS)
                return fail(
                    error,
                    IndexLine::tr("a feature of dependency %1 is not a string").arg(dep.name));
            dep.features.append(toQString(text));
        }
    }
    return true;
}

std::optional<IndexLine> parseWith(simdjson::dom::parser &parser, QByteArrayView line,
                                   QString *error)
{
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
        line.chop(1);
    simdjson::dom::element document;
    const auto status =
        parser.parse(line.data(), static_cast<size_t>(line.size()), true).get(document);
    if (status != simdjson::SUCCESS) {
        fail(error, IndexLine::tr("not valid JSON (%1)")
                        .arg(QString::fromUtf8(simdjson::error_message(status))));
        return std::nullopt;
    }
    simdjson::dom::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS) {
        fail(error, IndexLine::tr("not a JSON object"));
        return std::nullopt;
    }
    IndexLine result;
    simdjson::dom::element schema;
    if (object["v"].get(schema) == simdjson::SUCCESS && !schema.is_null()) {
        uint64_t v = 0;
        if (schema.get_uint64().get(v) != simdjson::SUCCESS) {
            fail(error, IndexLine::tr("v is not a whole number"));
            return std::nullopt;
        }
        if (v > static_cast<uint64_t>(IndexLine::maxSchemaVersion)) {
            fail(error, IndexLine::tr("schema version v=%1 is newer than this program "
                                      "understands (%2)")
                            .arg(v)
                            .arg(IndexLine::maxSchemaVersion));
            return std::nullopt;
        }
        result.schemaVersion = static_cast<int>(v);
    }
    if (!requiredString(object, "name", result.name, error) ||
        !requiredString(object, "vers", result.vers, error) ||
        !requiredString(object, "cksum", result.cksum, error) ||
        !optionalBool(object, "yanked", result.yanked, error) ||
        !optionalString(object, "links", result.links, error))
        return std::nullopt;
    if (!IndexPath::isValidCrateName(result.name)) {
        fail(error, IndexLine::tr("name %1 is not a valid crate name").arg(result.name));
        return std::nullopt;
    }
    if (!IndexPath::isValidVersion(result.vers)) {
        fail(error, IndexLine::tr("vers %1 is not a usable version").arg(result.vers));
        return std::nullopt;
    }
    if (!isLowerHex64(result.cksum)) {
        fail(error, IndexLine::tr("cksum is not 64 lower-case hex digits"));
        return std::nullopt;
    }
    simdjson::dom::array deps;
    if (object["deps"].get_array().get(deps) != simdjson::SUCCESS) {
        fail(error, IndexLine::tr("deps is missing or not a list"));
        return std::nullopt;
    }
    for (simdjson::dom::element element : deps) {
        IndexDependency dep;
        if (!parseDependency(element, dep, error))
            return std::nullopt;
        result.deps.append(std::move(dep));
    }
    result.raw = line.toByteArray();
    return result;
}

} // namespace

std::optional<IndexLine> IndexLine::parse(QByteArrayView line, QString *error)
{
    simdjson::dom::parser parser;
    return parseWith(parser, line, error);
}

IndexLine::FileLines IndexLine::parseFile(const QByteArray &file)
{
    FileLines result;
    simdjson::dom::parser parser;
    qsizetype start = 0;
    int lineNumber = 0;
    while (start < file.size()) {
        qsizetype end = file.indexOf('\n', start);
        if (end < 0)
            end = file.size();
        ++lineNumber;
        const QByteArrayView line(file.constData() + start, end - start);
        if (!line.trimmed().isEmpty()) {
            QString problem;
            std::optional<IndexLine> parsed = parseWith(parser, line, &problem);
            if (parsed) {
                parsed->raw = line.toByteArray(); // exact bytes, a trailing '\r' included
                parsed->offset = start;
                result.lines.append(std::move(*parsed));
            } else {
                ++result.skipped;
                result.problems.append(IndexLine::tr("line %1: %2").arg(lineNumber).arg(problem));
            }
        }
        start = end + 1;
    }
    return result;
}

} // namespace Stowaway
