/* libxlsxwriter, opened when the first workbook is made rather than when
 * antt starts. Debian's libxlsxwriter links OpenSSL's libcrypto for one
 * MD5 (telling identical images apart): mapping and relocating it costs
 * every start 1.4 MiB of resident memory and a share of the dynamic
 * linker's time, though most sessions on the screens never write a
 * workbook. Built with ANTT_XLSX_SONAME (the Makefile reads it from the
 * library it would link), each function below is called through a
 * pointer that xlsx_load fills with dlsym; without it (the static Windows
 * build) the names are libxlsxwriter's own and xlsx_load does nothing.
 * Every libxlsxwriter call comes after report_book_open, which loads. */
#ifndef ANTT_XLSX_H
#define ANTT_XLSX_H

#include "status.h"

#include <xlsxwriter.h>

/* Load the library once (later calls return at once). */
antt_status xlsx_load(antt_err *err);

#ifdef ANTT_XLSX_SONAME

/* A function of the library or of those it loaded (minizip), once loaded;
 * NULL before. They are not in the program's global scope: a call
 * report_zip.c passes on finds its next only here. */
void *xlsx_symbol(const char *name);

/* Every libxlsxwriter function antt calls: a name missing here is an
 * undefined symbol at link time, the library not being linked. */
#define XLSX_FUNCTIONS(X) \
	X(chart_add_series) \
	X(chart_axis_set_max) \
	X(chart_axis_set_min) \
	X(chart_axis_set_num_font) \
	X(chart_axis_set_num_format) \
	X(chart_legend_set_font) \
	X(chart_legend_set_position) \
	X(chart_series_set_labels) \
	X(chart_series_set_labels_font) \
	X(chart_series_set_labels_num_format) \
	X(chart_series_set_name) \
	X(chart_title_off) \
	X(format_set_align) \
	X(format_set_bold) \
	X(format_set_border) \
	X(format_set_font_name) \
	X(format_set_font_size) \
	X(format_set_italic) \
	X(format_set_num_format) \
	X(format_set_text_wrap) \
	X(format_set_top) \
	X(format_set_underline) \
	X(lxw_rowcol_to_cell) \
	X(workbook_add_chart) \
	X(workbook_add_format) \
	X(workbook_add_worksheet) \
	X(workbook_close) \
	X(workbook_get_worksheet_by_name) \
	X(workbook_new_opt) \
	X(workbook_set_properties) \
	X(worksheet_center_horizontally) \
	X(worksheet_center_vertically) \
	X(worksheet_fit_to_pages) \
	X(worksheet_gridlines) \
	X(worksheet_insert_chart_opt) \
	X(worksheet_insert_image_buffer_opt) \
	X(worksheet_merge_range) \
	X(worksheet_print_area) \
	X(worksheet_repeat_rows) \
	X(worksheet_set_column) \
	X(worksheet_set_h_pagebreaks) \
	X(worksheet_set_header) \
	X(worksheet_set_landscape) \
	X(worksheet_set_margins) \
	X(worksheet_set_paper) \
	X(worksheet_set_portrait) \
	X(worksheet_set_print_scale) \
	X(worksheet_set_row) \
	X(worksheet_set_start_page) \
	X(worksheet_write_blank) \
	X(worksheet_write_formula_num) \
	X(worksheet_write_number) \
	X(worksheet_write_rich_string) \
	X(worksheet_write_string)

/* The pointers, typed from the header's own declarations. */
struct xlsx_functions {
#define XLSX_POINTER(f) __typeof__(f) *f;
	XLSX_FUNCTIONS(XLSX_POINTER)
#undef XLSX_POINTER
};
extern struct xlsx_functions xlsx_fn;

/* Every call by name goes through the pointer (not in xlsx_load.c, which
 * fills them by name). */
#ifndef XLSX_LOADER
#define chart_add_series (xlsx_fn.chart_add_series)
#define chart_axis_set_max (xlsx_fn.chart_axis_set_max)
#define chart_axis_set_min (xlsx_fn.chart_axis_set_min)
#define chart_axis_set_num_font (xlsx_fn.chart_axis_set_num_font)
#define chart_axis_set_num_format (xlsx_fn.chart_axis_set_num_format)
#define chart_legend_set_font (xlsx_fn.chart_legend_set_font)
#define chart_legend_set_position (xlsx_fn.chart_legend_set_position)
#define chart_series_set_labels (xlsx_fn.chart_series_set_labels)
#define chart_series_set_labels_font (xlsx_fn.chart_series_set_labels_font)
#define chart_series_set_labels_num_format (xlsx_fn.chart_series_set_labels_num_format)
#define chart_series_set_name (xlsx_fn.chart_series_set_name)
#define chart_title_off (xlsx_fn.chart_title_off)
#define format_set_align (xlsx_fn.format_set_align)
#define format_set_bold (xlsx_fn.format_set_bold)
#define format_set_border (xlsx_fn.format_set_border)
#define format_set_font_name (xlsx_fn.format_set_font_name)
#define format_set_font_size (xlsx_fn.format_set_font_size)
#define format_set_italic (xlsx_fn.format_set_italic)
#define format_set_num_format (xlsx_fn.format_set_num_format)
#define format_set_text_wrap (xlsx_fn.format_set_text_wrap)
#define format_set_top (xlsx_fn.format_set_top)
#define format_set_underline (xlsx_fn.format_set_underline)
#define lxw_rowcol_to_cell (xlsx_fn.lxw_rowcol_to_cell)
#define workbook_add_chart (xlsx_fn.workbook_add_chart)
#define workbook_add_format (xlsx_fn.workbook_add_format)
#define workbook_add_worksheet (xlsx_fn.workbook_add_worksheet)
#define workbook_close (xlsx_fn.workbook_close)
#define workbook_get_worksheet_by_name (xlsx_fn.workbook_get_worksheet_by_name)
#define workbook_new_opt (xlsx_fn.workbook_new_opt)
#define workbook_set_properties (xlsx_fn.workbook_set_properties)
#define worksheet_center_horizontally (xlsx_fn.worksheet_center_horizontally)
#define worksheet_center_vertically (xlsx_fn.worksheet_center_vertically)
#define worksheet_fit_to_pages (xlsx_fn.worksheet_fit_to_pages)
#define worksheet_gridlines (xlsx_fn.worksheet_gridlines)
#define worksheet_insert_chart_opt (xlsx_fn.worksheet_insert_chart_opt)
#define worksheet_insert_image_buffer_opt (xlsx_fn.worksheet_insert_image_buffer_opt)
#define worksheet_merge_range (xlsx_fn.worksheet_merge_range)
#define worksheet_print_area (xlsx_fn.worksheet_print_area)
#define worksheet_repeat_rows (xlsx_fn.worksheet_repeat_rows)
#define worksheet_set_column (xlsx_fn.worksheet_set_column)
#define worksheet_set_h_pagebreaks (xlsx_fn.worksheet_set_h_pagebreaks)
#define worksheet_set_header (xlsx_fn.worksheet_set_header)
#define worksheet_set_landscape (xlsx_fn.worksheet_set_landscape)
#define worksheet_set_margins (xlsx_fn.worksheet_set_margins)
#define worksheet_set_paper (xlsx_fn.worksheet_set_paper)
#define worksheet_set_portrait (xlsx_fn.worksheet_set_portrait)
#define worksheet_set_print_scale (xlsx_fn.worksheet_set_print_scale)
#define worksheet_set_row (xlsx_fn.worksheet_set_row)
#define worksheet_set_start_page (xlsx_fn.worksheet_set_start_page)
#define worksheet_write_blank (xlsx_fn.worksheet_write_blank)
#define worksheet_write_formula_num (xlsx_fn.worksheet_write_formula_num)
#define worksheet_write_number (xlsx_fn.worksheet_write_number)
#define worksheet_write_rich_string (xlsx_fn.worksheet_write_rich_string)
#define worksheet_write_string (xlsx_fn.worksheet_write_string)
#endif

#endif /* ANTT_XLSX_SONAME */
#endif
