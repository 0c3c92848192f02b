#include "report/repair_sheet.h"

#include "report/pdf/document.h"

namespace fuwu::report {
namespace {

std::string or_dash(const std::string& s) {
  return s.empty() ? "—" : s;
}

}  // namespace

Result<std::string> render_repair_sheet(const RepairSheetDocument& d) {
  pdf::Document doc(
      {.title = "产品维修单 " + d.number,
       .footer = d.issuer + " · " + d.number + " · 打印于 / Printed " + d.printed_at});
  doc.heading(d.issuer);
  doc.heading("产品维修单 / Repair sheet");
  doc.fields(d.order);

  doc.heading("故障与维修 / Fault and repair", 2);
  doc.fields({{"报修故障 / Reported", or_dash(d.fault_reported)},
              {"故障代码 / Fault code", or_dash(d.fault_code)},
              {"故障现象 / Phenomenon", or_dash(d.fault_phenomenon)},
              {"故障原因 / Cause", or_dash(d.cause)},
              {"处理方法 / Solution", or_dash(d.solution)},
              {"自检 / Self-check", or_dash(d.self_check)}});
  if (!d.repeat_note.empty()) doc.paragraph("注意 / Note: " + d.repeat_note);

  doc.heading("更换配件 / Parts replaced", 2);
  if (d.parts.empty()) {
    doc.paragraph("未更换配件 / No parts replaced");
  } else {
    doc.table({"配件号 / Part", "名称 / Name", "数量 / Qty", "故障件返回 / Returned"}, d.parts,
              {1.3, 2.4, 1, 1.3});
  }

  doc.heading("费用 / Fee", 2);
  doc.paragraph(d.fee);

  doc.heading("客户验收 / Customer verification", 2);
  doc.fields({{"客户意见 / Verdict", or_dash(d.verdict)}, {"备注 / Comment", or_dash(d.comment)}});
  if (d.signature_png.empty()) {
    doc.paragraph("客户尚未签字 / Not signed yet");
  } else if (!doc.image_png(d.signature_png, 200, 80,
                            "客户签字 / Signature: " + d.signer + "  " + d.signed_at)
                  .ok()) {
    doc.paragraph("客户签字 / Signed by " + d.signer + "  " + d.signed_at +
                  "（签字图像无法显示 / the image cannot be shown）");
  }
  return doc.finish();
}

}  // namespace fuwu::report
