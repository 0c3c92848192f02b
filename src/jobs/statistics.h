// The "statistics.distribute" job (app::kStatisticsDistributeJob): an approved month's
// statistics as XLSX, mailed to every active service manager (role manager) with an e-mail
// address, then the month is marked distributed (distributed_at, recipients). Idempotent: a
// month already distributed is done. Without an SMTP server the distribution is recorded with
// no recipients (the workbook stays downloadable). At least once: a retry after a partial
// failure mails the earlier recipients again.
#pragma once

#include "app/platform/job_queue.h"
#include "jobs/notifications.h"

namespace fuwu::jobs {

Status run_statistics_job(app::Services& services, const app::Job& job,
                          const NotificationSettings& settings);

}  // namespace fuwu::jobs
