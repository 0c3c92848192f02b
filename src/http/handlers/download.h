// Documents to download (PDF reports): the response and the language asked for. Kept apart from
// common.h so that only the handlers offering documents depend on it. (respond_xlsx: common.h.)
#pragma once

#include <string>

#include "http/api.h"
#include "report/language.h"

namespace fuwu::http {

// 200 with a PDF as a download named `filename` (ASCII), never cached or sniffed.
void respond_pdf(ApiContext& ctx, std::string filename, std::string bytes);
// The language of a document the caller downloads: ?lang= (zh-CN or en), else the first language
// of Accept-Language that is Chinese or English, else zh-CN. 400 (field lang) for another ?lang=.
Result<report::Language> document_language(const ApiContext& ctx);

}  // namespace fuwu::http
