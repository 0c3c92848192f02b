#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/users/user.h"
#include "cli/command_table.h"
#include "cli/database.h"

namespace fuwu::cli {
namespace {

struct UserFlags {
  std::string db = "data/fuwu.db";
  std::string login;
  std::string role;
  std::int64_t organisation = 0;
  std::string display_name;
  std::string email;
  bool password_stdin = false;
};

template <typename F>
void with_services(const std::string& db, F&& f) {
  auto opened = open_database(db, MigrateMode::check_current);
  if (!opened.ok()) fail(opened.error());
  SystemClock clock;
  app::Services services{*opened->db, clock, {}};
  f(services, app::Actor::system("cli"));
}

std::string password_from_stdin(bool flag) {
  if (!flag) {
    fail(Error(ErrorCode::invalid_request,
               "pass the password on standard input with --password-stdin "
               "(never on the command line, where other users can see it)"));
  }
  return read_stdin_line();
}

}  // namespace

void add_user_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("user", "Manage user accounts");
  cmd->require_subcommand(1);
  auto f = std::make_shared<UserFlags>();

  auto* add = cmd->add_subcommand("add", "Create a user account");
  add->add_option("LOGIN", f->login, "Login name (3-64 characters: letters, digits . _ @ -)")
      ->required();
  add->add_option("--role", f->role, "admin, agent, customer or supplier")->required();
  add->add_option("--organisation", f->organisation, "Organisation id the user belongs to");
  add->add_option("--name", f->display_name, "Display name");
  add->add_option("--email", f->email, "E-mail address");
  add->add_flag("--password-stdin", f->password_stdin, "Read the password from standard input");
  add->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  add->footer(
      "Example:\n  echo 's3cret-Passw0rd' | fuwu user add alice --role agent --password-stdin --db "
      "data/fuwu.db");
  add->callback([f] {
    const std::string password = password_from_stdin(f->password_stdin);
    with_services(f->db, [&](app::Services& s, const app::Actor& actor) {
      auto user = app::add_user(
          s, actor, {f->login, f->role, f->organisation, password, f->display_name, f->email});
      if (!user.ok()) fail(user.error());
      std::printf("created user %s (id %lld, role %s)\n", user->login.c_str(),
                  static_cast<long long>(user->id), user->role.c_str());
    });
  });

  auto* passwd = cmd->add_subcommand("passwd", "Set a user's password (ends their sessions)");
  passwd->add_option("LOGIN", f->login, "Login name")->required();
  passwd->add_flag("--password-stdin", f->password_stdin, "Read the password from standard input");
  passwd->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  passwd->footer(
      "Example:\n  fuwu user passwd alice --password-stdin --db data/fuwu.db < new-password.txt");
  passwd->callback([f] {
    const std::string password = password_from_stdin(f->password_stdin);
    with_services(f->db, [&](app::Services& s, const app::Actor& actor) {
      if (auto st = app::set_password(s, actor, f->login, password); !st.ok()) fail(st.error());
      std::printf("password of %s changed; their sessions are ended\n", f->login.c_str());
    });
  });

  auto* list = cmd->add_subcommand("list", "List user accounts");
  list->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  list->footer("Example:\n  fuwu user list --db data/fuwu.db");
  list->callback([f] {
    with_services(f->db, [&](app::Services& s, const app::Actor& actor) {
      std::int64_t after = 0;
      std::printf("%-6s %-24s %-10s %-8s %-12s %s\n", "ID", "LOGIN", "ROLE", "KIND", "ORGANISATION",
                  "STATUS");
      for (;;) {
        auto page = app::list_users(s, actor, after, 500);
        if (!page.ok()) fail(page.error());
        for (const auto& u : *page) {
          std::printf("%-6lld %-24s %-10s %-8s %-12lld %s\n", static_cast<long long>(u.id),
                      u.login.c_str(), u.role.c_str(), u.kind.c_str(),
                      static_cast<long long>(u.organisation_id),
                      u.disabled ? "disabled" : "active");
          after = u.id;
        }
        if (page->size() < 500) break;
      }
    });
  });

  auto* disable =
      cmd->add_subcommand("disable", "Disable an account (ends its sessions and tokens)");
  disable->add_option("LOGIN", f->login, "Login name")->required();
  disable->add_option("--db", f->db, "Database: a SQLite file or a postgresql:// URL");
  disable->footer("Example:\n  fuwu user disable bob --db data/fuwu.db");
  disable->callback([f] {
    with_services(f->db, [&](app::Services& s, const app::Actor& actor) {
      if (auto st = app::set_user_disabled(s, actor, f->login, true); !st.ok()) fail(st.error());
      std::printf("%s is disabled\n", f->login.c_str());
    });
  });
}

}  // namespace fuwu::cli
