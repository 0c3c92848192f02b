#include <unistd.h>
#include <CLI/CLI.hpp>
#include <filesystem>

#include "app/auth/auth_cache.h"
#include "app/calendar/calendars.h"
#include "app/complaints/complaint.h"
#include "app/follow_ups/follow_up.h"
#include "app/statistics/statistics.h"
#include "app/tickets/sla_clocks.h"
#include "base/config.h"
#include "base/log.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "http/api.h"
#include "http/live_events.h"
#include "http/server.h"
#include "jobs/notifications.h"
#include "jobs/runner.h"
#include "jobs/statistics.h"
#include "store/events.h"
#include "store/postgres/postgres_database.h"

namespace fuwu::cli {
namespace {

// Every configuration key with its default (docs/administration.md documents them).
const std::map<std::string, std::string>& known_keys() {
  static const std::map<std::string, std::string> keys = {
      {"database.url", "data/fuwu.db"},
      {"database.synchronous", "full"},
      {"database.sqlite_cache_mb", "16"},
      {"database.sqlite_mmap_mb", "0"},
      {"http.listen", "127.0.0.1"},
      {"http.port", "8080"},
      {"http.io_threads", "2"},
      {"http.worker_threads", "64"},
      {"http.read_worker_threads", "2"},
      {"http.max_connections", "2048"},
      {"http.request_timeout_seconds", "30"},
      {"http.idle_timeout_seconds", "75"},
      {"http.max_json_bytes", "1048576"},
      {"http.max_upload_bytes", "52428800"},
      {"http.access_log", "true"},
      {"http.static_dir", ""},
      {"session.idle_minutes", "120"},
      {"session.absolute_hours", "12"},
      {"login.max_failures", "5"},
      {"login.window_minutes", "15"},
      {"login.lockout_minutes", "15"},
      {"jobs.enabled", "true"},
      {"http.public_url", ""},
      {"mail.smtp_host", ""},
      {"mail.smtp_port", "25"},
      {"mail.smtp_tls", "none"},
      {"mail.smtp_username", ""},
      {"mail.smtp_password", ""},
      {"mail.smtp_ca_file", ""},
      {"mail.smtp_verify", "true"},
      {"mail.from", "fuwu@localhost"},
      {"mail.from_name", "Fuwu 服务台"},
      {"mail.domain", "fuwu.localdomain"},
      {"webhooks.allow_private_addresses", "false"},
      {"webhooks.disable_after_failures", "10"},
      {"webhooks.timeout_seconds", "10"},
      {"attachments.max_file_bytes", "20971520"},
      {"attachments.max_record_bytes", "104857600"},
      {"attachments.chunk_bytes", "1048576"},
      {"attachments.upload_expiry_hours", "24"},
      {"attachments.forbidden_types", ""},
      {"attachments.forbidden_extensions", ""},
      // Moved to the after-sales settings (PUT /api/v1/work-orders/settings); still accepted so
      // that existing files load, and ignored with a warning.
      {"aftersales.repeat_window_days", ""},
  };
  return keys;
}

std::string default_static_dir() {
  // Next to the source tree when run from a checkout (build/release/fuwu), else ./web/dist.
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto candidate = exe.parent_path() / ".." / ".." / "web" / "dist";
    if (std::filesystem::exists(candidate / "index.html")) return candidate.lexically_normal();
  }
  if (std::filesystem::exists("web/dist/index.html")) return "web/dist";
  return "";
}

struct ServeFlags {
  std::string config_file;
  std::string db;
  std::string listen;
  int port = -1;
  std::string static_dir;
  bool migrate = false;
};

int64_t must(Result<std::int64_t> r) {
  if (!r.ok()) fail(r.error());
  return *r;
}

// [mail] and http.public_url: how notifications are rendered and sent.
jobs::NotificationSettings notification_settings(const Config& config) {
  jobs::NotificationSettings n;
  n.dispatch.public_url = config.get_or("http.public_url", "");
  while (!n.dispatch.public_url.empty() && n.dispatch.public_url.back() == '/')
    n.dispatch.public_url.pop_back();
  n.dispatch.mail_domain = config.get_or("mail.domain", "fuwu.localdomain");
  n.from_address = config.get_or("mail.from", "fuwu@localhost");
  n.from_name = config.get_or("mail.from_name", "");
  auto allow_private = config.get_bool("webhooks.allow_private_addresses", false);
  if (!allow_private.ok()) fail(allow_private.error());
  n.allow_private_addresses = *allow_private;
  n.webhook_disable_after =
      static_cast<int>(must(config.get_int("webhooks.disable_after_failures", 10)));
  n.webhook_timeout_seconds =
      static_cast<int>(must(config.get_int("webhooks.timeout_seconds", 10)));
  const std::string host = config.get_or("mail.smtp_host", "");
  if (!host.empty()) {
    net::SmtpSettings smtp;
    smtp.host = host;
    smtp.port = static_cast<int>(must(config.get_int("mail.smtp_port", 25)));
    smtp.tls = config.get_or("mail.smtp_tls", "none");
    if (smtp.tls != "none" && smtp.tls != "starttls" && smtp.tls != "implicit")
      fail(Error(ErrorCode::invalid_request, "mail.smtp_tls must be none, starttls or implicit"));
    smtp.username = config.get_or("mail.smtp_username", "");
    smtp.password = config.get_or("mail.smtp_password", "");
    smtp.ca_file = config.get_or("mail.smtp_ca_file", "");
    auto verify = config.get_bool("mail.smtp_verify", true);
    if (!verify.ok()) fail(verify.error());
    smtp.verify_peer = *verify;
    smtp.helo_domain = n.dispatch.mail_domain;
    n.smtp = smtp;
    n.dispatch.email_enabled = true;
  }
  return n;
}

void serve(const ServeFlags& f) {
  Config config;
  for (const auto& [k, v] : known_keys())
    config.set(k, v);
  if (!f.config_file.empty()) {
    if (auto st = config.load_file(f.config_file, known_keys()); !st.ok()) fail(st.error());
  }
  config.load_environment(known_keys());
  if (!f.db.empty()) config.set("database.url", f.db);
  if (!f.listen.empty()) config.set("http.listen", f.listen);
  if (f.port >= 0) config.set("http.port", std::to_string(f.port));
  if (!f.static_dir.empty()) config.set("http.static_dir", f.static_dir);

  SqliteTuning tuning;
  tuning.synchronous_full = config.get_or("database.synchronous", "full") != "normal";
  tuning.cache_mb = static_cast<int>(must(config.get_int("database.sqlite_cache_mb", 16)));
  tuning.mmap_mb = static_cast<int>(must(config.get_int("database.sqlite_mmap_mb", 0)));
  auto opened = open_database(config.get_or("database.url", ""),
                              f.migrate ? MigrateMode::apply : MigrateMode::check_current, tuning);
  if (!opened.ok()) fail(opened.error());

  SystemClock clock;
  app::Services services{*opened->db, clock, {}};
  app::AuthCache auth_cache;
  services.auth_cache = &auth_cache;
  services.settings.session_idle_minutes =
      static_cast<int>(must(config.get_int("session.idle_minutes", 120)));
  services.settings.session_absolute_hours =
      static_cast<int>(must(config.get_int("session.absolute_hours", 12)));
  services.settings.login_max_failures =
      static_cast<int>(must(config.get_int("login.max_failures", 5)));
  services.settings.login_window_minutes =
      static_cast<int>(must(config.get_int("login.window_minutes", 15)));
  services.settings.login_lockout_minutes =
      static_cast<int>(must(config.get_int("login.lockout_minutes", 15)));

  auto& attachments = services.settings.attachments;
  attachments.max_file_bytes = must(config.get_int("attachments.max_file_bytes", 20 << 20));
  attachments.max_record_bytes = must(config.get_int("attachments.max_record_bytes", 100 << 20));
  attachments.chunk_bytes = must(config.get_int("attachments.chunk_bytes", 1 << 20));
  attachments.upload_expiry_hours =
      static_cast<int>(must(config.get_int("attachments.upload_expiry_hours", 24)));
  // Empty keeps the built-in lists (docs/administration.md lists them); "none" empties them.
  for (auto [key, list] :
       {std::pair{"attachments.forbidden_types", &attachments.forbidden_types},
        std::pair{"attachments.forbidden_extensions", &attachments.forbidden_extensions}}) {
    const std::string v = config.get_or(key, "");
    if (v == "none")
      list->clear();
    else if (!v.empty())
      *list = attachment::parse_list(v);
  }
  if (attachments.chunk_bytes < 64 * 1024 || attachments.max_file_bytes < 1 ||
      attachments.max_record_bytes < attachments.max_file_bytes) {
    fail(Error(ErrorCode::invalid_request,
               "attachments.chunk_bytes must be at least 65536 and attachments.max_record_bytes "
               "at least attachments.max_file_bytes"));
  }
  if (!config.get("aftersales.repeat_window_days").value_or("").empty()) {
    log::warn("config.ignored",
              {{"key", "aftersales.repeat_window_days"},
               {"reason", "now an administrator setting: PUT /api/v1/work-orders/settings"}});
  }

  http::ApiOptions api_options;
  api_options.max_json_bytes =
      static_cast<std::size_t>(must(config.get_int("http.max_json_bytes", 1 << 20)));
  api_options.max_upload_bytes =
      static_cast<std::size_t>(must(config.get_int("http.max_upload_bytes", 50 << 20)));
  if (api_options.max_upload_bytes < static_cast<std::size_t>(attachments.chunk_bytes)) {
    fail(Error(ErrorCode::invalid_request,
               "http.max_upload_bytes must be at least attachments.chunk_bytes"));
  }
  auto access_log = config.get_bool("http.access_log", true);
  if (!access_log.ok()) fail(access_log.error());
  api_options.access_log = *access_log;
  api_options.static_dir = config.get_or("http.static_dir", "");
  if (api_options.static_dir.empty()) api_options.static_dir = default_static_dir();
  http::LiveEvents live(services);
  api_options.live_events = &live;
  http::Api api(services, api_options);

  http::ServerOptions server_options;
  server_options.listen = config.get_or("http.listen", "127.0.0.1");
  const auto port = must(config.get_int("http.port", 8080));
  if (port < 0 || port > 65535)
    fail(Error(ErrorCode::invalid_request, "the port must be 0 to 65535"));
  server_options.port = static_cast<std::uint16_t>(port);
  server_options.io_threads = static_cast<int>(must(config.get_int("http.io_threads", 2)));
  server_options.worker_threads = static_cast<int>(must(config.get_int("http.worker_threads", 64)));
  server_options.read_worker_threads =
      static_cast<int>(must(config.get_int("http.read_worker_threads", 2)));
  server_options.max_connections =
      static_cast<int>(must(config.get_int("http.max_connections", 2048)));
  server_options.request_timeout_seconds =
      static_cast<int>(must(config.get_int("http.request_timeout_seconds", 30)));
  server_options.idle_timeout_seconds =
      static_cast<int>(must(config.get_int("http.idle_timeout_seconds", 75)));

  http::Server server(
      server_options, [&api](http::Request& r) { return api.handle(r); },
      [&api](std::string_view m, std::string_view p) { return api.body_limit(m, p); },
      [&api](const http::Request& q, const http::Response& r, double s) { api.observe(q, r, s); });
  if (auto st = server.bind(); !st.ok()) fail(st.error());

  jobs::Runner runner(services, "node-" + std::to_string(::getpid()));
  runner.register_handler(std::string(app::kSlaThresholdJob), app::run_sla_threshold_job);
  runner.register_handler(std::string(app::kCalendarEditedJob), app::run_calendar_edited_job);
  runner.register_handler(std::string(app::kFollowUpJob), app::run_follow_up_job);
  runner.register_handler(std::string(app::kComplaintLimitJob), app::run_complaint_limit_job);
  const auto notifications = notification_settings(config);
  runner.register_handler(std::string(app::kDeliverJob),
                          [notifications](app::Services& s, const app::Job& job) {
                            return jobs::run_delivery_job(s, job, notifications);
                          });
  runner.register_handler(std::string(app::kStatisticsDistributeJob),
                          [notifications](app::Services& s, const app::Job& job) {
                            return jobs::run_statistics_job(s, job, notifications);
                          });
  jobs::NotificationPump pump(
      services, notifications, [&runner] { runner.notify(); }, [&live] { live.wake(); });
  auto jobs_enabled = config.get_bool("jobs.enabled", true);
  if (jobs_enabled.ok() && *jobs_enabled) {
    runner.start();
    pump.start();
  }

  // Events committed on any node (store/events.h), for live updates: on PostgreSQL a LISTEN
  // connection hears every node's commits; on SQLite the outbox is polled.
  auto events = opened->db->dialect() == store::DialectKind::postgres
                    ? store::postgres::listen_event_feed(config.get_or("database.url", ""))
                    : store::polling_event_feed(*opened->db, 500);
  if (auto st = live.start(); !st.ok()) fail(st.error());
  (void)events->start([&pump, &live](std::int64_t last_id) {
    log::info("events.committed", {{"last_id", last_id}});
    pump.wake();
    live.wake();
  });

  log::info("fuwu.serving",
            {{"listen", server_options.listen},
             {"port", static_cast<std::int64_t>(server.bound_port())},
             {"database", opened->description},
             {"web", api_options.static_dir.empty() ? "(not built)" : api_options.static_dir}});
  std::fprintf(stderr, "Fuwu is serving on http://%s:%u/ (database %s)\n",
               server_options.listen.c_str(), server.bound_port(), opened->description.c_str());
  auto st = server.run();
  events->stop();
  live.stop();
  pump.stop();
  runner.stop();
  log::info("fuwu.stopped", {});
  if (!st.ok()) fail(st.error());
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand("serve", "Run the HTTP API, the web UI and the job runner");
  cmd->add_option("--db", flags->db,
                  "Database: a SQLite file (default data/fuwu.db) or a postgresql:// URL");
  cmd->add_option("--port", flags->port, "TCP port (default 8080; 0 picks a free port)");
  cmd->add_option("--listen", flags->listen, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--config", flags->config_file, "Configuration file (key = value, [sections])");
  cmd->add_option("--static-dir", flags->static_dir, "Directory of the built web UI");
  cmd->add_flag("--migrate", flags->migrate, "Apply pending schema migrations before serving");
  cmd->footer(
      "Configuration: defaults < --config file < FUWU_* environment < flags.\n"
      "Examples:\n"
      "  fuwu serve --db data/fuwu.db --port 8080\n"
      "  FUWU_HTTP_ACCESS_LOG=false fuwu serve --db /var/lib/fuwu/fuwu.db --listen 0.0.0.0");
  cmd->callback([flags] { serve(*flags); });
}

}  // namespace fuwu::cli
