// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorhomepage.h"

#include "datasize.h"

#include <QCryptographicHash>
#include <QLocale>

namespace Stowaway {

namespace {

const char Style[] =
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "color:#1d1d1f;line-height:1.5}"
    "table{border-collapse:collapse}th{text-align:left;padding-right:2rem;font-weight:600}"
    "pre{background:#f3f3f5;padding:1rem;border-radius:6px;overflow-x:auto}"
    "button{font:inherit;padding:.3rem .9rem;cursor:pointer}"
    "code{background:#f3f3f5;padding:0 .2rem;border-radius:3px}";

const char Script[] =
    "document.getElementById('copy').addEventListener('click',function(){"
    "var text=document.getElementById('config').textContent;"
    "var done=function(){document.getElementById('copied').textContent='Copied.';};"
    "if(navigator.clipboard&&window.isSecureContext){"
    "navigator.clipboard.writeText(text).then(done);return;}"
    "var range=document.createRange();range.selectNodeContents(document.getElementById('config'));"
    "var selection=window.getSelection();selection.removeAllRanges();selection.addRange(range);"
    "if(document.execCommand('copy'))done();});";

QByteArray hashSource(const char *source)
{
    return "'sha256-" +
           QCryptographicHash::hash(QByteArrayView(source), QCryptographicHash::Sha256).toBase64() +
           "'";
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><th>") + label + QStringLiteral("</th><td>") +
           MirrorHomePage::escape(value) + QStringLiteral("</td></tr>\n");
}

} // namespace

QString MirrorHomePage::escape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QStringLiteral("&amp;");
            break;
        case u'<':
            out += QStringLiteral("&lt;");
            break;
        case u'>':
            out += QStringLiteral("&gt;");
            break;
        case u'"':
            out += QStringLiteral("&quot;");
            break;
        case u'\'':
            out += QStringLiteral("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString MirrorHomePage::cargoConfigSnippet(const QByteArray &host)
{
    return QStringLiteral("[source.crates-io]\nreplace-with = \"stowaway\"\n\n"
                          "[source.stowaway]\nregistry = \"sparse+http://") +
           QString::fromLatin1(host) + QStringLiteral("/index/\"\n");
}

QByteArray MirrorHomePage::contentSecurityPolicy()
{
    return "default-src 'none'; style-src " + hashSource(Style) + "; script-src " +
           hashSource(Script) + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

QByteArray MirrorHomePage::render(const MirrorSummary &summary, const QByteArray &host)
{
    const QLocale locale(QLocale::English, QLocale::UnitedStates);
    const QString lastSync =
        summary.lastSync.isValid()
            ? summary.lastSync.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
            : QStringLiteral("never");
    const QString upstream =
        summary.upstream.isEmpty() ? QStringLiteral("(not configured)") : summary.upstream;

    QString html;
    html.reserve(4096);
    html +=
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>Stowaway crates mirror</title>\n<style>");
    html += QLatin1String(Style);
    html += QStringLiteral("</style>\n</head>\n<body>\n<h1>Stowaway crates mirror</h1>\n"
                           "<p>This server is a mirror of crates.io for cargo. It serves only "
                           "what it has stored.</p>\n<h2>What it holds</h2>\n<table>\n");
    html += row(QStringLiteral("Crates"), locale.toString(summary.crates));
    html += row(QStringLiteral("Versions"), locale.toString(summary.versions));
    html += row(QStringLiteral("Size"), DataSize::format(summary.bytes, locale));
    html += row(QStringLiteral("Upstream"), upstream);
    html += row(QStringLiteral("Last sync"), lastSync);
    html += QStringLiteral(
        "</table>\n<h2>Use it with cargo</h2>\n"
        "<p>Add this to <code>~/.cargo/config.toml</code> "
        "(<code>%USERPROFILE%\\.cargo\\config.toml</code> on Windows):</p>\n<pre id=\"config\">");
    html += escape(cargoConfigSnippet(host));
    html += QStringLiteral("</pre>\n<p><button id=\"copy\" type=\"button\">Copy</button> "
                           "<span id=\"copied\" role=\"status\"></span></p>\n"
                           "<p>Or let Stowaway write it for you on this computer: "
                           "<code>stowaway cargo-config enable</code></p>\n<script>");
    html += QLatin1String(Script);
    html += QStringLiteral("</script>\n</body>\n</html>\n");
    return html.toUtf8();
}

} // namespace Stowaway
