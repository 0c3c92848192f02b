#include "domain/crm/archive.h"

namespace fuwu::crm {

std::vector<ArchiveGap> archive_gaps(const ArchiveFacts& f) {
  std::vector<ArchiveGap> gaps;
  if (f.contacts < 1) gaps.push_back({"contact", "至少一名联系人", "at least one contact"});
  if (f.sites_with_address < 1) {
    gaps.push_back({"site_address", "至少一个有地址的场所", "at least one site with an address"});
  }
  if (f.units < 1 && !f.no_units_declared) {
    gaps.push_back({"unit", "至少一台设备，或明确声明没有设备",
                    "at least one unit, or \"no units\" declared explicitly"});
  }
  return gaps;
}

}  // namespace fuwu::crm
