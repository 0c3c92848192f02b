#include "store/postgres/postgres_database.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "store/postgres/connection.h"

namespace fuwu::store::postgres {
namespace {

// The writer lock: a session-level advisory lock every write() holds from before its BEGIN until
// after its COMMIT, on every node of the cluster. The key is arbitrary ("fuwu" in ASCII).
constexpr std::string_view kWriterLock = "SELECT pg_advisory_lock(1718974325)";
constexpr std::string_view kWriterUnlock = "SELECT pg_advisory_unlock(1718974325)";

using detail::Connection;

enum class Kind { read, write };

bool is(const Status& s, std::string_view subject) {
  return !s.ok() && s.error().code == ErrorCode::unavailable && s.error().subject == subject;
}

bool valid_database_name(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const Options& options, std::unique_ptr<Connection> first) : options_(options) {
    free_.push_back(std::move(first));
    open_count_ = 1;
  }

  Status read(const Unit& unit) override {
    if (inside_unit()) return refuse_nested("read");
    return run(unit, Kind::read);
  }

  Status write(const Unit& unit) override {
    if (inside_unit()) return refuse_nested("write");
    return run(unit, Kind::write);
  }

  DialectKind dialect() const override { return DialectKind::postgres; }

  DatabaseStats stats() const override {
    std::lock_guard lock(mu_);
    return stats_;
  }

  Status ping() override {
    return read([](Executor& ex) -> Status {
      TRY_VOID(ex.query("SELECT 1"));
      return {};
    });
  }

 private:
  // A connection borrowed from the pool; given back on destruction, or dropped when it broke.
  class Lease {
   public:
    Lease(PostgresDatabase& db, std::unique_ptr<Connection> c) : db_(&db), c_(std::move(c)) {}
    Lease(Lease&& o) noexcept : db_(o.db_), c_(std::move(o.c_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (c_) db_->give_back(std::move(c_));
    }
    Connection& operator*() { return *c_; }

   private:
    PostgresDatabase* db_;
    std::unique_ptr<Connection> c_;
  };

  Result<Lease> acquire() {
    std::unique_lock lock(mu_);
    pool_cv_.wait(lock, [&] { return !free_.empty() || open_count_ < options_.connections; });
    if (!free_.empty()) {
      auto c = std::move(free_.back());
      free_.pop_back();
      return Lease(*this, std::move(c));
    }
    ++open_count_;
    lock.unlock();
    auto c = Connection::connect(options_.url, options_.connect_timeout_seconds);
    if (!c.ok()) {
      lock.lock();
      --open_count_;
      lock.unlock();
      pool_cv_.notify_one();
      return std::move(c).error();
    }
    return Lease(*this, std::move(c).value());
  }

  void give_back(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(mu_);
      if (c->healthy()) {
        free_.push_back(std::move(c));
      } else {
        // A lost connection usually means a restarted or failed-over server: the idle ones are
        // gone too, and retrying on each of them in turn would use up a unit's attempts.
        open_count_ -= 1 + static_cast<int>(free_.size());
        free_.clear();
      }
    }
    pool_cv_.notify_all();
  }

  // One attempt: BEGIN, the unit, COMMIT. `commit_sent` tells whether the outcome of a lost
  // connection is unknown. A write first takes the database's writer lock (see the header), before
  // BEGIN so that its snapshot is taken once the previous writer has committed.
  static Status attempt(Connection& c, const Unit& unit, Kind kind, bool& commit_sent) {
    if (kind == Kind::read) return attempt_in_transaction(c, unit, kind, commit_sent);
    TRY_VOID(c.command(kWriterLock));
    Status s = attempt_in_transaction(c, unit, kind, commit_sent);
    // A lost connection has released the lock already.
    if (c.healthy()) (void)c.command(kWriterUnlock);
    return s;
  }

  static Status attempt_in_transaction(Connection& c, const Unit& unit, Kind kind,
                                       bool& commit_sent) {
    TRY_VOID(c.command(kind == Kind::write ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                           : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    Status s = run_unit(unit, c);
    if (!s.ok()) {
      if (c.healthy()) (void)c.command("ROLLBACK");
      return s;
    }
    commit_sent = true;
    return c.commit();
  }

  Status run(const Unit& unit, Kind kind) {
    std::minstd_rand jitter(std::random_device{}());
    for (int n = 1;; ++n) {
      bool commit_sent = false;
      Status s;
      {
        // Writers of this process queue here, so that at most one pool connection waits for the
        // database's writer lock and readers keep the others.
        std::unique_lock<std::mutex> writer;
        if (kind == Kind::write) writer = std::unique_lock(writer_mu_);
        auto lease = acquire();
        if (!lease.ok()) return std::move(lease).error();
        s = attempt(**lease, unit, kind, commit_sent);
      }
      const bool retry =
          n < options_.max_attempts &&
          (is(s, detail::kRetrySubject) || (is(s, detail::kConnectionSubject) && !commit_sent));
      if (!retry) {
        if (kind == Kind::write) count_write(s);
        return s;
      }
      // Back off exponentially (2, 4, 8 ... ms, at most 256 ms), with jitter, so that what
      // collided (a read's snapshot, a lost connection) has time to pass.
      const int ceiling = 1 << std::min(n, 8);
      std::this_thread::sleep_for(
          std::chrono::milliseconds(ceiling / 2 + static_cast<int>(jitter() % (ceiling / 2 + 1))));
    }
  }

  void count_write(const Status& s) {
    std::lock_guard lock(mu_);
    ++stats_.units;
    ++stats_.batch_histogram[0];
    if (s.ok()) ++stats_.commits;
  }

  const Options options_;
  std::mutex writer_mu_;  // one write() of this process at a time
  mutable std::mutex mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> free_;
  int open_count_ = 0;  // connections in free_ plus those lent out
  DatabaseStats stats_;
};

}  // namespace

std::string redacted_url(const std::string& url) {
  std::string out = url;
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto authority = scheme + 3;
    const auto end = out.find_first_of("/?", authority);
    const auto at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= authority) {
      const auto colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (std::size_t p = out.find("password="); p != std::string::npos;
       p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    const auto value = p + 9;
    const auto amp = out.find('&', value);
    out.replace(value, (amp == std::string::npos ? out.size() : amp) - value, "***");
  }
  return out;
}

std::string with_database(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  const auto authority = scheme == std::string::npos ? 0 : scheme + 3;
  const auto query = url.find('?', authority);
  const auto path = url.find('/', authority);
  const auto host_end = std::min(path, query == std::string::npos ? url.size() : query);
  return url.substr(0, std::min(host_end, url.size())) + "/" + name +
         (query == std::string::npos ? "" : url.substr(query));
}

Status create_database(const std::string& url, const std::string& name) {
  if (!valid_database_name(name)) {
    return Error(ErrorCode::invalid_request, "postgres: bad database name " + name);
  }
  auto c = TRY(Connection::connect(url, 10));
  auto rows = TRY(c->query("SELECT 1 FROM pg_database WHERE datname = $1", {name}));
  if (!rows.empty()) return {};
  return c->command("CREATE DATABASE " + name);
}

Status drop_database(const std::string& url, const std::string& name) {
  if (!valid_database_name(name)) {
    return Error(ErrorCode::invalid_request, "postgres: bad database name " + name);
  }
  auto c = TRY(Connection::connect(url, 10));
  return c->command("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

Result<std::unique_ptr<Database>> open(const Options& options) {
  if (!options.url.starts_with("postgresql://") && !options.url.starts_with("postgres://")) {
    return Error(ErrorCode::invalid_request,
                 "postgres: the URL must start with postgresql:// (got \"" + options.url + "\")");
  }
  if (options.connections < 1 || options.max_attempts < 1) {
    return Error(ErrorCode::invalid_request,
                 "postgres: connections and max_attempts must be at least 1");
  }
  auto first = TRY(Connection::connect(options.url, options.connect_timeout_seconds));
  return std::unique_ptr<Database>(std::make_unique<PostgresDatabase>(options, std::move(first)));
}

}  // namespace fuwu::store::postgres
