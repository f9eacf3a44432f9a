// SPDX-License-Identifier: GPL-3.0-or-later
// A standalone HttpServer for load tests, e.g.
//   bench_httpserver 8089 &  wrk -t2 -c64 -d5s http://127.0.0.1:8089/small
// Serves /small (13 bytes) and /big (1 MiB) from memory; everything else is 404.
#include "accesslog.h"
#include "httpserver.h"
#include "requesthandler.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

using namespace Stowaway;

namespace {

class BenchHandler final : public RequestHandler
{
public:
    HttpResponse handle(const HttpRequest &request) override
    {
        HttpResponse response;
        if (request.path == QLatin1String("/small")) {
            response.headers = m_textHeaders;
            response.body = m_small;
        } else if (request.path == QLatin1String("/big")) {
            response.headers = m_textHeaders;
            response.body = m_big;
        } else {
            response = HttpResponse::error(404, "not found");
        }
        return response;
    }

private:
    const QList<std::pair<QByteArray, QByteArray>> m_textHeaders = {{"content-type", "text/plain"}};
    const QByteArray m_small = "hello, cargo\n";
    const QByteArray m_big = QByteArray(1024 * 1024, 'x');
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    ServerOptions options;
    options.port = args.size() > 1 ? quint16(args.at(1).toUInt()) : 8089;
    if (args.size() > 2)
        options.workerThreads = args.at(2).toInt();
    std::unique_ptr<AccessLog> log;
    if (args.size() > 3) {
        log = std::make_unique<AccessLog>(args.at(3));
        QString error;
        if (!log->open(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    BenchHandler handler;
    HttpServer server(handler, options, log.get());
    QString error;
    if (!server.listen(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u with %d workers%s\n", server.serverPort(),
                options.workerThreads, log ? " and an access log" : "");
    std::fflush(stdout);
    return app.exec();
}
