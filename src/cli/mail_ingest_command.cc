// fuwu mail-ingest: one RFC 5322 message on standard input (an MTA pipe, or a poller) becomes a
// new record or a reply on an existing one (app/mail/ingest.h). Prints one JSON line with the
// outcome. Exit status: 0 handled (also when ignored or rejected, so the MTA does not bounce),
// 65 not a message, 75 the database is unavailable (the MTA retries later).
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <iterator>

#include "app/mail/ingest.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "mail/parse.h"

namespace fuwu::cli {
namespace {

struct Flags {
  std::string db = "data/fuwu.db";
  app::MailboxPolicy policy;
  std::string unknown_senders = "create-contact";
  std::string mail_domain = "fuwu.localdomain";
  std::string our_address;
};

void ingest(const Flags& f) {
  std::string raw((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (raw.size() > 50u * 1024 * 1024) fail(Error(ErrorCode::payload_too_large, "over 50 MB"), 65);
  auto parsed = mail::parse_mail(raw);
  if (!parsed.ok()) fail(parsed.error(), 65);
  app::IncomingMail in;
  in.message_id = parsed->message_id;
  if (!parsed->in_reply_to.empty()) in.thread_ids.push_back(parsed->in_reply_to);
  for (auto it = parsed->references.rbegin(); it != parsed->references.rend(); ++it)
    in.thread_ids.push_back(*it);
  in.from_address = parsed->from_address;
  in.from_name = parsed->from_name;
  in.subject = parsed->subject;
  in.body = !parsed->text.empty() ? parsed->text : mail::html_to_text(parsed->html);
  in.ignore_reason = mail::loop_reason(*parsed, f.mail_domain, f.our_address);
  if (in.ignore_reason.empty() && in.from_address.empty()) in.ignore_reason = "no_sender";
  in.attachments = static_cast<int>(parsed->attachments.size());
  in.size = static_cast<std::int64_t>(parsed->size);

  app::MailboxPolicy policy = f.policy;
  policy.create_contacts = f.unknown_senders == "create-contact";
  auto opened = open_database(f.db, MigrateMode::check_current);
  if (!opened.ok()) fail(opened.error(), 75);
  SystemClock clock;
  app::MailOutcome out;
  auto st = opened->db->write([&](store::Executor& ex) -> Status {
    out = TRY(app::ingest_mail(ex, clock.now(), policy, in));
    return {};
  });
  if (!st.ok()) fail(st.error(), st.error().code == ErrorCode::unavailable ? 75 : 2);
  boost::json::object line{{"outcome", out.outcome}, {"mailbox", policy.name}};
  if (out.ticket_id) {
    line["ticket_id"] = out.ticket_id;
    line["number"] = out.number;
  }
  if (in.attachments) line["attachments_not_kept"] = in.attachments;
  std::cout << boost::json::serialize(line) << "\n";
}

}  // namespace

void add_mail_ingest_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("mail-ingest",
                                 "Turn one e-mail on standard input into a new record or a reply");
  cmd->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  cmd->add_option("--mailbox", f->policy.name, "Mailbox name, for the log (default: default)");
  cmd->add_option("--kind", f->policy.kind, "Kind of new records (default: incident)")
      ->check(CLI::IsMember({"incident", "request"}));
  cmd->add_option("--organisation", f->policy.default_organisation_id,
                  "Organisation id for senders who belong to none (default: reject them)");
  cmd->add_option("--unknown-senders", f->unknown_senders, "create-contact (default) or reject")
      ->check(CLI::IsMember({"create-contact", "reject"}));
  cmd->add_option("--rate-limit", f->policy.rate_limit_per_hour,
                  "Messages per sender per hour that act (default 20)");
  cmd->add_option("--mail-domain", f->mail_domain,
                  "Our Message-ID domain (mail.domain), to recognise our own messages");
  cmd->add_option("--our-address", f->our_address,
                  "Our sender address (mail.from), to recognise our own messages");
  cmd->footer(
      "Prints one JSON line: {\"outcome\": \"created\" | \"replied\" | \"duplicate\" | "
      "\"ignored_auto_reply\" | \"ignored_bounce\" | \"ignored_own\" | \"rate_limited\" | "
      "\"rejected_unknown_sender\" | \"rejected_no_organisation\", ...}.\n"
      "Exit status: 0 handled, 65 not an e-mail, 75 database unavailable (retry).\n"
      "Examples:\n"
      "  fuwu mail-ingest --db /var/lib/fuwu/fuwu.db --mailbox support < message.eml\n"
      "  # Postfix /etc/aliases:  support: \"|/usr/bin/fuwu mail-ingest --db "
      "/var/lib/fuwu/fuwu.db --mailbox support --organisation 3\"");
  cmd->callback([f] { ingest(*f); });
}

}  // namespace fuwu::cli
