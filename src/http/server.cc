// The only translation unit that includes Boost.Beast and Boost.Asio (they are slow to compile).
#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <unordered_set>

#include "base/log.h"

namespace fuwu::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  std::atomic<bool> busy{false};
};

// A syntax error in the client's HTTP (worth a 400), as opposed to a timeout or a closed socket.
bool is_parse_error(const beast::error_code& ec) {
  const auto& http_category = beast::error_code(bhttp::error::bad_target).category();
  return ec.category() == http_category && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message && ec != bhttp::error::need_more;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string new_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t boot =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%llu",
                static_cast<unsigned long long>((boot >> 16) & 0xffffffffULL),
                static_cast<unsigned long long>(++counter));
  return buf;
}

std::string canned_problem(int status, std::string_view slug, std::string_view title) {
  std::string body = "{\"type\":\"https://fuwu.dev/problems/";
  body += slug;
  body += "\",\"title\":\"";
  body += title;
  body += "\",\"status\":";
  body += std::to_string(status);
  body += "}";
  return body;
}

}  // namespace

struct Server::Impl {
  ServerOptions opt;
  Handler handler;
  BodyLimit body_limit;
  Observer observer;

  asio::io_context ioc;
  asio::thread_pool workers;
  asio::thread_pool read_workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer drain_timer;

  std::mutex conns_mutex;
  std::unordered_set<std::shared_ptr<Connection>> conns;
  std::atomic<int> connection_count{0};
  std::atomic<bool> stopping{false};
  std::chrono::steady_clock::time_point drain_deadline;

  Impl(ServerOptions o, Handler h, BodyLimit b, Observer obs)
      : opt(std::move(o)),
        handler(std::move(h)),
        body_limit(std::move(b)),
        observer(std::move(obs)),
        ioc(opt.io_threads),
        workers(static_cast<std::size_t>(opt.worker_threads)),
        read_workers(static_cast<std::size_t>(opt.read_worker_threads)),
        acceptor(ioc),
        signals(ioc),
        drain_timer(ioc) {}

  asio::awaitable<void> write_canned(std::shared_ptr<Connection> c, bhttp::status status,
                                     std::string_view slug, std::string_view title) {
    bhttp::response<bhttp::string_body> res{status, 11};
    res.set(bhttp::field::content_type, "application/problem+json");
    res.set(bhttp::field::connection, "close");
    res.body() = canned_problem(static_cast<int>(status), slug, title);
    res.keep_alive(false);
    res.prepare_payload();
    c->stream.expires_after(std::chrono::seconds(5));
    co_await bhttp::async_write(c->stream, res, kTuple);
    beast::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    // Lingering close: a client still sending its (rejected) body would get a reset instead of
    // our answer if we closed now. Discard what it sends for a short while, up to 16 MiB.
    char discard[16384];
    std::size_t drained = 0;
    c->stream.expires_after(std::chrono::seconds(2));
    while (drained < 16 * 1024 * 1024) {
      auto [ec, n] = co_await c->stream.async_read_some(asio::buffer(discard), kTuple);
      if (ec) break;
      drained += n;
    }
  }

  // A streamed response (Response::stream): the header and the first bytes, then what the stream
  // has every 200 ms until it ends, a write fails (the client went away) or the server drains.
  // No Content-Length: the body ends with the connection.
  asio::awaitable<void> stream_body(std::shared_ptr<Connection> c, const Request& req,
                                    Response& resp, unsigned version) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(resp.status), version};
    for (auto& [k, v] : resp.headers)
      res.set(k, v);
    res.set("X-Request-Id", req.request_id);
    res.keep_alive(false);
    res.body() = std::move(resp.body);
    c->stream.expires_after(std::chrono::seconds(opt.request_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_write(c->stream, res, kTuple);
    (void)n;
    if (ec) co_return;
    asio::steady_timer timer(c->stream.get_executor());
    while (!stopping.load() && resp.stream->open()) {
      timer.expires_after(std::chrono::milliseconds(200));
      co_await timer.async_wait(kTuple);
      const std::string chunk = resp.stream->take();
      if (chunk.empty()) continue;
      c->stream.expires_after(std::chrono::seconds(opt.request_timeout_seconds));
      auto [wec, wn] = co_await asio::async_write(c->stream, asio::buffer(chunk), kTuple);
      (void)wn;
      if (wec) co_return;
    }
  }

  asio::awaitable<void> session(std::shared_ptr<Connection> c) {
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
      // The real limit depends on the route; it is set once the header names the target.
      parser.body_limit(boost::none);
      c->stream.expires_after(std::chrono::seconds(opt.idle_timeout_seconds));
      auto [ec, n] = co_await bhttp::async_read_header(c->stream, buffer, parser, kTuple);
      (void)n;
      if (ec) {
        if (ec == bhttp::error::header_limit) {
          co_await write_canned(c, bhttp::status::request_header_fields_too_large,
                                "invalid-request", "Request header fields too large");
        } else if (is_parse_error(ec)) {
          co_await write_canned(c, bhttp::status::bad_request, "invalid-request",
                                "Malformed HTTP request");
        }
        co_return;
      }
      c->busy = true;
      const auto& hdr = parser.get();
      const std::string_view target(hdr.target().data(), hdr.target().size());
      const auto qpos = target.find('?');
      const std::string_view path = target.substr(0, qpos);
      const std::size_t limit = body_limit(
          std::string_view(hdr.method_string().data(), hdr.method_string().size()), path);
      if (parser.content_length() && *parser.content_length() > limit) {
        co_await write_canned(c, bhttp::status::payload_too_large, "payload-too-large",
                              "Payload too large");
        co_return;
      }
      parser.body_limit(limit);
      if (!parser.is_done()) {
        c->stream.expires_after(std::chrono::seconds(opt.request_timeout_seconds));
        auto [ec2, n2] = co_await bhttp::async_read(c->stream, buffer, parser, kTuple);
        (void)n2;
        if (ec2) {
          if (ec2 == bhttp::error::body_limit) {
            co_await write_canned(c, bhttp::status::payload_too_large, "payload-too-large",
                                  "Payload too large");
          } else if (is_parse_error(ec2)) {
            co_await write_canned(c, bhttp::status::bad_request, "invalid-request",
                                  "Malformed HTTP request");
          }
          co_return;
        }
      }
      auto msg = parser.release();
      const auto started = std::chrono::steady_clock::now();

      Request req;
      req.method = std::string(msg.method_string());
      req.path = std::string(path);
      if (qpos != std::string_view::npos) req.query = std::string(target.substr(qpos + 1));
      req.headers.reserve(16);
      for (const auto& f : msg) {
        req.headers.emplace_back(
            lower(std::string_view(f.name_string().data(), f.name_string().size())),
            std::string(f.value()));
      }
      req.body = std::move(msg.body());
      beast::error_code ep_ec;
      const auto ep = c->stream.socket().remote_endpoint(ep_ec);
      if (!ep_ec) req.remote_address = ep.address().to_string();
      const std::string_view given_id = req.header("x-request-id");
      req.request_id = valid_request_id(given_id) ? std::string(given_id) : new_request_id();
      req.tls = req.header("x-forwarded-proto") == "https";

      const bool safe = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
      Response resp = co_await asio::co_spawn(
          safe ? read_workers.get_executor() : workers.get_executor(),
          [this, &req]() -> asio::awaitable<Response> {
            try {
              co_return handler(req);
            } catch (const std::exception& e) {
              log::error("http.handler_exception", {{"error", e.what()}, {"path", req.path}});
              Response r;
              r.status = 500;
              r.set_header("Content-Type", "application/problem+json");
              r.body = canned_problem(500, "internal", "Internal error");
              co_return r;
            }
          },
          asio::use_awaitable);

      if (resp.stream && req.method == "GET") {
        co_await stream_body(c, req, resp, msg.version());
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        resp.stream.reset();
        resp.body.clear();
        if (observer) observer(req, resp, seconds);
        beast::error_code ignored;
        c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(resp.status),
                                              msg.version()};
      for (auto& [k, v] : resp.headers)
        res.set(k, v);
      res.set("X-Request-Id", req.request_id);
      const bool keep = msg.keep_alive() && !resp.close && !stopping.load();
      res.keep_alive(keep);
      if (req.method == "HEAD") {
        res.content_length(resp.body.size());
        res.body().clear();
      } else {
        res.body() = std::move(resp.body);
        res.prepare_payload();
      }
      c->stream.expires_after(std::chrono::seconds(opt.request_timeout_seconds));
      auto [wec, wn] = co_await bhttp::async_write(c->stream, res, kTuple);
      (void)wn;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      resp.body.clear();
      resp.headers.clear();
      if (observer) observer(req, resp, seconds);
      c->busy = false;
      if (wec || !keep) {
        beast::error_code ignored;
        c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
    }
  }

  void start_session(tcp::socket socket) {
    auto conn = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(conns_mutex);
      conns.insert(conn);
    }
    ++connection_count;
    asio::co_spawn(conn->stream.get_executor(), session(conn), [this, conn](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          log::error("http.session_exception", {{"error", ex.what()}});
        }
      }
      std::lock_guard lock(conns_mutex);
      conns.erase(conn);
      --connection_count;
    });
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
      if (stopping) co_return;
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        // Out of file descriptors or a transient error: back off briefly, keep serving.
        asio::steady_timer t(ioc, std::chrono::milliseconds(50));
        co_await t.async_wait(kTuple);
        continue;
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      if (connection_count.load() >= opt.max_connections) {
        auto conn = std::make_shared<Connection>(std::move(socket));
        asio::co_spawn(conn->stream.get_executor(),
                       write_canned(conn, bhttp::status::service_unavailable, "unavailable",
                                    "Too many connections"),
                       asio::detached);
        continue;
      }
      start_session(std::move(socket));
    }
  }

  // Runs on the io_context: stop accepting, close idle connections, wait for the busy ones.
  void begin_drain() {
    if (stopping.exchange(true)) return;
    log::info("http.draining", {{"connections", connection_count.load()}});
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    drain_deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(opt.drain_timeout_seconds);
    close_idle();
    wait_drained();
  }

  void close_idle() {
    std::lock_guard lock(conns_mutex);
    for (const auto& c : conns) {
      asio::post(c->stream.get_executor(), [c] {
        if (!c->busy) {
          beast::error_code ignored;
          c->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
          c->stream.socket().close(ignored);
        }
      });
    }
  }

  void wait_drained() {
    if (connection_count.load() == 0 || std::chrono::steady_clock::now() >= drain_deadline) {
      ioc.stop();
      return;
    }
    close_idle();
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([this](beast::error_code) { wait_drained(); });
  }
};

Server::Server(ServerOptions options, Handler handler, BodyLimit body_limit, Observer observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(body_limit),
                                   std::move(observer))) {}

Server::~Server() {
  impl_->workers.join();
  impl_->read_workers.join();
}

Status Server::bind() {
  auto& a = impl_->acceptor;
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->opt.listen, ec);
  if (ec) return Error(ErrorCode::invalid_request, "invalid listen address: " + impl_->opt.listen);
  const tcp::endpoint ep(address, impl_->opt.port);
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error(ErrorCode::unavailable, "cannot listen on " + impl_->opt.listen + ":" +
                                             std::to_string(impl_->opt.port) + ": " + ec.message());
  }
  // Signals are taken from here on, before anyone can learn the port: a SIGTERM that arrives
  // between bind() and run() starts the drain as soon as run() begins instead of killing us.
  if (impl_->opt.handle_signals) {
    auto& im = *impl_;
    im.signals.add(SIGTERM);
    im.signals.add(SIGINT);
    im.signals.async_wait([&im](beast::error_code e, int) {
      if (!e) im.begin_drain();
    });
  }
  return {};
}

std::uint16_t Server::bound_port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

Status Server::run() {
  auto& im = *impl_;
  if (!im.acceptor.is_open()) TRY_VOID(bind());
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < im.opt.io_threads; ++i)
    threads.emplace_back([&im] { im.ioc.run(); });
  im.ioc.run();
  for (auto& t : threads)
    t.join();
  return {};
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

int Server::active_connections() const {
  return impl_->connection_count.load();
}

}  // namespace fuwu::http
