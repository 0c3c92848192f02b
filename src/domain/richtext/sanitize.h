// Rich text (HTML written in the journal editor or sent by API clients) made safe to show:
// parsed with an HTML5 parser (gumbo, the same tree a browser builds) and re-serialised from an
// allowlist. The browser sanitises again (DOMPurify); this is the server's half, so API clients
// and e-mail never receive active content. The caller keeps the original.
//
// Kept: text; the elements p br hr div span b strong i em u s strike del ins sub sup small mark
// code pre kbd blockquote q cite ul ol li dl dt dd h1–h6 table thead tbody tfoot tr th td caption
// a img; the attributes a[href title], img[src alt title width height], th/td[colspan rowspan],
// ol[start], and title on any of them. Links: http, https, mailto, same-origin paths ("/…", not
// "//…") and fragments ("#…"); every kept link gets rel="noopener noreferrer nofollow". Images:
// only attachments shown from the sandboxed route (/api/v1/attachments/<id>/inline).
// Dropped with their content: script style iframe frame frameset object embed noscript template
// textarea select option button form input svg math title head. Any other element is unwrapped
// (its children are kept). Comments, doctype and event/style attributes are dropped.
#pragma once

#include <string>
#include <string_view>

namespace fuwu::richtext {

// Well-formed, safe HTML for `html`. Total: never fails. Elements nested deeper than 64 are
// flattened to their text; input that could nest deeper than 1,000 elements (no real document
// does; the parser's time grows with the square of the depth) is escaped whole and shown as
// text.
std::string sanitize_html(std::string_view html);

// The text of `html` without any markup (for search and notifications).
std::string html_to_text(std::string_view html);

}  // namespace fuwu::richtext
