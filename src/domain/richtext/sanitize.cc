#include "domain/richtext/sanitize.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace fuwu::richtext {
namespace {

constexpr int kMaxDepth = 64;

enum class Action { keep, unwrap, drop };

Action action_for(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_B:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_I:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_U:
    case GUMBO_TAG_S:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_A:
    case GUMBO_TAG_IMG:
      return Action::keep;
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
      return Action::drop;
    default:
      return Action::unwrap;
  }
}

bool void_element(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG;
}

void escape(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        // A raw CR would be read back as a line feed.
        out += "&#13;";
        break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default:
        if (c != '\0') out += c;
    }
  }
}

std::string lower_ascii(std::string_view s) {
  std::string out;
  for (char c : s) {
    // Browsers ignore ASCII whitespace and controls inside a URL's scheme ("java\tscript:").
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool safe_href(std::string_view url) {
  const std::string u = lower_ascii(url);
  if (u.empty()) return false;
  if (u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:")) {
    return true;
  }
  if (u[0] == '#') return true;
  // Same-origin path: "/x", never "//host" or "/\host" (browsers read both as another host).
  return u[0] == '/' && (u.size() == 1 || (u[1] != '/' && u[1] != '\\'));
}

bool safe_image(std::string_view src) {
  constexpr std::string_view prefix = "/api/v1/attachments/";
  constexpr std::string_view suffix = "/inline";
  if (!src.starts_with(prefix) || !src.ends_with(suffix)) return false;
  const auto id = src.substr(prefix.size(), src.size() - prefix.size() - suffix.size());
  return !id.empty() && id.size() <= 18 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool digits(std::string_view v, std::size_t max) {
  return !v.empty() && v.size() <= max &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Appends the kept attributes of an element; false when the element must go (an image without
// an allowed source).
bool attributes(std::string& out, const GumboElement& e) {
  std::string attrs;
  bool has_src = false;
  bool has_href = false;
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    const std::string_view name = a->name;
    const std::string_view value = a->value;
    bool keep = false;
    if (name == "title") {
      keep = true;
    } else if (e.tag == GUMBO_TAG_A && name == "href") {
      keep = has_href = safe_href(value);
    } else if (e.tag == GUMBO_TAG_IMG && name == "src") {
      keep = has_src = safe_image(value);
    } else if (e.tag == GUMBO_TAG_IMG && name == "alt") {
      keep = true;
    } else if (e.tag == GUMBO_TAG_IMG && (name == "width" || name == "height")) {
      keep = digits(value, 5);
    } else if ((e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) &&
               (name == "colspan" || name == "rowspan")) {
      keep = digits(value, 3);
    } else if (e.tag == GUMBO_TAG_OL && name == "start") {
      keep = digits(value, 9);
    }
    if (!keep) continue;
    attrs += ' ';
    attrs += name;
    attrs += "=\"";
    escape(attrs, value, true);
    attrs += '"';
  }
  if (e.tag == GUMBO_TAG_IMG && !has_src) return false;
  if (has_href) attrs += " rel=\"noopener noreferrer nofollow\"";
  out += attrs;
  return true;
}

void text_of(std::string& out, const GumboNode* root, bool escaped) {
  // Iterative: deeply nested input must not exhaust the stack.
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      if (escaped)
        escape(out, n->v.text.text, false);
      else
        out += n->v.text.text;
    } else if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
      if (action_for(n->v.element.tag) == Action::drop) continue;
      const auto& children = n->v.element.children;
      for (unsigned i = children.length; i-- > 0;)
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
}

void serialize(std::string& out, const GumboNode* n, int depth) {
  switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      escape(out, n->v.text.text, false);
      return;
    case GUMBO_NODE_ELEMENT:
      break;
    default:
      return;  // comments, documents, templates
  }
  const GumboElement& e = n->v.element;
  const Action action = action_for(e.tag);
  if (action == Action::drop) return;
  if (depth >= kMaxDepth) {
    text_of(out, n, true);
    return;
  }
  const char* name = gumbo_normalized_tagname(e.tag);
  bool open = false;
  if (action == Action::keep) {
    const std::size_t mark = out.size();
    out += '<';
    out += name;
    if (attributes(out, e)) {
      out += '>';
      open = true;
    } else {
      out.resize(mark);
    }
  }
  if (void_element(e.tag)) return;
  for (unsigned i = 0; i < e.children.length; ++i)
    serialize(out, static_cast<const GumboNode*>(e.children.data[i]), depth + 1);
  if (open) {
    out += "</";
    out += name;
    out += '>';
  }
}

// An upper bound of the element nesting `html` can produce: start tags of non-void elements
// minus end tags, at their running maximum. The HTML5 tree builder checks scopes by walking the
// stack of open elements, so its time grows with the square of the depth (20,000 nested <div>
// take seconds); input nested deeper than any real document is never handed to it.
std::size_t nesting_bound(std::string_view html) {
  static constexpr std::array<std::string_view, 14> kVoid = {
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr"};
  std::size_t depth = 0, max = 0;
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    const char c = html[i + 1];
    if (c == '/') {
      if (depth) --depth;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
    std::size_t j = i + 1;
    std::string name;
    while (j < html.size() && name.size() < 8 &&
           ((html[j] >= 'a' && html[j] <= 'z') || (html[j] >= 'A' && html[j] <= 'Z') ||
            (html[j] >= '0' && html[j] <= '9'))) {
      name += static_cast<char>(html[j] >= 'A' && html[j] <= 'Z' ? html[j] - 'A' + 'a' : html[j]);
      ++j;
    }
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    max = std::max(max, ++depth);
  }
  return max;
}

constexpr std::size_t kMaxNesting = 1000;

// `s` with every ill-formed UTF-8 sequence, control character and noncharacter replaced by
// U+FFFD. The parser passes some malformed
// bytes through (a numeric reference beyond U+10FFFF, truncated sequences), and a browser or a
// second pass would read them differently: the output is always well-formed.
std::string well_formed(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len > 1) {
      // No overlong forms, surrogates or code points beyond U+10FFFF.
      std::uint32_t cp = c & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
           !(cp >= 0x80 && cp <= 0x9F) && !(cp >= 0xFDD0 && cp <= 0xFDEF) &&
           (cp & 0xFFFE) != 0xFFFE;
    } else if (ok) {
      // Control characters other than tab, line feed, form feed and carriage return.
      ok = !((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F);
    }
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// Parses `html` as the content of a <div> and calls `fn` with each top-level node.
template <typename Fn>
void parse_fragment(std::string_view html, Fn fn) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_DIV;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  const GumboNode* root = output->root;
  // A fragment parse puts the nodes under the <html> element.
  const auto& children = root->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    fn(static_cast<const GumboNode*>(children.data[i]));
  gumbo_destroy_output(&options, output);
}

}  // namespace

std::string sanitize_html(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  if (nesting_bound(html) > kMaxNesting) {
    // Not a document anyone wrote: shown as the text it is, markup and all.
    escape(out, html, false);
    return well_formed(out);
  }
  parse_fragment(html, [&](const GumboNode* n) { serialize(out, n, 0); });
  return well_formed(out);
}

std::string html_to_text(std::string_view html) {
  std::string out;
  if (nesting_bound(html) > kMaxNesting) return std::string(html);
  parse_fragment(html, [&](const GumboNode* n) { text_of(out, n, false); });
  return out;
}

}  // namespace fuwu::richtext
