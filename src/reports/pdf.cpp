#include "reports/pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <stdexcept>

namespace sp::reports {
namespace {
constexpr double kWidth = 595.276, kHeight = 841.890;  // A4 in points
constexpr double kMargin = 56.0, kFooter = 36.0;
constexpr double kText = kWidth - 2 * kMargin;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

struct Pdf::Impl {
  std::string bytes, footer;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;
  double y = kMargin;
  int page = 1;
  bool finished = false;

  // Sets the layout to text in a font and width; returns its height in points.
  double set(const std::string& text, const char* font, double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
    PangoFontDescription* fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw_at(double x, double at) {
    cairo_move_to(cr, x, at);
    pango_cairo_show_layout(cr, layout);
  }
  void foot() {
    set(footer + "  ·  " + std::to_string(page), "DejaVu Sans 7.5", kText, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    draw_at(kMargin, kHeight - kFooter);
    cairo_set_source_rgb(cr, 0, 0, 0);
  }
  // Starts a new page when h more points do not fit on this one.
  // Starts a new page unless h more points fit on this one; true when it did.
  bool need(double h) {
    if (y + h <= kHeight - kMargin - kFooter / 2) return false;
    foot();
    cairo_show_page(cr);
    ++page;
    y = kMargin;
    return true;
  }
  void block(const std::string& text, const char* font, double gap_after) {
    double h = set(text, font, kText);
    need(h);
    draw_at(kMargin, y);
    y += h + gap_after;
  }
};

Pdf::Pdf(const std::string& title, std::string footer) : impl_(std::make_unique<Impl>()) {
  impl_->footer = std::move(footer);
  impl_->surface = cairo_pdf_surface_create_for_stream(append, &impl_->bytes, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR, "socialpact");
  impl_->cr = cairo_create(impl_->surface);
  impl_->layout = pango_cairo_create_layout(impl_->cr);
}

Pdf::~Pdf() {
  if (impl_->layout) g_object_unref(impl_->layout);
  if (impl_->cr) cairo_destroy(impl_->cr);
  if (impl_->surface) cairo_surface_destroy(impl_->surface);
}

void Pdf::title(const std::string& text) { impl_->block(text, "DejaVu Sans Bold 15", 10); }
void Pdf::heading(const std::string& text) {
  impl_->need(40);  // a heading is not left alone at the foot of a page
  impl_->y += 6;
  impl_->block(text, "DejaVu Sans Bold 11", 5);
}
void Pdf::paragraph(const std::string& text) { impl_->block(text, "DejaVu Sans 9.5", 6); }
void Pdf::space(double points) { impl_->y += points; }

void Pdf::bars(const std::vector<std::pair<std::string, double>>& values, const std::vector<std::string>& shown) {
  auto& m = *impl_;
  const double label_w = kText * 0.34, value_w = kText * 0.14, bar_w = kText - label_w - value_w - 12, row = 15;
  double top = 0;
  for (const auto& v : values) top = std::max(top, v.second);
  for (std::size_t i = 0; i < values.size(); ++i) {
    double h = std::max(row, m.set(values[i].first, "DejaVu Sans 8", label_w));
    if (m.need(h + 2)) m.set(values[i].first, "DejaVu Sans 8", label_w);  // a new page wrote its foot with the layout
    m.draw_at(kMargin, m.y);
    const double w = top > 0 ? std::max(0.5, bar_w * values[i].second / top) : 0.5;
    cairo_set_source_rgb(m.cr, 0.0, 0.5, 0.38);  // the product's green
    cairo_rectangle(m.cr, kMargin + label_w + 6, m.y + 2, w, row - 5);
    cairo_fill(m.cr);
    cairo_set_source_rgb(m.cr, 0, 0, 0);
    m.set(i < shown.size() ? shown[i] : "", "DejaVu Sans 8", value_w);
    m.draw_at(kMargin + label_w + 6 + w + 4, m.y);
    m.y += h + 2;
  }
  m.y += 6;
}

void Pdf::key_values(const std::vector<std::pair<std::string, std::string>>& rows) {
  auto& m = *impl_;
  const double label_w = kText * 0.32;
  for (const auto& [k, v] : rows) {
    double hv = m.set(v, "DejaVu Sans 9.5", kText - label_w - 8);
    double hk = m.set(k, "DejaVu Sans Bold 9.5", label_w);
    if (m.need(std::max(hk, hv))) m.set(k, "DejaVu Sans Bold 9.5", label_w);  // a new page wrote its foot with the layout
    m.draw_at(kMargin, m.y);
    m.set(v, "DejaVu Sans 9.5", kText - label_w - 8);
    m.draw_at(kMargin + label_w + 8, m.y);
    m.y += std::max(hk, hv) + 3;
  }
  m.y += 4;
}

void Pdf::table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                const std::vector<double>& widths, const std::vector<bool>& right) {
  auto& m = *impl_;
  const double pad = 3;
  // A row's height, and the row drawn at the current line.
  auto height = [&](const std::vector<std::string>& cells, const char* font) {
    double h = 0;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i)
      h = std::max(h, m.set(cells[i], font, widths[i] * kText - 2 * pad));
    return h + 2 * pad;
  };
  const char* bold = "DejaVu Sans Bold 8.5";
  const char* plain = "DejaVu Sans 8.5";
  auto draw = [&](const std::vector<std::string>& cells, const char* font, double h, bool header) {
    if (header) {
      cairo_set_source_rgb(m.cr, 0.92, 0.94, 0.97);
      cairo_rectangle(m.cr, kMargin, m.y, kText, h);
      cairo_fill(m.cr);
      cairo_set_source_rgb(m.cr, 0, 0, 0);
    }
    double x = kMargin;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      bool r = i < right.size() && right[i];
      m.set(cells[i], font, widths[i] * kText - 2 * pad, r ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      m.draw_at(x + pad, m.y + pad);
      x += widths[i] * kText;
    }
    m.y += h;
    cairo_set_line_width(m.cr, 0.4);
    cairo_set_source_rgb(m.cr, 0.6, 0.6, 0.6);
    cairo_move_to(m.cr, kMargin, m.y);
    cairo_line_to(m.cr, kMargin + kText, m.y);
    cairo_stroke(m.cr);
    cairo_set_source_rgb(m.cr, 0, 0, 0);
  };
  const double header_h = height(headers, bold);
  // The header with at least the first row beneath it; again at the top of every page the table
  // flows onto, so that each page's columns are named.
  m.need(header_h + (rows.empty() ? 0 : height(rows.front(), plain)));
  draw(headers, bold, header_h, true);
  for (const auto& r : rows) {
    double h = height(r, plain);
    if (m.need(h)) draw(headers, bold, header_h, true);
    draw(r, plain, h, false);
  }
  m.y += 8;
}

void Pdf::signatures(const std::vector<std::string>& parties) {
  auto& m = *impl_;
  if (parties.empty()) return;
  m.need(90);
  m.y += 40;
  double w = kText / static_cast<double>(parties.size());
  for (std::size_t i = 0; i < parties.size(); ++i) {
    double x = kMargin + w * static_cast<double>(i);
    cairo_set_line_width(m.cr, 0.6);
    cairo_move_to(m.cr, x + 6, m.y);
    cairo_line_to(m.cr, x + w - 12, m.y);
    cairo_stroke(m.cr);
    m.set(parties[i], "DejaVu Sans 8.5", w - 18);
    m.draw_at(x + 6, m.y + 4);
  }
  m.y += 40;
}

std::string Pdf::finish() {
  if (impl_->finished) throw std::logic_error("Pdf::finish called twice");
  impl_->finished = true;
  impl_->foot();
  cairo_show_page(impl_->cr);
  g_object_unref(impl_->layout);
  impl_->layout = nullptr;
  cairo_destroy(impl_->cr);
  impl_->cr = nullptr;
  cairo_surface_finish(impl_->surface);
  auto status = cairo_surface_status(impl_->surface);
  cairo_surface_destroy(impl_->surface);
  impl_->surface = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(status));
  return std::move(impl_->bytes);
}
}  // namespace sp::reports
