// SPDX-License-Identifier: GPL-3.0-or-later
#include "servecommand.h"

#include "commandparser.h"
#include "lantoken.h"
#include "listenaddress.h"
#include "mirrorserver.h"
#include "mirrorstore.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QTimer>

namespace Stowaway {

int ServeCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(tr("Serves the mirror to cargo over HTTP/1.1 and h2c until "
                            "stopped with Ctrl-C.\nPoint cargo at it with "
                            "'stowaway cargo-config enable'."));
    parser.addOption({QStringLiteral("listen"),
                      tr("Address and port to listen on (default: server.listen in "
                         "mirror.toml, 127.0.0.1:27428)."),
                      QStringLiteral("ADDR:PORT")});
    parser.addOption({QStringLiteral("token-env"),
                      tr("Require cargo to send the token held in environment "
                         "variable NAME (LAN sharing; config.json then says "
                         "auth-required)."),
                      QStringLiteral("NAME")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, tr("serve takes no arguments"));

    LanToken token;
    if (parser.isSet(QStringLiteral("token-env"))) {
        const QString variable = parser.value(QStringLiteral("token-env"));
        token = LanToken(qgetenv(variable.toLocal8Bit().constData()));
        if (!LanToken::isAcceptable(token.value()))
            return parser.usageError(context,
                                     tr("--token-env: environment variable %1 must hold the "
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

    MirrorRouterOptions routerOptions;
    routerOptions.token = token;
    MirrorServer server(layout, routerOptions);
    server.setSummary(store.summary());
    QTimer summaryTimer;
    summaryTimer.setInterval(2000);
    QObject::connect(&summaryTimer, &QTimer::timeout, &summaryTimer,
                     [&] { server.setSummary(store.summary()); });
    summaryTimer.start();
    if (!server.start(*listen, store.config().maxConnections(), &error)) {
        context.err << "stowaway: " << error << "\n";
        return ExitFailed;
    }

    const ListenAddress bound = server.bound();
    const MirrorSummary now = server.summary();
    context.out << tr("Serving %1 (%2 crates, %3 versions) on %4")
                       .arg(layout.root(), QString::number(now.crates),
                            QString::number(now.versions), bound.localUrl())
                << "\n";
    if (!token.isEmpty())
        context.out << tr("Requests must carry the token from $%1 (auth-required).")
                           .arg(parser.value(QStringLiteral("token-env")))
                    << "\n";
    context.out
        << tr("Point cargo at it: stowaway cargo-config enable --url %1").arg(bound.localUrl())
        << "\n"
        << tr("Stop with Ctrl-C.") << "\n";
    context.out.flush();

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::stopRequested, QCoreApplication::instance(),
                     [&context](int) {
                         context.err << "stowaway: " << tr("stopping") << "\n";
                         context.err.flush();
                         QCoreApplication::quit();
                     });
    QCoreApplication::exec();
    server.stop();
    return ExitOk;
}

} // namespace Stowaway
