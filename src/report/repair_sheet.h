// The repair sheet as a PDF (产品维修单 / 售后服务报告单): the layout of one document on
// report/pdf. The caller fills RepairSheetDocument with display-ready text (Chinese first, dates
// already in China time); this file only decides where it goes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace fuwu::report {

struct RepairSheetDocument {
  std::string issuer;  // the serving centre, top of the sheet
  std::string number;  // WO-2026-000123
  // Label/value rows of the order's head: customer, site, model, serial, warranty, engineer …
  std::vector<std::pair<std::string, std::string>> order;
  std::string fault_reported;    // as the customer reported it
  std::string fault_phenomenon;  // as the engineer found it
  std::string fault_code;        // "E-STARTER 启动机不转"
  std::string cause;
  std::string solution;
  // Parts replaced: number, name, quantity with unit, returned to headquarters (是/否).
  std::vector<std::vector<std::string>> parts;
  std::string self_check;
  std::string verdict;
  std::string comment;
  std::string fee;            // "免费（保内）" or the accepted quote and its payment
  std::string repeat_note;    // "" or the earlier order this repeats
  std::string signature_png;  // "" when not signed
  std::string signer;
  std::string signed_at;
  std::string printed_at;
};

Result<std::string> render_repair_sheet(const RepairSheetDocument& d);

}  // namespace fuwu::report
