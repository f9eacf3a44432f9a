// SPDX-License-Identifier: GPL-3.0-or-later
#include "requesttarget.h"

#include <QStringDecoder>

namespace Stowaway {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isControl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

// Checks the segments of a decoded path: no ".", "..", or empty segment except a
// trailing one ("/index/" is fine, "//x" and "/a/../b" are not).
bool segmentsAreSafe(QByteArrayView path, QByteArray *reason)
{
    qsizetype start = 1; // path[0] == '/'
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (segment == "..") {
            *reason = "path contains a '..' segment";
            return false;
        }
        if (segment == ".") {
            *reason = "path contains a '.' segment";
            return false;
        }
        if (segment.isEmpty() && end != path.size()) {
            *reason = "path contains an empty segment ('//')";
            return false;
        }
        start = end + 1;
    }
    return true;
}

} // namespace

bool RequestTarget::percentDecode(QByteArrayView in, QByteArray *out)
{
    out->clear();
    out->reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c != '%') {
            out->append(c);
            continue;
        }
        if (i + 2 >= in.size())
            return false;
        const int high = hexValue(in[i + 1]);
        const int low = hexValue(in[i + 2]);
        if (high < 0 || low < 0)
            return false;
        out->append(char(high * 16 + low));
        i += 2;
    }
    return true;
}

bool RequestTarget::parse(QByteArrayView target, QString *path, QByteArray *query,
                          QByteArray *reason)
{
    if (target.isEmpty() || target.front() != '/') {
        *reason = target == "*" ? "asterisk-form request-target is not supported"
                                : "only origin-form request-targets (\"/path\") are served; "
                                  "this is not a proxy";
        return false;
    }
    qsizetype pathEnd = target.indexOf('?');
    if (pathEnd < 0)
        pathEnd = target.size();
    const QByteArrayView rawPath = target.first(pathEnd);
    const QByteArrayView rawQuery =
        pathEnd < target.size() ? target.sliced(pathEnd + 1) : QByteArrayView();

    bool hasEscape = false;
    for (const char c : rawPath) {
        const auto u = static_cast<unsigned char>(c);
        if (isControl(u) || u >= 0x80 || c == ' ' || c == '\\' || c == '#') {
            *reason = "request-target contains a forbidden character";
            return false;
        }
        hasEscape = hasEscape || c == '%';
    }
    for (const char c : rawQuery) {
        const auto u = static_cast<unsigned char>(c);
        if (isControl(u) || u >= 0x80 || c == ' ' || c == '#') {
            *reason = "query contains a forbidden character";
            return false;
        }
    }

    if (!hasEscape) {
        // The common case: plain ASCII, nothing to decode.
        if (!segmentsAreSafe(rawPath, reason))
            return false;
        *path = QString::fromLatin1(rawPath);
        *query = rawQuery.toByteArray();
        return true;
    }

    QByteArray decoded;
    if (!percentDecode(rawPath, &decoded)) {
        *reason = "malformed percent-escape in path";
        return false;
    }
    for (const char c : decoded) {
        const auto u = static_cast<unsigned char>(c);
        if (isControl(u) || c == '\\') {
            *reason = "decoded path contains a control character or backslash";
            return false;
        }
        if (c == '%') {
            *reason = "decoded path still contains '%' (double encoding)";
            return false;
        }
    }
    if (!segmentsAreSafe(decoded, reason))
        return false;
    QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = toUtf16(decoded);
    if (toUtf16.hasError()) {
        *reason = "decoded path is not valid UTF-8";
        return false;
    }
    *path = std::move(text);
    *query = rawQuery.toByteArray();
    return true;
}

} // namespace Stowaway
