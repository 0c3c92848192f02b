#include "report/pdf/document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace fuwu::report::pdf {
namespace {

constexpr double kA4Short = 595.276;  // A4 in points
constexpr double kA4Long = 841.89;
constexpr double kPad = 4;         // inside table cells
constexpr double kFooterGap = 18;  // between the body and the footer line

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

enum class Weight { normal, bold };

// Pango wants valid UTF-8; anything else is replaced rather than refused.
std::string valid_utf8(std::string_view text) {
  gchar* fixed = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(fixed);
  g_free(fixed);
  return out;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct PngSource {
  std::string_view bytes;
  std::size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* src = static_cast<PngSource*>(closure);
  if (src->bytes.size() - src->at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, src->bytes.data() + src->at, length);
  src->at += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct Document::Impl {
  Options o;
  std::string out;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double y = 0;
  int page = 1;
  bool finished = false;

  double page_width;
  double page_height;

  explicit Impl(Options options)
      : o(std::move(options)),
        page_width(o.landscape ? kA4Long : kA4Short),
        page_height(o.landscape ? kA4Short : kA4Long) {
    surface = cairo_pdf_surface_create_for_stream(append_bytes, &out, page_width, page_height);
    if (!o.title.empty()) {
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                     valid_utf8(o.title).c_str());
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Fuwu");
    cr = cairo_create(surface);
    y = o.margin;
  }
  ~Impl() {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  }

  double width() const { return page_width - 2 * o.margin; }
  double bottom() const { return page_height - o.margin - kFooterGap; }

  Layout layout(std::string_view text, double w, double size, Weight weight,
                PangoAlignment align = PANGO_ALIGN_LEFT) const {
    Layout l(pango_cairo_create_layout(cr));
    PangoFontDescription* desc = pango_font_description_from_string(o.font.c_str());
    pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
    if (weight == Weight::bold && o.bold_face) {
      pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
    }
    pango_layout_set_font_description(l.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(l.get(), static_cast<int>(w * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    const std::string t = valid_utf8(text);
    pango_layout_set_text(l.get(), t.c_str(), static_cast<int>(t.size()));
    return l;
  }

  static double height_of(const Layout& l) {
    int w = 0;
    int h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void show(const Layout& l, double x, double at_y) {
    cairo_move_to(cr, x, at_y);
    pango_cairo_show_layout(cr, l.get());
  }

  void footer() {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    const double fy = page_height - o.margin - kFooterGap / 2;
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, o.margin, fy);
    cairo_line_to(cr, page_width - o.margin, fy);
    cairo_stroke(cr);
    const double size = o.font_size * 0.8;
    show(layout(o.footer, width() * 0.7, size, Weight::normal), o.margin, fy + 3);
    show(layout("第 " + std::to_string(page) + " 页 / Page " + std::to_string(page), width(), size,
                Weight::normal, PANGO_ALIGN_RIGHT),
         o.margin, fy + 3);
    cairo_restore(cr);
  }

  // Starts a new page when `h` points do not fit below y (unless the page is still empty).
  void fit(double h) {
    if (y + h <= bottom() || y <= o.margin) return;
    footer();
    cairo_show_page(cr);
    ++page;
    y = o.margin;
  }

  std::vector<double> columns(std::size_t n, const std::vector<double>& weights) const {
    std::vector<double> w(n, 1.0);
    for (std::size_t i = 0; i < n && i < weights.size(); ++i)
      w[i] = std::max(weights[i], 0.01);
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    for (auto& x : w)
      x = x / sum * width();
    return w;
  }

  // One bordered row of cells; `label` cells are bold on grey. On a new page the `repeat` row
  // (a table's header) is drawn first.
  void row(const std::vector<std::string>& cells, const std::vector<double>& widths,
           const std::vector<bool>& label, const std::vector<std::string>* repeat = nullptr) {
    std::vector<Layout> ls;
    double h = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const bool bold = i < label.size() && label[i];
      ls.push_back(layout(i < cells.size() ? cells[i] : "", widths[i] - 2 * kPad, o.font_size,
                          bold ? Weight::bold : Weight::normal));
      h = std::max(h, height_of(ls.back()));
    }
    h += 2 * kPad;
    const int before = page;
    fit(h);
    if (repeat && page != before) row(*repeat, widths, std::vector<bool>(widths.size(), true));
    double x = o.margin;
    cairo_set_line_width(cr, 0.5);
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (i < label.size() && label[i]) {
        cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
        cairo_rectangle(cr, x, y, widths[i], h);
        cairo_fill(cr);
      }
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_rectangle(cr, x, y, widths[i], h);
      cairo_stroke(cr);
      show(ls[i], x + kPad, y + kPad);
      x += widths[i];
    }
    y += h;
  }
};

Document::Document(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Document::~Document() = default;

void Document::heading(std::string_view text, int level) {
  auto& d = *impl_;
  if (d.finished) return;
  if (level <= 1) {
    auto l = d.layout(text, d.width(), d.o.font_size * 1.6, Weight::bold, PANGO_ALIGN_CENTER);
    const double h = Impl::height_of(l);
    d.fit(h + 10);
    d.show(l, d.o.margin, d.y);
    d.y += h + 10;
    return;
  }
  auto l = d.layout(text, d.width(), d.o.font_size * 1.15, Weight::bold);
  const double h = Impl::height_of(l);
  // Keep a heading with at least a line of what follows it.
  d.fit(h + 8 + d.o.font_size * 2);
  d.y += 6;
  d.show(l, d.o.margin, d.y);
  d.y += h + 2;
  rule();
  d.y += 2;
}

void Document::paragraph(std::string_view text) {
  auto& d = *impl_;
  if (d.finished) return;
  auto l = d.layout(text, d.width(), d.o.font_size, Weight::normal);
  // Long paragraphs flow line by line across pages.
  PangoLayoutIter* it = pango_layout_get_iter(l.get());
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    const double line_h = static_cast<double>(logical.height) / PANGO_SCALE;
    const double ascent =
        static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
    d.fit(line_h);
    cairo_move_to(d.cr, d.o.margin, d.y + ascent);
    pango_cairo_show_layout_line(d.cr, pango_layout_iter_get_line_readonly(it));
    d.y += line_h;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  d.y += d.o.font_size * 0.4;
}

void Document::fields(const std::vector<std::pair<std::string, std::string>>& rows) {
  auto& d = *impl_;
  if (d.finished) return;
  const auto widths = d.columns(4, {1.1, 2, 1.1, 2});
  for (std::size_t i = 0; i < rows.size(); i += 2) {
    if (i + 1 < rows.size()) {
      d.row({rows[i].first, rows[i].second, rows[i + 1].first, rows[i + 1].second}, widths,
            {true, false, true, false});
    } else {
      d.row({rows[i].first, rows[i].second}, {widths[0], widths[1] + widths[2] + widths[3]},
            {true, false});
    }
  }
  d.y += d.o.font_size * 0.6;
}

void Document::table(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows,
                     const std::vector<double>& weights) {
  auto& d = *impl_;
  if (d.finished || header.empty()) return;
  const auto widths = d.columns(header.size(), weights);
  const std::vector<bool> bold(header.size(), true);
  d.row(header, widths, bold);
  for (const auto& r : rows)
    d.row(r, widths, {}, &header);
  d.y += d.o.font_size * 0.6;
}

Status Document::image_png(std::string_view png, double max_width, double max_height,
                           std::string_view caption) {
  auto& d = *impl_;
  if (d.finished) return {};
  PngSource src{png};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(read_png, &src);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    return Error(ErrorCode::validation_failed, "the image is not a readable PNG")
        .with_field("image", "not_an_image", "a PNG image");
  }
  const double w = cairo_image_surface_get_width(image);
  const double h = cairo_image_surface_get_height(image);
  const double scale = std::min(
      {1.0, std::min(max_width, d.width()) / std::max(w, 1.0), max_height / std::max(h, 1.0)});
  Layout cap = d.layout(caption, d.width(), d.o.font_size * 0.9, Weight::normal);
  const double cap_h = caption.empty() ? 0 : Impl::height_of(cap) + 2;
  d.fit(h * scale + cap_h);
  cairo_save(d.cr);
  cairo_translate(d.cr, d.o.margin, d.y);
  cairo_scale(d.cr, scale, scale);
  cairo_set_source_surface(d.cr, image, 0, 0);
  cairo_paint(d.cr);
  cairo_restore(d.cr);
  cairo_surface_destroy(image);
  d.y += h * scale + 2;
  if (!caption.empty()) {
    d.show(cap, d.o.margin, d.y);
    d.y += cap_h;
  }
  d.y += d.o.font_size * 0.4;
  return {};
}

void Document::space(double points) {
  auto& d = *impl_;
  if (d.finished) return;
  d.y += points;
}

void Document::rule() {
  auto& d = *impl_;
  if (d.finished) return;
  cairo_set_source_rgb(d.cr, 0, 0, 0);
  cairo_set_line_width(d.cr, 0.8);
  cairo_move_to(d.cr, d.o.margin, d.y);
  cairo_line_to(d.cr, d.page_width - d.o.margin, d.y);
  cairo_stroke(d.cr);
  d.y += 2;
}

Result<std::string> Document::finish() {
  auto& d = *impl_;
  if (d.finished) return Error(ErrorCode::internal, "the PDF was finished already");
  d.finished = true;
  d.footer();
  cairo_show_page(d.cr);
  cairo_surface_finish(d.surface);
  if (cairo_surface_status(d.surface) != CAIRO_STATUS_SUCCESS) {
    return Error(ErrorCode::internal, std::string("cairo could not write the PDF: ") +
                                          cairo_status_to_string(cairo_surface_status(d.surface)));
  }
  return std::move(d.out);
}

}  // namespace fuwu::report::pdf
