// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace Stowaway {

/**
 * A TOML file seen as lines, for editing it without disturbing a single byte of the rest.
 *
 * `parse` splits the bytes into lines (each keeps its own terminator, so CRLF, LF and a
 * missing final newline survive), remembers a UTF-8 BOM, and runs a small TOML lexer over
 * the lines to tell statements (table headers, key/value pairs) from comments, blank
 * lines and the continuation lines of multi-line strings and arrays. Text inside strings
 * is never mistaken for a header. Every statement line carries its full key path
 * (`[source.crates-io]` + `replace-with = …` → source, crates-io, replace-with).
 *
 * The lexer does not validate; parse the bytes with toml++ for that. `toBytes()` of an
 * unmodified parse returns the input exactly. A value type, safe on any thread.
 */
class CargoConfigText final
{
public:
    struct Line
    {
        enum Kind { Blank, Comment, Table, ArrayTable, KeyValue, Continuation };
        QByteArray content;    ///< the line without its terminator
        QByteArray terminator; ///< "\n", "\r\n" or empty (last line without newline)
        Kind kind = Blank;
        QStringList keyPath;    ///< headers: the table; key/values: table + dotted key
        QByteArray keyText;     ///< key/values: the key exactly as written
        int keyDepth = 0;       ///< key/values: how many dotted parts the key has
        QByteArray indent;      ///< leading spaces and tabs
        int statementLines = 1; ///< key/values: how many lines the statement spans
    };

    static CargoConfigText parse(const QByteArray &bytes);

    QByteArray toBytes() const;

    /// The line ending the file uses: that of its first line, "\n" when it has none.
    QByteArray eol;
    QByteArray bom;
    QList<Line> lines;
};

} // namespace Stowaway
