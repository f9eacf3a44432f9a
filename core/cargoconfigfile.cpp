// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigfile.h"

#include "cargoconfigtext.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <toml++/toml.h>

#include <optional>
#include <string_view>

namespace Stowaway {

namespace {

using Line = CargoConfigText::Line;

const QStringList ReplaceWithPath{QStringLiteral("source"), QStringLiteral("crates-io"),
                                  QStringLiteral("replace-with")};
const QStringList CratesIoPath{QStringLiteral("source"), QStringLiteral("crates-io")};
const QStringList StowawayPath{QStringLiteral("source"), QStringLiteral("stowaway")};
const QStringList SourcePath{QStringLiteral("source")};

constexpr const char *Banner =
    "# cargo gets crates.io from the local Stowaway mirror; undo: stowaway cargo-config disable";
constexpr const char *CreatedBanner = "# This file was created by `stowaway cargo-config enable`.";

struct Parsed
{
    std::optional<toml::table> table;
    QString error;
    int line = 0;
};

Parsed parseToml(const QByteArray &bytes)
{
    Parsed parsed;
    try {
        parsed.table = toml::parse(std::string_view(bytes.constData(), size_t(bytes.size())),
                                   std::string_view("config"));
    } catch (const toml::parse_error &error) {
        parsed.error =
            QString::fromUtf8(error.description().data(), qsizetype(error.description().size()));
        parsed.line = int(error.source().begin.line);
    }
    return parsed;
}

QString stringAt(const toml::table &table, const char *a, const char *b, const char *c)
{
    const std::optional<std::string> value = table[a][b][c].value<std::string>();
    return value ? QString::fromStdString(*value) : QString();
}

/// The table without the settings Stowaway owns, for comparing everything else.
toml::table withoutOurKeys(toml::table table)
{
    if (toml::table *source = table["source"].as_table()) {
        if (toml::table *cratesIo = (*source)["crates-io"].as_table()) {
            cratesIo->erase("replace-with");
            if (cratesIo->empty())
                source->erase("crates-io");
        }
        source->erase("stowaway");
        if (source->empty())
            table.erase("source");
    }
    return table;
}

bool isTagged(const Line &line)
{
    return line.kind != Line::Continuation &&
           line.content.trimmed().endsWith(CargoConfigFile::Marker);
}

bool isDisabled(const Line &line)
{
    return line.kind == Line::Comment && line.content.startsWith(CargoConfigFile::DisabledPrefix);
}

bool startsWith(const QStringList &path, const QStringList &prefix)
{
    return path.size() >= prefix.size() && path.mid(0, prefix.size()) == prefix;
}

struct Stripped
{
    QByteArray bytes;
    bool any = false;      ///< tagged or disabled lines were found
    bool disabled = false; ///< some lines had been commented out by --force
    bool created = false;  ///< the file was created by enable
};

/// Removes tagged lines and restores disabled ones: the inverse of enable.
Stripped stripOurs(const CargoConfigText &text)
{
    Stripped result;
    CargoConfigText out = text;
    out.lines.clear();
    bool lastTaggedWithoutNewline = false;
    for (qsizetype i = 0; i < text.lines.size(); ++i) {
        Line line = text.lines.at(i);
        if (isTagged(line)) {
            result.any = true;
            result.created = result.created || line.content.startsWith(CreatedBanner);
            lastTaggedWithoutNewline = i == text.lines.size() - 1 && line.terminator.isEmpty();
            continue;
        }
        if (isDisabled(line)) {
            result.any = result.disabled = true;
            line.content.remove(0, qsizetype(qstrlen(CargoConfigFile::DisabledPrefix)));
        }
        out.lines.append(line);
    }
    if (lastTaggedWithoutNewline && !out.lines.isEmpty())
        out.lines.last().terminator.clear();
    result.bytes = out.toBytes();
    return result;
}

/// Inserts tagged lines before `pos`. Inserting at the end of a file without a final
/// newline moves the missing newline to the last inserted line, so disable can undo it.
void insertLines(CargoConfigText &text, qsizetype pos, const QList<QByteArray> &contents)
{
    bool withoutNewline = false;
    if (pos == text.lines.size() && !text.lines.isEmpty() &&
        text.lines.last().terminator.isEmpty()) {
        text.lines.last().terminator = text.eol;
        withoutNewline = true;
    }
    for (const QByteArray &content : contents) {
        Line line;
        line.content = content + ' ' + CargoConfigFile::Marker;
        line.terminator = text.eol;
        text.lines.insert(pos++, line);
    }
    if (withoutNewline)
        text.lines[pos - 1].terminator.clear();
}

QByteArray quoted(const QString &value)
{
    return '"' + value.toUtf8() + '"';
}

/// A key part as TOML wants it written: bare when it can be, else a basic string.
QByteArray keyPart(const QString &part)
{
    const QByteArray utf8 = part.toUtf8();
    bool bare = !utf8.isEmpty();
    for (const char c : utf8)
        bare = bare && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_');
    if (bare)
        return utf8;
    QByteArray escaped = utf8;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + escaped + '"';
}

/// The first line setting a key inside source.crates-io through a dotted key, or -1.
qsizetype findDottedCratesIo(const CargoConfigText &text)
{
    for (qsizetype i = 0; i < text.lines.size(); ++i) {
        const Line &line = text.lines.at(i);
        if (line.kind == Line::KeyValue && line.keyPath.size() > CratesIoPath.size() &&
            startsWith(line.keyPath, CratesIoPath) &&
            line.keyPath.size() - line.keyDepth < CratesIoPath.size())
            return i;
    }
    return -1;
}

QString byHand(const QString &registry)
{
    return QStringLiteral("  [source.crates-io]\n  replace-with = \"stowaway\"\n\n"
                          "  [source.stowaway]\n  registry = \"%1\"")
        .arg(registry);
}

qsizetype findLine(const CargoConfigText &text, const QStringList &prefix, bool exact)
{
    for (qsizetype i = 0; i < text.lines.size(); ++i) {
        const Line &line = text.lines.at(i);
        if (line.kind != Line::KeyValue && line.kind != Line::Table &&
            line.kind != Line::ArrayTable)
            continue;
        if (exact ? line.keyPath == prefix : startsWith(line.keyPath, prefix))
            return i;
    }
    return -1;
}

/// Removing Stowaway's lines keeps every other setting as it was.
bool strippedCleanly(const Parsed &current, const Parsed &stripped)
{
    return current.table && stripped.table &&
           withoutOurKeys(*stripped.table) == withoutOurKeys(*current.table);
}

QString tangledMessage()
{
    return CargoConfigFile::tr(
               "settings were added between the lines ending in '%1', so removing "
               "those lines would change how cargo reads the rest; move your "
               "settings above them (or delete Stowaway's lines by hand) and run again")
        .arg(QLatin1String(CargoConfigFile::Marker));
}

CargoConfigFile::Edit refuse(const QString &message, qsizetype index)
{
    return {CargoConfigFile::Outcome::Refused, {}, message, int(index + 1), false};
}

} // namespace

QString CargoConfigFile::registryValue(const QString &url, QString *error)
{
    QString input = url.trimmed();
    if (input.startsWith(QLatin1String("sparse+")))
        input.remove(0, 7);
    const QUrl parsed(input, QUrl::StrictMode);
    QString problem;
    if (!parsed.isValid() || parsed.isRelative())
        problem = CargoConfigFile::tr("'%1' is not a URL").arg(url);
    else if (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))
        problem = CargoConfigFile::tr("'%1' is not an http or https URL").arg(url);
    else if (parsed.host().isEmpty())
        problem = CargoConfigFile::tr("'%1' has no host").arg(url);
    else if (!parsed.userInfo().isEmpty() || parsed.hasQuery() || parsed.hasFragment())
        problem = CargoConfigFile::tr("'%1' may not carry a user name, query or fragment").arg(url);
    if (!problem.isEmpty()) {
        if (error)
            *error = CargoConfigFile::tr("%1; give the mirror as http://HOST[:PORT][/PATH], "
                                         "e.g. http://127.0.0.1:27428")
                         .arg(problem);
        return {};
    }
    QString path = parsed.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (!path.endsWith(QLatin1String("/index")))
        path += QStringLiteral("/index");
    QUrl normal = parsed;
    normal.setPath(path + QLatin1Char('/'));
    return QStringLiteral("sparse+") + normal.toString(QUrl::FullyEncoded);
}

CargoConfigFile::Edit CargoConfigFile::enable(const QByteArray &original, const QString &registry,
                                              bool force, bool createsFile)
{
    const Parsed current = parseToml(original);
    if (!current.table)
        return {Outcome::Refused,
                {},
                CargoConfigFile::tr("does not parse as TOML (%1); fix it and run again")
                    .arg(current.error),
                current.line,
                false};
    if (stringAt(*current.table, "source", "crates-io", "replace-with") ==
            QLatin1String(SourceName) &&
        stringAt(*current.table, "source", SourceName, "registry") == registry)
        return {Outcome::Unchanged,
                {},
                CargoConfigFile::tr("cargo already uses the Stowaway mirror at %1; nothing changed")
                    .arg(registry),
                0,
                false};

    // Start from the file as it was before any earlier enable.
    const Stripped earlier = stripOurs(CargoConfigText::parse(original));
    const QString earlierRegistry = stringAt(*current.table, "source", SourceName, "registry");
    force = force || earlier.disabled;
    createsFile = createsFile || earlier.created;
    CargoConfigText text = CargoConfigText::parse(earlier.bytes);
    const Parsed base = parseToml(earlier.bytes);
    if (!strippedCleanly(current, base))
        return refuse(tangledMessage(), -1);

    // Shapes Stowaway does not edit: inline tables and arrays of tables for these keys.
    for (qsizetype i = 0; i < text.lines.size(); ++i) {
        const Line &line = text.lines.at(i);
        const bool inlineTable = line.kind == Line::KeyValue &&
                                 (line.keyPath == SourcePath || line.keyPath == CratesIoPath);
        const bool arrayTable =
            line.kind == Line::ArrayTable && startsWith(line.keyPath, SourcePath);
        if (inlineTable || arrayTable)
            return refuse((inlineTable ? tr("%1 is written as an inline table ({ … }), which "
                                            "Stowaway does not edit; rewrite it as [source.…] "
                                            "tables, or add these lines by hand:\n%2")
                                       : tr("%1 is written as an array of tables ([[…]]), which "
                                            "Stowaway does not edit; rewrite it as [source.…] "
                                            "tables, or add these lines by hand:\n%2"))
                              .arg(line.keyPath.join(QLatin1Char('.')), byHand(registry)),
                          i);
    }

    const QString foreign = stringAt(*base.table, "source", "crates-io", "replace-with");
    const bool hasReplaceWith = bool((*base.table)["source"]["crates-io"]["replace-with"]);
    const qsizetype replaceLine = findLine(text, ReplaceWithPath, true);
    const bool hasStowaway = bool((*base.table)["source"][SourceName]);
    const qsizetype stowawayLine = findLine(text, StowawayPath, false);
    if (hasReplaceWith && !force && foreign == QLatin1String(SourceName))
        return refuse(
            CargoConfigFile::tr("[source.crates-io] already has replace-with = \"stowaway\", "
                                "set by hand (with registry = \"%1\"); edit it by hand, or "
                                "run again with --force to let Stowaway manage it")
                .arg(stringAt(*base.table, "source", SourceName, "registry")),
            replaceLine);
    if (hasReplaceWith && !force)
        return refuse(CargoConfigFile::tr("[source.crates-io] already has replace-with = \"%1\"; "
                                          "remove it, or run again with --force to point it at "
                                          "Stowaway instead")
                          .arg(foreign),
                      replaceLine);
    if (hasStowaway && !force) {
        const QString other = stringAt(*base.table, "source", SourceName, "registry");
        return refuse(other.isEmpty()
                          ? tr("[source.stowaway] is already defined; remove it, or run again "
                               "with --force to replace it")
                          : tr("[source.stowaway] is already defined (registry = \"%1\"); remove "
                               "it, or run again with --force to replace it")
                                .arg(other),
                      stowawayLine);
    }

    // --force: keep the foreign lines as comments, to be restored by disable.
    for (qsizetype i = 0; force && i < text.lines.size(); ++i) {
        Line &line = text.lines[i];
        const bool ours = line.keyPath == ReplaceWithPath || startsWith(line.keyPath, StowawayPath);
        if (!ours || line.kind == Line::Comment || line.kind == Line::Blank ||
            line.kind == Line::Continuation)
            continue;
        if (line.statementLines > 1)
            return refuse(
                CargoConfigFile::tr("%1 spans several lines, which Stowaway does not edit; "
                                    "remove it by hand and run again")
                    .arg(line.keyPath.join(QLatin1Char('.'))),
                i);
        line.content.prepend(DisabledPrefix);
    }

    const QByteArray replaceWith = QByteArray(" = ") + quoted(QLatin1String(SourceName));
    QList<QByteArray> appended;
    if (createsFile)
        appended << QByteArray(CreatedBanner);
    appended << QByteArray(Banner);
    if (force && replaceLine >= 0) {
        const Line &old = text.lines.at(replaceLine);
        insertLines(text, replaceLine + 1, {old.indent + old.keyText + replaceWith});
    } else if (const qsizetype header = findLine(text, CratesIoPath, true);
               header >= 0 && text.lines.at(header).kind == Line::Table) {
        insertLines(text, header + 1, {QByteArray("replace-with") + replaceWith});
    } else if (const qsizetype dotted = findDottedCratesIo(text); dotted >= 0) {
        // crates-io exists only through dotted keys: add one more in the same style.
        const Line near = text.lines.at(dotted);
        QByteArray key = near.indent;
        for (qsizetype k = near.keyPath.size() - near.keyDepth; k < CratesIoPath.size(); ++k)
            key += keyPart(near.keyPath.at(k)) + '.';
        insertLines(text, dotted + near.statementLines, {key + "replace-with" + replaceWith});
    } else {
        appended << QByteArray("[source.crates-io]") << QByteArray("replace-with") + replaceWith;
    }
    appended << QByteArray("[source.stowaway]") << QByteArray("registry = ") + quoted(registry);
    insertLines(text, text.lines.size(), appended);
    const QByteArray result = text.toBytes();

    // Check the result the way cargo will read it before anyone writes it.
    const Parsed after = parseToml(result);
    QString failure;
    if (!after.table)
        failure = CargoConfigFile::tr("the edited file does not parse: %1").arg(after.error);
    else if (stringAt(*after.table, "source", "crates-io", "replace-with") !=
                 QLatin1String(SourceName) ||
             stringAt(*after.table, "source", SourceName, "registry") != registry ||
             (*after.table)["source"][SourceName].as_table()->size() != 1)
        failure = CargoConfigFile::tr("the edited file does not point crates-io at Stowaway");
    else if (!(withoutOurKeys(*after.table) == withoutOurKeys(*base.table)) ||
             !(withoutOurKeys(*after.table) == withoutOurKeys(*current.table)))
        failure = CargoConfigFile::tr("the edit would change other settings");
    else if (stripOurs(CargoConfigText::parse(result)).bytes != earlier.bytes)
        failure = CargoConfigFile::tr("disable would not restore the file exactly");
    if (!failure.isEmpty())
        return {Outcome::Failed,
                {},
                CargoConfigFile::tr("internal check failed (%1); nothing was written. Add these "
                                    "lines by hand instead:\n%2")
                    .arg(failure, byHand(registry)),
                0,
                false};

    QString message;
    if (earlier.any && !earlierRegistry.isEmpty())
        message = CargoConfigFile::tr("cargo now uses the Stowaway mirror at %1 (was %2)")
                      .arg(registry, earlierRegistry);
    else if (hasReplaceWith)
        message = CargoConfigFile::tr("cargo now uses the Stowaway mirror at %1 instead of \"%2\" "
                                      "(disable restores it)")
                      .arg(registry, foreign);
    else
        message = CargoConfigFile::tr("cargo now uses the Stowaway mirror at %1").arg(registry);
    return {Outcome::Changed, result, message, 0, false};
}

CargoConfigFile::Edit CargoConfigFile::disable(const QByteArray &original)
{
    const Parsed current = parseToml(original);
    if (!current.table)
        return {Outcome::Refused,
                {},
                CargoConfigFile::tr("does not parse as TOML (%1); fix it and run again")
                    .arg(current.error),
                current.line,
                false};
    const Stripped stripped = stripOurs(CargoConfigText::parse(original));
    if (!stripped.any) {
        const State state = inspect(original);
        if (state.replaceWith == QLatin1String(SourceName))
            return {
                Outcome::Unchanged,
                {},
                CargoConfigFile::tr("replace-with = \"stowaway\" was not added by Stowaway, so it "
                                    "is left alone; remove it by hand if cargo should use "
                                    "crates.io again"),
                state.replaceWithLine,
                false};
        return {Outcome::Unchanged,
                {},
                CargoConfigFile::tr("Stowaway is not enabled here; nothing changed"),
                0,
                false};
    }
    const Parsed after = parseToml(stripped.bytes);
    if (!strippedCleanly(current, after))
        return refuse(tangledMessage(), -1);
    const bool empty = stripped.bytes.isEmpty() || stripped.bytes == "\xEF\xBB\xBF";
    const QString restored = stringAt(*after.table, "source", "crates-io", "replace-with");
    return {
        Outcome::Changed, stripped.bytes,
        restored.isEmpty()
            ? CargoConfigFile::tr("cargo uses crates.io directly again")
            : CargoConfigFile::tr("restored replace-with = \"%1\"; cargo no longer uses Stowaway")
                  .arg(restored),
        0, stripped.created && empty};
}

CargoConfigFile::State CargoConfigFile::inspect(const QByteArray &text)
{
    State state;
    const Parsed parsed = parseToml(text);
    if (!parsed.table) {
        state.parses = false;
        state.error = parsed.error;
        state.errorLine = parsed.line;
        return state;
    }
    const toml::table &table = *parsed.table;
    state.replaceWith = stringAt(table, "source", "crates-io", "replace-with");
    if (const toml::node *node = table["source"]["crates-io"]["replace-with"].node()) {
        if (state.replaceWith.isEmpty()) // not a string: show what it is
            state.replaceWith = CargoConfigFile::tr("(not a string)");
        state.replaceWithLine = int(node->source().begin.line);
    }
    state.stowawayRegistry = stringAt(table, "source", SourceName, "registry");
    const CargoConfigText lines = CargoConfigText::parse(text);
    for (const Line &line : lines.lines)
        state.tagged = state.tagged || isTagged(line) || isDisabled(line);
    return state;
}

QString CargoConfigFile::locate(const QString &dir)
{
    const QString plain = QDir(dir).filePath(QStringLiteral("config"));
    if (QFileInfo(plain).isFile())
        return plain;
    return QDir(dir).filePath(QStringLiteral("config.toml"));
}

} // namespace Stowaway
