// E-mail in (app/mail/ingest.h):
//   fuwu mail-ingest: one RFC 5322 message on standard input (an MTA pipe) becomes a new record or
//     a reply on an existing one. Prints one JSON line with the outcome. Exit status: 0 handled
//     (also when ignored or rejected, so the MTA does not bounce), 65 not a message, 75 the
//     database is unavailable (the MTA retries later).
//   fuwu mail-poll: the same for every unseen message of an IMAP mailbox (one JSON line each);
//     a message that could not be handed over is put back to unseen for the next pass.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <memory>

#include "app/mail/ingest.h"
#include "base/crypto.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "domain/richtext/sanitize.h"
#include "mail/parse.h"
#include "net/imap.h"

namespace fuwu::cli {
namespace {

constexpr std::size_t kMaxMessageBytes = 50u * 1024 * 1024;

struct Flags {
  std::string db = "data/fuwu.db";
  app::MailboxPolicy policy;
  std::string unknown_senders = "create-contact";
  std::string mail_domain = "fuwu.localdomain";
  std::string our_address;
};

// Parses one message into what the use case takes (parsing needs no database).
Result<app::IncomingMail> prepare(const Flags& f, const std::string& raw) {
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
    in.files.push_back({a.filename, std::move(a.bytes), std::nullopt});
  // The original message, as received, next to what was taken from it.
  std::string eml_name = parsed->message_id.empty() ? "message" : parsed->message_id;
  for (char& c : eml_name)
    if (c == '/' || c == '\\' || c == '<' || c == '>' || c == ':' || c == '"') c = '_';
  // Hashed and sniffed here, outside the write unit (the writer thread is the bottleneck).
  for (auto& file : in.files)
    file.sniffed = app::sniff_file(file.bytes);
  // The original is what GMime has just read as an RFC 5322 message: its type is known.
  in.files.push_back({eml_name.substr(0, 200) + ".eml", raw,
                      app::SniffedFile{crypto::sha256_hex(raw), "message/rfc822"}});
  in.size = static_cast<std::int64_t>(parsed->size);
  return in;
}

app::MailboxPolicy policy_of(const Flags& f) {
  app::MailboxPolicy policy = f.policy;
  policy.create_contacts = f.unknown_senders == "create-contact";
  return policy;
}

// Hands one parsed message over inside the caller's unit; the JSON line describing the outcome.
Result<boost::json::object> hand_over(store::Executor& ex, Instant now,
                                      const app::MailboxPolicy& policy,
                                      const app::IncomingMail& in) {
  const app::MailOutcome out = TRY(app::ingest_mail(ex, now, policy, in));
  boost::json::object line{{"outcome", out.outcome}, {"mailbox", policy.name}};
  if (out.ticket_id) {
    line["ticket_id"] = out.ticket_id;
    line["number"] = out.number;
  }
  line["attachments_kept"] = out.attachments_kept;
  if (out.attachments_refused) line["attachments_refused"] = out.attachments_refused;
  return line;
}

// Parses and hands over one message in its own unit; the JSON line describing the outcome.
Result<boost::json::object> ingest_raw(const Flags& f, store::Database& db, const Clock& clock,
                                       const std::string& raw) {
  const app::IncomingMail in = TRY(prepare(f, raw));
  boost::json::object line;
  TRY_VOID(db.write([&](store::Executor& ex) -> Status {
    line = TRY(hand_over(ex, clock.now(), policy_of(f), in));
    return {};
  }));
  return line;
}

int exit_code_of(const Error& e) {
  return e.code == ErrorCode::invalid_request ? 65 : e.code == ErrorCode::unavailable ? 75 : 2;
}

void ingest(const Flags& f) {
  std::string raw((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (raw.size() > kMaxMessageBytes) fail(Error(ErrorCode::payload_too_large, "over 50 MB"), 65);
  auto opened = open_database(f.db, MigrateMode::check_current);
  if (!opened.ok()) fail(opened.error(), 75);
  SystemClock clock;
  auto line = ingest_raw(f, *opened->db, clock, raw);
  if (!line.ok()) fail(line.error(), exit_code_of(line.error()));
  std::cout << boost::json::serialize(*line) << "\n";
}

// --- a Maildir: every message in new/, several per unit ----------------------------------------

struct MaildirFlags : Flags {
  std::string maildir;
  int batch = 50;
};

struct Pending {
  std::filesystem::path file;
  std::optional<app::IncomingMail> mail;  // nullopt: not a message
  boost::json::object line;
  bool handled = true;  // false: its unit failed; it stays in new/
};

// The messages waiting in DIR/new, oldest first (Maildir names start with the delivery time).
std::vector<std::filesystem::path> waiting_messages(const std::filesystem::path& new_dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(new_dir)) {
    if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Moves a handled message to cur/ with the "seen" flag, as a mail reader would.
void mark_handled(const std::filesystem::path& file, const std::filesystem::path& cur_dir) {
  std::error_code ec;
  std::filesystem::rename(file, cur_dir / (file.filename().string() + ":2,S"), ec);
  if (ec) fail(Error(ErrorCode::internal, "cannot move " + file.string() + ": " + ec.message()));
}

// Hands `batch` over in ONE write unit (one commit for all of them); if the unit fails, each
// message gets its own unit, so one bad message does not hold up the others.
Status hand_over_batch(store::Database& db, const Clock& clock, const app::MailboxPolicy& policy,
                       std::vector<Pending>& batch) {
  auto all = db.write([&](store::Executor& ex) -> Status {
    const Instant now = clock.now();
    for (auto& p : batch)
      if (p.mail) p.line = TRY(hand_over(ex, now, policy, *p.mail));
    return {};
  });
  if (all.ok()) return {};
  if (all.error().code == ErrorCode::unavailable) return all;
  for (auto& p : batch) {
    if (!p.mail) continue;
    auto one = db.write([&](store::Executor& ex) -> Status {
      p.line = TRY(hand_over(ex, clock.now(), policy, *p.mail));
      return {};
    });
    if (!one.ok() && one.error().code == ErrorCode::unavailable) return one;
    if (!one.ok()) {
      p.handled = false;
      p.line = {{"outcome", "failed"}, {"mailbox", policy.name}, {"error", one.error().message}};
    }
  }
  return {};
}

// Reads and parses messages [start, end) of `files` (no database work).
std::vector<Pending> prepare_batch(const Flags& f, const std::vector<std::filesystem::path>& files,
                                   std::size_t start, std::size_t end) {
  std::vector<Pending> batch;
  for (std::size_t i = start; i < end; ++i) {
    Pending p{files[i], std::nullopt, {}};
    std::ifstream in(files[i], std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto mail = raw.size() > kMaxMessageBytes
                    ? Result<app::IncomingMail>(Error(ErrorCode::payload_too_large, "over 50 MB"))
                    : prepare(f, raw);
    if (mail.ok()) {
      p.mail = std::move(*mail);
    } else {
      p.line = {{"outcome", "not_a_message"}, {"mailbox", f.policy.name}};
    }
    batch.push_back(std::move(p));
  }
  return batch;
}

// Messages are read and parsed (and their files hashed and sniffed) on this thread while the
// previous batch is being written: the two overlap, one core each.
void ingest_maildir(const MaildirFlags& f) {
  const std::filesystem::path root(f.maildir);
  const auto new_dir = root / "new";
  const auto cur_dir = root / "cur";
  if (!std::filesystem::is_directory(new_dir) || !std::filesystem::is_directory(cur_dir))
    fail(Error(ErrorCode::invalid_request, f.maildir + " is not a Maildir (no new/ and cur/)"), 2);
  auto opened = open_database(f.db, MigrateMode::check_current);
  if (!opened.ok()) fail(opened.error(), 75);
  SystemClock clock;
  const app::MailboxPolicy policy = policy_of(f);
  const auto files = waiting_messages(new_dir);
  const std::size_t per_unit = static_cast<std::size_t>(std::max(1, f.batch));
  std::shared_ptr<std::vector<Pending>> writing;
  std::future<Status> written;
  // Waits for the batch being written, then reports it and moves its files to cur/.
  auto finish = [&] {
    if (!writing) return;
    // Not handed over (the database is unavailable): the messages stay in new/ for the next run.
    if (auto done = written.get(); !done.ok()) fail(done.error(), exit_code_of(done.error()));
    for (auto& p : *writing) {
      if (p.handled) mark_handled(p.file, cur_dir);
      p.line["file"] = p.file.filename().string();
      std::cout << boost::json::serialize(p.line) << "\n";
    }
    writing.reset();
  };
  for (std::size_t start = 0; start < files.size(); start += per_unit) {
    auto batch = std::make_shared<std::vector<Pending>>(
        prepare_batch(f, files, start, std::min(files.size(), start + per_unit)));
    finish();  // a reply in this batch may answer a message of the previous one
    writing = batch;
    written = std::async(std::launch::async, [&db = *opened->db, &clock, &policy, batch] {
      return hand_over_batch(db, clock, policy, *batch);
    });
  }
  finish();
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
  auto f = std::make_shared<MaildirFlags>();
  auto* cmd = app.add_subcommand(
      "mail-ingest",
      "Turn one e-mail on standard input (or every new one in a Maildir) into a record or a reply");
  add_policy_options(cmd, *f);
  cmd->add_option("--maildir", f->maildir,
                  "Instead of standard input: every message in DIR/new (a Maildir), moved to "
                  "DIR/cur when handled");
  cmd->add_option("--batch", f->batch,
                  "With --maildir: messages handed over per transaction (default 50)")
      ->check(CLI::Range(1, 1000));
  cmd->footer(std::string(kOutcomes) +
              "With --maildir each line also names the \"file\"; a message that is not an e-mail "
              "is moved to cur/ as \"not_a_message\", one that failed (\"failed\") stays in new/.\n"
              "Exit status: 0 handled, 65 not an e-mail, 75 database unavailable (retry; with "
              "--maildir the messages not yet handed over stay in new/).\n"
              "Examples:\n"
              "  fuwu mail-ingest --db /var/lib/fuwu/fuwu.db --mailbox support < message.eml\n"
              "  fuwu mail-ingest --db /var/lib/fuwu/fuwu.db --mailbox support --maildir "
              "/var/mail/support   # e.g. every minute from cron, after fetchmail/getmail\n"
              "  # Postfix /etc/aliases:  support: \"|/usr/bin/fuwu mail-ingest --db "
              "/var/lib/fuwu/fuwu.db --mailbox support --organisation 3\"");
  cmd->callback([f] {
    if (f->maildir.empty())
      ingest(*f);
    else
      ingest_maildir(*f);
  });

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
