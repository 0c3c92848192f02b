#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/auth/auth.h"
#include "cli/command_table.h"
#include "cli/database.h"

namespace fuwu::cli {

void add_token_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("token", "Manage API bearer tokens");
  cmd->require_subcommand(1);
  struct Flags {
    std::string db = "data/fuwu.db";
    std::string login;
    std::string name;
    std::vector<std::string> scopes;
    std::string expires;
    std::int64_t id = 0;
  };
  auto f = std::make_shared<Flags>();

  auto run = [f](auto&& body) {
    auto opened = open_database(f->db, MigrateMode::check_current);
    if (!opened.ok()) fail(opened.error());
    SystemClock clock;
    app::Services services{*opened->db, clock, {}};
    body(services, app::Actor::system("cli"));
  };

  auto* create = cmd->add_subcommand("create", "Create a token; prints it once on the first line");
  create->add_option("LOGIN", f->login, "The user the token acts as")->required();
  create->add_option("--name", f->name, "A label for the token");
  create->add_option("--scope", f->scopes,
                     "Limit to permissions (repeatable; e.g. organisation.read, ticket.*)");
  create->add_option("--expires", f->expires, "Expiry as RFC 3339 (default: never)");
  create->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  create->footer(
      "Example:\n  fuwu token create alice --name erp-sync --scope organisation.read --db "
      "data/fuwu.db");
  create->callback([f, run] {
    run([&](app::Services& s, const app::Actor& actor) {
      app::NewToken in;
      in.login = f->login;
      in.name = f->name;
      if (!f->scopes.empty()) in.scopes = f->scopes;
      if (!f->expires.empty()) {
        in.expires_at = parse_rfc3339(f->expires);
        if (!in.expires_at)
          fail(Error(ErrorCode::invalid_request,
                     "--expires must be RFC 3339, e.g. 2027-01-01T00:00:00+08:00"));
      }
      auto token = app::create_token(s, actor, in);
      if (!token.ok()) fail(token.error());
      std::printf("%s\n", token->token.c_str());
      std::fprintf(stderr, "token %lld created for %s; it is shown only now\n",
                   static_cast<long long>(token->id), f->login.c_str());
    });
  });

  auto* revoke = cmd->add_subcommand("revoke", "Revoke a token by its id");
  revoke->add_option("ID", f->id, "Token id (printed by token create)")->required();
  revoke->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  revoke->footer("Example:\n  fuwu token revoke 3 --db data/fuwu.db");
  revoke->callback([f, run] {
    run([&](app::Services& s, const app::Actor& actor) {
      if (auto st = app::revoke_token(s, actor, f->id); !st.ok()) fail(st.error());
      std::printf("token %lld revoked\n", static_cast<long long>(f->id));
    });
  });
}

}  // namespace fuwu::cli
