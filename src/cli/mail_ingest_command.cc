// E-mail in (app/mail/ingest.h):
//   fuwu mail-ingest: one RFC 5322 message on standard input (an MTA pipe) becomes a new record or
//     a reply on an existing one. Prints one JSON line with the outcome. Exit status: 0 handled
//     (also when ignored or rejected, so the MTA does not bounce), 65 not a message, 75 the
//     database is unavailable (the MTA retries later).
//   fuwu mail-poll: the same for every unseen message of an IMAP mailbox (one JSON line each);
//     a message that could not be handed over is put back to unseen for the next pass.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <iterator>

#include "app/mail/ingest.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "domain/richtext/sanitize.h"
#include "mail/parse.h"
#include "net/imap.h"

namespace fuwu::cli {
namespace {

struct Flags {
  std::string db = "data/fuwu.db";
  app::MailboxPolicy policy;
  std::string unknown_senders = "create-contact";
  std::string mail_domain = "fuwu.localdomain";
  std::string our_address;
};

// Parses and hands over one message; the JSON line describing the outcome.
Result<boost::json::object> ingest_raw(const Flags& f, store::Database& db, const Clock& clock,
                                       const std::string& raw) {
  auto parsed = mail::parse_mail(raw);
  if (!parsed.ok()) return std::move(parsed).error();
  app::IncomingMail in;
  in.message_id = parsed->message_id;
  if (!parsed->in_reply_to.empty()) in.thread_ids.push_back(parsed->in_reply_to);
  for (auto it = parsed->references.rbegin(); it != parsed->references.rend(); ++it)
    in.thread_ids.push_back(*it);
  in.from_address = parsed->from_address;
  in.from_name = parsed->from_name;
  in.subject = parsed->subject;
  in.body = !parsed->text.empty() ? parsed->text : richtext::html_to_text(parsed->html);
  in.ignore_reason = mail::loop_reason(*parsed, f.mail_domain, f.our_address);
  if (in.ignore_reason.empty() && in.from_address.empty()) in.ignore_reason = "no_sender";
  for (auto& a : parsed->attachments)
    in.files.push_back({a.filename, std::move(a.bytes)});
  // The original message, as received, next to what was taken from it.
  std::string eml_name = parsed->message_id.empty() ? "message" : parsed->message_id;
  for (char& c : eml_name)
    if (c == '/' || c == '\\' || c == '<' || c == '>' || c == ':' || c == '"') c = '_';
  in.files.push_back({eml_name.substr(0, 200) + ".eml", raw});
  in.size = static_cast<std::int64_t>(parsed->size);

  app::MailboxPolicy policy = f.policy;
  policy.create_contacts = f.unknown_senders == "create-contact";
  app::MailOutcome out;
  TRY_VOID(db.write([&](store::Executor& ex) -> Status {
    out = TRY(app::ingest_mail(ex, clock.now(), policy, in));
    return {};
  }));
  boost::json::object line{{"outcome", out.outcome}, {"mailbox", policy.name}};
  if (out.ticket_id) {
    line["ticket_id"] = out.ticket_id;
    line["number"] = out.number;
  }
  line["attachments_kept"] = out.attachments_kept;
  if (out.attachments_refused) line["attachments_refused"] = out.attachments_refused;
  return line;
}

void ingest(const Flags& f) {
  std::string raw((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (raw.size() > 50u * 1024 * 1024) fail(Error(ErrorCode::payload_too_large, "over 50 MB"), 65);
  auto opened = open_database(f.db, MigrateMode::check_current);
  if (!opened.ok()) fail(opened.error(), 75);
  SystemClock clock;
  auto line = ingest_raw(f, *opened->db, clock, raw);
  if (!line.ok()) {
    const auto code = line.error().code;
    fail(line.error(), code == ErrorCode::invalid_request ? 65
                       : code == ErrorCode::unavailable   ? 75
                                                          : 2);
  }
  std::cout << boost::json::serialize(*line) << "\n";
}

struct PollFlags : Flags {
  net::ImapSettings imap;
  std::string password_env = "FUWU_IMAP_PASSWORD";
  int limit = 100;
};

void poll(const PollFlags& f) {
  PollFlags settings = f;
  if (const char* pw = std::getenv(f.password_env.c_str())) settings.imap.password = pw;
  auto opened = open_database(f.db, MigrateMode::check_current);
  if (!opened.ok()) fail(opened.error(), 75);
  SystemClock clock;
  auto uids = net::imap_unseen(settings.imap);
  if (!uids.ok()) fail(uids.error(), 75);
  int handled = 0;
  for (const auto uid : *uids) {
    if (handled++ == f.limit) break;
    auto raw = net::imap_fetch(settings.imap, uid);
    if (!raw.ok()) fail(raw.error(), 75);
    auto line = ingest_raw(settings, *opened->db, clock, *raw);
    if (!line.ok() && line.error().code == ErrorCode::invalid_request) {
      line = boost::json::object{{"outcome", "not_a_message"}, {"mailbox", f.policy.name}};
    }
    if (!line.ok()) {
      // Not handed over: unseen again, so the next pass retries it.
      (void)net::imap_mark_unseen(settings.imap, uid);
      fail(line.error(), line.error().code == ErrorCode::unavailable ? 75 : 2);
    }
    (*line)["uid"] = uid;
    std::cout << boost::json::serialize(*line) << "\n";
  }
}

void add_policy_options(CLI::App* cmd, Flags& f) {
  cmd->add_option("--db", f.db, "Database: a SQLite file or a postgresql:// URL");
  cmd->add_option("--mailbox", f.policy.name, "Mailbox name, for the log (default: default)");
  cmd->add_option("--kind", f.policy.kind, "Kind of new records (default: incident)")
      ->check(CLI::IsMember({"incident", "request"}));
  cmd->add_option("--organisation", f.policy.default_organisation_id,
                  "Organisation id for senders who belong to none (default: reject them)");
  cmd->add_option("--unknown-senders", f.unknown_senders, "create-contact (default) or reject")
      ->check(CLI::IsMember({"create-contact", "reject"}));
  cmd->add_option("--rate-limit", f.policy.rate_limit_per_hour,
                  "Messages per sender per hour that act (default 20)");
  cmd->add_option("--mail-domain", f.mail_domain,
                  "Our Message-ID domain (mail.domain), to recognise our own messages");
  cmd->add_option("--our-address", f.our_address,
                  "Our sender address (mail.from), to recognise our own messages");
}

constexpr const char* kOutcomes =
    "Prints one JSON line per message: {\"outcome\": \"created\" | \"replied\" | \"duplicate\" | "
    "\"ignored_auto_reply\" | \"ignored_bounce\" | \"ignored_own\" | \"rate_limited\" | "
    "\"rejected_unknown_sender\" | \"rejected_no_organisation\", ...}.\n";

}  // namespace

void add_mail_ingest_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("mail-ingest",
                                 "Turn one e-mail on standard input into a new record or a reply");
  add_policy_options(cmd, *f);
  cmd->footer(std::string(kOutcomes) +
              "Exit status: 0 handled, 65 not an e-mail, 75 database unavailable (retry).\n"
              "Examples:\n"
              "  fuwu mail-ingest --db /var/lib/fuwu/fuwu.db --mailbox support < message.eml\n"
              "  # Postfix /etc/aliases:  support: \"|/usr/bin/fuwu mail-ingest --db "
              "/var/lib/fuwu/fuwu.db --mailbox support --organisation 3\"");
  cmd->callback([f] { ingest(*f); });

  auto p = std::make_shared<PollFlags>();
  auto* poll_cmd = app.add_subcommand(
      "mail-poll", "Turn the unseen messages of an IMAP mailbox into records and replies");
  add_policy_options(poll_cmd, *p);
  poll_cmd->add_option("--imap-url", p->imap.url, "imap://host:port/INBOX or imaps://...")
      ->required();
  poll_cmd->add_option("--username", p->imap.username, "IMAP login")->required();
  poll_cmd->add_option("--password-env", p->password_env,
                       "Environment variable holding the password (default FUWU_IMAP_PASSWORD)");
  poll_cmd->add_flag("--starttls", p->imap.starttls, "Require STARTTLS on imap://");
  poll_cmd->add_option("--ca-file", p->imap.ca_file, "CA bundle to verify the server");
  poll_cmd->add_option("--limit", p->limit, "At most this many messages per run (default 100)");
  poll_cmd->footer(std::string(kOutcomes) +
                   "Fetching marks a message seen; one that could not be handed over is put "
                   "back to unseen.\nExit status: 0 done, 75 server or database unavailable "
                   "(retry).\nExample (cron, every minute):\n"
                   "  FUWU_IMAP_PASSWORD=... fuwu mail-poll --db /var/lib/fuwu/fuwu.db --mailbox "
                   "support --imap-url imaps://imap.example.com/INBOX --username support");
  poll_cmd->callback([p] { poll(*p); });
}

}  // namespace fuwu::cli
