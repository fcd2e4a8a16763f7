/* The movement's sheets (QĐ 510): classes per commune and type, the
 * dossier's list of every scored unit with its score and proposed class,
 * the registers' figures, and the model-unit candidates; each left out when
 * nothing was entered. */
#include "report_int.h"
#include "count.h"
#include "register.h"
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Class counts per commune and type (count.h), then per type. */
static antt_status class_counts_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "Xã / trực thuộc", "Loại đơn vị", "Xuất sắc", "Khá", "Trung bình", "Yếu" };
	static const double widths[] = { 26, 18, 10, 10, 11, 10 };
	count_class *rows = NULL, *tot = NULL;
	size_t n = 0, nt = 0;
	detail d = { .w = w };
	antt_status s;
	int r;

	if ((s = count_classes(w->db, w->year, w->o->under, &rows, &n, &tot, &nt, err)) != ANTT_OK)
		return s;
	if (n == 0) {
		report_left_out(w, "Xếp loại");
		free(rows);
		free(tot);
		return ANTT_OK;
	}
	if (!(d.ws = report_stream_sheet(w, "Xếp loại", err))) {
		free(rows);
		free(tot);
		return ANTT_ERR_IO;
	}
	w->extra_sheets++;
	report_detail_head(&d, "KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ NĂM {year}", cols, widths, 6);
	r = d.row;
	for (size_t i = 0; i < n + nt; i++, r++) {
		const count_class *c = i < n ? &rows[i] : &tot[i - n];
		int total = i >= n;
		worksheet_write_string(d.ws, r, 0, total ? "Tổng cộng" : c->commune, w->f[total ? F_TOTAL_TEXT : F_CELL_TEXT]);
		worksheet_write_string(d.ws, r, 1, c->type_name, w->f[total ? F_TOTAL_TEXT : F_CELL_TEXT]);
		for (int k = 0; k < CLASS_COUNT; k++)
			worksheet_write_number(d.ws, r, 2 + k, (double)c->n[CLASS_XUAT_SAC - k], w->f[total ? F_TOTAL_INT : F_CELL_INT]);
	}
	worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(r > 3 ? r - 1 : 3), 5);
	free(rows);
	free(tot);
	return ANTT_OK;
}

static int scored_row(const count_scored_unit *u, void *ctx)
{
	static const char *const cols[] = { "STT", "Đơn vị", "Loại", "Xã / trực thuộc", "Điểm", "Xếp loại đề nghị" };
	static const double widths[] = { 5, 30, 14, 20, 8, 14 };
	detail *d = ctx;
	writer *w = d->w;
	const score_result *r = u->score;

	if (!d->ws) {   /* the sheet only when a unit was scored */
		if (!(d->ws = workbook_add_worksheet(w->wb, "Danh sách chấm điểm")))
			return -1;
		w->extra_sheets++;
		report_detail_head(d, "DANH SÁCH CHẤM ĐIỂM, MỨC ĐỀ XUẤT PHÂN LOẠI PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ NĂM {year}",
			cols, widths, 6);
	}
	worksheet_write_number(d->ws, d->row, 0, ++d->n, w->f[F_CELL_INT]);
	worksheet_write_string(d->ws, d->row, 1, u->name, w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 2, u->type_name, w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 3, u->commune, w->f[F_CELL_TEXT]);
	if (r->cls >= 0)   /* the reviewer's score decides once given (score_load) */
		worksheet_write_number(d->ws, d->row, 4, r->has_reviewer ? r->reviewer_total : r->self_total, w->f[F_CELL_SCORE]);
	else
		worksheet_write_blank(d->ws, d->row, 4, w->f[F_CELL_SCORE]);
	worksheet_write_string(d->ws, d->row, 5, r->cls >= 0 ? score_class_name(r->cls) : "Chưa chấm xong", w->f[F_CELL_TEXT]);
	d->row++;
	return 0;
}

/* The dossier's list (QĐ 510, hồ sơ: danh sách chấm điểm, mức đề xuất phân
 * loại): every scored unit, whatever its class. */
static antt_status scored_list_sheet(writer *w, antt_err *err)
{
	detail d = { .w = w };
	antt_status s = count_scored(w->db, w->year, w->o->under, scored_row, &d, err);

	if (s == ANTT_OK && d.ws)
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row - 1), 5);
	else if (s == ANTT_OK)
		report_left_out(w, "Danh sách chấm điểm");
	return s;
}

antt_status report_classes_sheet(writer *w, antt_err *err)
{
	antt_status s = class_counts_sheet(w, err);
	return s == ANTT_OK ? scored_list_sheet(w, err) : s;
}

antt_status report_movement_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "Nội dung", "Số lượng" };
	static const double widths[] = { 60, 14 };
	reg_lists *l = NULL;
	reg_figures f;
	detail d = { .w = w };
	antt_status s;
	int r;

	if ((s = reg_lists_load(&l, err)) != ANTT_OK)
		return s;
	if ((s = reg_year_figures(w->db, l, w->year, w->o->under, &f, err)) == ANTT_OK) {
		typedef struct { const char *what; long long n; } figure_row;
		figure_row rows[32];
		int k = 0;
		rows[k++] = (figure_row){ "Cuộc phát động phong trào", f.launches };
		rows[k++] = (figure_row){ "Lượt người tham gia các cuộc phát động", f.launch_participants };
		rows[k++] = (figure_row){ "Diễn đàn \"Công an lắng nghe ý kiến nhân dân\"", f.forums };
		rows[k++] = (figure_row){ "Buổi tuyên truyền", f.sessions };
		rows[k++] = (figure_row){ "Mô hình đang hoạt động", f.models };
		rows[k++] = (figure_row){ "   trong đó duy trì từ các năm trước", f.models_kept };
		rows[k++] = (figure_row){ "   trong đó xây dựng mới trong năm", f.models_new };
		rows[k++] = (figure_row){ "Số điểm áp dụng mô hình", f.places };
		rows[k++] = (figure_row){ "Số tổ, đội", f.teams };
		rows[k++] = (figure_row){ "Số thành viên", f.members };
		rows[k++] = (figure_row){ "Tin báo của quần chúng", f.tipoffs };
		rows[k++] = (figure_row){ "   trong đó tin có giá trị", f.tipoffs_valuable };
		for (size_t i = 0; i < l->n_levels && i < REG_LEVELS_MAX; i++)
			rows[k++] = (figure_row){ l->level_names[i], f.commendations[i] };
		rows[k++] = (figure_row){ "Khen thưởng tập thể", f.collective };
		rows[k++] = (figure_row){ "Khen thưởng cá nhân", f.individual };
		for (r = 0; r < k && !rows[r].n; r++)
			;
		if (r == k) {
			report_left_out(w, "Phong trào");
			reg_lists_free(l);
			return ANTT_OK;
		}
		if (!(d.ws = report_stream_sheet(w, "Phong trào", err))) {
			reg_lists_free(l);
			return ANTT_ERR_IO;
		}
		w->extra_sheets++;
		report_detail_head(&d, "KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {year}", cols, widths, 2);
		for (r = 0; r < k; r++) {
			worksheet_write_string(d.ws, d.row + r, 0, rows[r].what, w->f[F_CELL_TEXT]);
			worksheet_write_number(d.ws, d.row + r, 1, (double)rows[r].n, w->f[F_CELL_INT]);
		}
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row + k - 1), 1);
	}
	reg_lists_free(l);
	return s;
}

static int candidate_row(const reg_candidate *c, void *ctx)
{
	static const char *const cols[] = { "STT", "Đơn vị", "Loại", "Xã / trực thuộc", "Điểm", "Xếp loại", "Điển hình" };
	static const double widths[] = { 5, 30, 14, 20, 8, 10, 11 };
	detail *d = ctx;
	writer *w = d->w;

	if (!d->ws) {   /* the sheet only when there is a candidate */
		if (!(d->ws = report_stream_sheet(w, "Đề nghị điển hình", d->err))) {
			d->st = ANTT_ERR_IO;
			return 1;
		}
		w->extra_sheets++;
		report_detail_head(d, "ĐƠN VỊ ĐẠT TIÊU CHUẨN, XẾP LOẠI KHÁ TRỞ LÊN NĂM {year}", cols, widths, 7);
	}

	worksheet_write_number(d->ws, d->row, 0, ++d->n, w->f[F_CELL_INT]);
	worksheet_write_string(d->ws, d->row, 1, c->name, w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 2, c->type_name, w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 3, c->commune, w->f[F_CELL_TEXT]);
	worksheet_write_number(d->ws, d->row, 4, c->total, w->f[F_CELL_INT]);
	worksheet_write_string(d->ws, d->row, 5, score_class_name(c->cls), w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 6, c->proposed ? "Đề nghị" : "", w->f[F_CELL_TEXT]);
	d->row++;
	return 0;
}

antt_status report_candidates_sheet(writer *w, antt_err *err)
{
	detail d = { .w = w, .err = err };
	antt_status s;

	s = reg_candidates(w->db, w->year, w->o->under, candidate_row, &d, err);
	if (s == ANTT_OK && d.st != ANTT_OK)
		return d.st;
	if (s == ANTT_OK && d.ws)
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row - 1), 6);
	else if (s == ANTT_OK)
		report_left_out(w, "Đề nghị điển hình");
	return s;
}
