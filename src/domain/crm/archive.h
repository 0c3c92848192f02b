// The customer archive (客户档案) as a pure rule: when is it complete. A new customer's archive
// is due within 2 working days of first contact (seed 000); until it is complete an open task
// with that deadline stands.
//
// Complete means: at least one contact (a person of the customer's organisation), at least one
// site with an address, and at least one registered unit, or "no units" declared explicitly.
#pragma once

#include <string>
#include <vector>

namespace fuwu::crm {

inline constexpr int kArchiveWorkingDays = 2;

struct ArchiveFacts {
  int contacts = 0;
  int sites_with_address = 0;
  int units = 0;
  bool no_units_declared = false;
};

struct ArchiveGap {
  std::string item;  // contact | site_address | unit
  std::string label_zh;
  std::string label_en;
};

// What is missing, in a fixed order; empty when the archive is complete.
std::vector<ArchiveGap> archive_gaps(const ArchiveFacts& f);
inline bool archive_complete(const ArchiveFacts& f) {
  return archive_gaps(f).empty();
}

}  // namespace fuwu::crm
