#include "app/attachments/attachments.h"

namespace fuwu::app {

Status check_signature_image(std::string_view png, std::string_view signer, Error& invalid) {
  if (static_cast<std::int64_t>(png.size()) > kMaxSignatureBytes) {
    return Error(ErrorCode::payload_too_large, "the signature image is too large")
        .with_field("signature", "too_large",
                    "at most " + std::to_string(kMaxSignatureBytes / 1024) + " KB");
  }
  const std::string type = png.empty() ? "" : TRY(sniff_content_type(png));
  if (type != "image/png") {
    invalid.with_field("signature", "not_an_image",
                       "a PNG image of the signature" + (type.empty() ? "" : ", not " + type));
  }
  if (signer.empty()) invalid.with_field("signer", "required", "the name of who signs");
  return {};
}

}  // namespace fuwu::app
