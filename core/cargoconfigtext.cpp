// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigtext.h"

namespace Stowaway {

namespace {

enum class Multi { None, Basic, Literal };

/// What the lexer carries from one line to the next.
struct LexState
{
    Multi multi = Multi::None;
    int depth = 0; ///< open [ and { of the current value
    bool open() const { return multi != Multi::None || depth > 0; }
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

bool isBareKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

qsizetype skipSpace(const QByteArray &s, qsizetype i)
{
    while (i < s.size() && isSpace(s.at(i)))
        ++i;
    return i;
}

/// Skips a closing triple quote plus the up to two extra quotes TOML allows inside it.
qsizetype closeTriple(const QByteArray &s, qsizetype i, char quote)
{
    i += 3;
    for (int extra = 0; extra < 2 && i < s.size() && s.at(i) == quote; ++extra)
        ++i;
    return i;
}

/// Lexes the value part of a line from `i` on: strings, brackets and comments.
void lexValue(const QByteArray &s, qsizetype i, LexState &state)
{
    const qsizetype n = s.size();
    while (i < n) {
        const char c = s.at(i);
        if (state.multi == Multi::Basic) {
            if (c == '\\')
                i += 2;
            else if (s.mid(i, 3) == "\"\"\"") {
                i = closeTriple(s, i, '"');
                state.multi = Multi::None;
            } else
                ++i;
            continue;
        }
        if (state.multi == Multi::Literal) {
            if (s.mid(i, 3) == "'''") {
                i = closeTriple(s, i, '\'');
                state.multi = Multi::None;
            } else
                ++i;
            continue;
        }
        if (c == '#')
            return;
        if (c == '"' || c == '\'') {
            if (s.mid(i, 3) == QByteArray(3, c)) {
                state.multi = c == '"' ? Multi::Basic : Multi::Literal;
                i += 3;
                continue;
            }
            ++i;
            while (i < n && s.at(i) != c) {
                i += (c == '"' && s.at(i) == '\\') ? 2 : 1;
            }
            ++i;
            continue;
        }
        if (c == '[' || c == '{')
            ++state.depth;
        else if ((c == ']' || c == '}') && state.depth > 0)
            --state.depth;
        ++i;
    }
}

/// Decodes the escapes of a quoted basic key.
QString unescapeBasic(const QByteArray &raw)
{
    QString out;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (c != '\\' || i + 1 >= raw.size()) {
            qsizetype j = i;
            while (j < raw.size() && raw.at(j) != '\\')
                ++j;
            out += QString::fromUtf8(raw.mid(i, j - i));
            i = j - 1;
            continue;
        }
        const char e = raw.at(++i);
        switch (e) {
        case 'b':
            out += QLatin1Char('\b');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 'f':
            out += QLatin1Char('\f');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case 'u':
        case 'U': {
            const int len = e == 'u' ? 4 : 8;
            bool ok = false;
            const char32_t code = raw.mid(i + 1, len).toUInt(&ok, 16);
            if (ok) {
                out += QString::fromUcs4(&code, 1);
                i += len;
            }
            break;
        }
        default:
            out += QLatin1Char(e);
            break;
        }
    }
    return out;
}

/// Parses a dotted key at `i`; returns the position after it, or -1 if there is none.
qsizetype parseKey(const QByteArray &s, qsizetype i, QStringList &path)
{
    const qsizetype n = s.size();
    for (;;) {
        i = skipSpace(s, i);
        if (i >= n)
            return -1;
        const char c = s.at(i);
        if (c == '"' || c == '\'') {
            qsizetype j = i + 1;
            while (j < n && s.at(j) != c)
                j += (c == '"' && s.at(j) == '\\') ? 2 : 1;
            if (j >= n)
                return -1;
            const QByteArray raw = s.mid(i + 1, j - i - 1);
            path.append(c == '"' ? unescapeBasic(raw) : QString::fromUtf8(raw));
            i = j + 1;
        } else {
            qsizetype j = i;
            while (j < n && isBareKeyChar(s.at(j)))
                ++j;
            if (j == i)
                return -1;
            path.append(QString::fromLatin1(s.mid(i, j - i)));
            i = j;
        }
        i = skipSpace(s, i);
        if (i < n && s.at(i) == '.') {
            ++i;
            continue;
        }
        return i;
    }
}

} // namespace

CargoConfigText CargoConfigText::parse(const QByteArray &input)
{
    CargoConfigText text;
    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        text.bom = bytes.left(3);
        bytes.remove(0, 3);
    }
    qsizetype start = 0;
    while (start < bytes.size()) {
        Line line;
        const qsizetype nl = bytes.indexOf('\n', start);
        if (nl < 0) {
            line.content = bytes.mid(start);
            start = bytes.size();
        } else {
            const bool crlf = nl > start && bytes.at(nl - 1) == '\r';
            line.content = bytes.mid(start, nl - start - (crlf ? 1 : 0));
            line.terminator = crlf ? QByteArray("\r\n") : QByteArray("\n");
            start = nl + 1;
        }
        text.lines.append(line);
    }
    text.eol = text.lines.isEmpty() || text.lines.first().terminator.isEmpty()
                   ? QByteArray("\n")
                   : text.lines.first().terminator;

    LexState state;
    QStringList table;
    qsizetype owner = -1; // the statement a continuation line belongs to
    for (qsizetype index = 0; index < text.lines.size(); ++index) {
        Line &line = text.lines[index];
        const QByteArray &s = line.content;
        if (state.open()) {
            line.kind = Line::Continuation;
            if (owner >= 0)
                ++text.lines[owner].statementLines;
            lexValue(s, 0, state);
            continue;
        }
        qsizetype i = skipSpace(s, 0);
        line.indent = s.left(i);
        if (i >= s.size()) {
            line.kind = Line::Blank;
            continue;
        }
        if (s.at(i) == '#') {
            line.kind = Line::Comment;
            continue;
        }
        if (s.at(i) == '[') {
            const bool array = i + 1 < s.size() && s.at(i + 1) == '[';
            line.kind = array ? Line::ArrayTable : Line::Table;
            QStringList path;
            if (parseKey(s, i + (array ? 2 : 1), path) >= 0)
                line.keyPath = path;
            table = line.keyPath;
            continue;
        }
        line.kind = Line::KeyValue;
        QStringList key;
        const qsizetype end = parseKey(s, i, key);
        if (end < 0)
            continue;
        line.keyText = s.mid(i, end - i).trimmed();
        line.keyDepth = int(key.size());
        line.keyPath = table + key;
        if (end < s.size() && s.at(end) == '=') {
            owner = index;
            lexValue(s, end + 1, state);
        }
    }
    return text;
}

QByteArray CargoConfigText::toBytes() const
{
    QByteArray out = bom;
    for (const Line &line : lines)
        out += line.content + line.terminator;
    return out;
}

} // namespace Stowaway
