// SPDX-License-Identifier: GPL-3.0-or-later
#include "servecommand.h"

#include "accesslog.h"
#include "commandparser.h"
#include "http2upgrader.h"
#include "httpserver.h"
#include "lantoken.h"
#include "listenaddress.h"
#include "mirrorrouter.h"
#include "mirrorstore.h"
#include "missrecorder.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QMutex>
#include <QTimer>

namespace Stowaway {

namespace {

/// The mirror's counts for the `/` page. The store lives on the main thread, the router
/// asks from server threads: a timer on the main thread refreshes a locked copy.
class SummarySnapshot
{
public:
    void set(const MirrorSummary &summary)
    {
        const QMutexLocker lock(&m_mutex);
        m_summary = summary;
    }
    MirrorSummary get() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_summary;
    }

private:
    mutable QMutex m_mutex;
    MirrorSummary m_summary;
};

} // namespace

int ServeCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(QStringLiteral("Serves the mirror to cargo over HTTP/1.1 and h2c until "
                                        "stopped with Ctrl-C.\nPoint cargo at it with "
                                        "'stowaway cargo-config enable'."));
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("Address and port to listen on (default: server.listen in "
                                     "mirror.toml, 127.0.0.1:27428)."),
                      QStringLiteral("ADDR:PORT")});
    parser.addOption({QStringLiteral("token-env"),
                      QStringLiteral("Require cargo to send the token held in environment "
                                     "variable NAME (LAN sharing; config.json then says "
                                     "auth-required)."),
                      QStringLiteral("NAME")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, QStringLiteral("serve takes no arguments"));

    LanToken token;
    if (parser.isSet(QStringLiteral("token-env"))) {
        const QString variable = parser.value(QStringLiteral("token-env"));
        token = LanToken(qgetenv(variable.toLocal8Bit().constData()));
        if (!LanToken::isAcceptable(token.value()))
            return parser.usageError(
                context, QStringLiteral("--token-env: environment variable %1 must hold the "
                                        "token, 16 to 256 visible ASCII characters")
                             .arg(variable));
    }

    const std::unique_ptr<MirrorStore> opened = parser.openStore(context);
    if (!opened)
        return ExitFailed;
    MirrorStore &store = *opened;
    const MirrorLayout &layout = store.layout();
    QString error;
    const QString listenText = parser.isSet(QStringLiteral("listen"))
                                   ? parser.value(QStringLiteral("listen"))
                                   : store.config().listen();
    const auto listen = ListenAddress::parse(listenText, &error);
    if (!listen) {
        if (parser.isSet(QStringLiteral("listen")))
            return parser.usageError(context, error);
        context.err << "stowaway: " << layout.configFile() << ": " << error << "\n";
        return ExitFailed;
    }

    AccessLog accessLog(layout.logsDir() + QStringLiteral("/access.log"));
    if (!accessLog.open(&error)) {
        context.err << "stowaway: " << error << "\n";
        return ExitFailed;
    }
    MissRecorder misses(layout);
    misses.load();

    SummarySnapshot summary;
    summary.set(store.summary());
    QTimer summaryTimer;
    summaryTimer.setInterval(2000);
    QObject::connect(&summaryTimer, &QTimer::timeout, &summaryTimer,
                     [&] { summary.set(store.summary()); });
    summaryTimer.start();

    MirrorRouterOptions routerOptions;
    routerOptions.token = token;
    MirrorRouter router(
        layout, [&summary] { return summary.get(); }, &misses, routerOptions);
    Http2Upgrader upgrader(&accessLog);
    ServerOptions options;
    options.address = listen->address;
    options.port = listen->port;
    options.maxConnections = store.config().maxConnections();
    HttpServer server(router, options, &accessLog);
    server.setProtocolUpgrader(&upgrader);
    if (!server.listen(&error)) {
        context.err << "stowaway: " << error << "\n";
        return ExitFailed;
    }

    ListenAddress bound = *listen;
    bound.port = server.serverPort();
    const MirrorSummary now = summary.get();
    context.out << "Serving " << layout.root() << " (" << now.crates << " crates, " << now.versions
                << " versions) on " << bound.localUrl() << "\n";
    if (!token.isEmpty())
        context.out << "Requests must carry the token from $"
                    << parser.value(QStringLiteral("token-env")) << " (auth-required).\n";
    context.out << "Point cargo at it: stowaway cargo-config enable --url " << bound.localUrl()
                << "\nStop with Ctrl-C.\n";
    context.out.flush();

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::stopRequested, QCoreApplication::instance(),
                     [&context](int) {
                         context.err << "stowaway: stopping\n";
                         context.err.flush();
                         QCoreApplication::quit();
                     });
    QCoreApplication::exec();
    server.close();
    misses.flush();
    accessLog.flush();
    return ExitOk;
}

} // namespace Stowaway
