/* The unit list's decisions for many units at once. A leader marks units
 * (Space) and records one recognition decision for all of them (c: number,
 * date, issuing authority, signer; Esc at any prompt changes nothing); the
 * core records it all or nothing, and its refusals open the errors list.
 * F6 submits, F7 approves every complete form below the selected unit,
 * after a confirmation that says how many. Rights are asked at the first
 * key, before any prompt. */
#include <curses.h>
#include "ui.h"
#include "workflow.h"
#include "auth.h"
#include "date.h"
#include "recognise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The marks, the decision being typed and the bulk unit are the unit
 * list's (ui->units.marks, ui.h). */

static long mark_index(const ui_marks *m, const char *code)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->codes[i], code))
			return (long)i;
	return -1;
}

int ui_marked(const ui *ui, const char *code)
{
	return mark_index(&ui->units.marks, code) >= 0;
}

size_t ui_marks_clear(ui *ui)
{
	ui_marks *m = &ui->units.marks;
	size_t n = m->n;

	for (size_t i = 0; i < m->n; i++)
		free(m->codes[i]);
	free(m->codes);
	m->codes = NULL;
	m->n = 0;
	return n;
}

void ui_mark_toggle(ui *ui)
{
	ui_units_state *us = &ui->units;
	const tree_row *r = ui_units_current(ui);
	ui_marks *m = &us->marks;
	long i;
	char **g;

	if (!r)
		return;
	if (r->status == STATUS_NA) {
		ui_message(ui, 0, "%s không đánh giá theo tiêu chuẩn nên không được công nhận; đánh dấu đơn vị bên dưới.",
			tree_type_of(&us->tree, r)->name);
		return;
	}
	if ((i = mark_index(m, r->code)) >= 0) {
		free(m->codes[i]);
		memmove(m->codes + i, m->codes + i + 1, (m->n - (size_t)i - 1) * sizeof(*m->codes));
		m->n--;
	} else if (!(g = realloc(m->codes, (m->n + 1) * sizeof(*m->codes))) || !(g[m->n] = strdup(r->code))) {
		if (g)
			m->codes = g;
		ui_message(ui, 1, "Hết bộ nhớ: chưa đánh dấu được.");
		return;
	} else {
		m->codes = g;
		m->n++;
	}
	if (m->n)
		ui_message(ui, 0, "Đã đánh dấu %zu đơn vị. c: ghi quyết định công nhận · Esc: bỏ đánh dấu.", m->n);
	else
		ui_message(ui, 0, "Không còn đơn vị nào được đánh dấu.");
	/* on to the next row, as marking a list goes */
	if (us->sel + 1 < (long)us->tree.n_vis)
		us->sel++;
	ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, UI_UNITS_TOP), ACT_NONE);
}

/* --- one decision for the marked units ------------------------------------ */

static antt_status signer_typed(ui *ui, const char *text)
{
	ui_marks *m = &ui->units.marks;
	recognise_decision d = { m->number, m->day, m->authority, text };
	antt_err err = { "" };
	int added = 0;
	antt_status s = recognise_record(ui->db, &d, ui->year, (const char *const *)m->codes, m->n, &added, &err);

	if (s != ANTT_OK) {
		const char *nl = strchr(err.msg, '\n');
		char list[sizeof(err.msg) + 300];
		/* the core's heading names the decision in its own words; the
		 * screen's says it whole at 80 columns */
		snprintf(list, sizeof(list), "Quyết định số %s chưa được ghi: có đơn vị không công nhận được.%s", m->number,
			nl ? nl : "");
		if (!nl || !ui_errors_show_as(ui, "Không ghi được quyết định công nhận — chưa ghi gì", list,
		                              "Quyết định chưa được ghi. Bỏ đánh dấu các đơn vị bị từ chối (Space) rồi bấm c")) {
			ui_message(ui, 1, "Quyết định số %s chưa được ghi: %s.", m->number, ui_err_text(s, &err));
			ui->latched = 1;   /* a refusal: what is typed next is not taken as keys */
		}
		return ANTT_OK;
	}
	ui_marks_clear(ui);
	ui_units_reload(ui);
	if (added)
		ui_message(ui, 0, "Đã ghi quyết định số %s: %d đơn vị được công nhận năm %d.", m->number, added, ui->year);
	else
		ui_message(ui, 0, "Quyết định số %s đã có các đơn vị này: không ghi thêm gì.", m->number);
	return ANTT_OK;
}

static antt_status authority_typed(ui *ui, const char *text)
{
	if (!text[0]) {
		ui_message(ui, 1, "Cần cơ quan ban hành, ví dụ: Chủ tịch UBND xã Hòa Bình (Esc: thôi).");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->units.marks.authority, sizeof(ui->units.marks.authority), "%s", text);
	ui_prompt(ui, "Người ký (để trống nếu không ghi):", "", signer_typed);
	return ANTT_OK;
}

static antt_status date_typed(ui *ui, const char *text)
{
	ui_units_state *us = &ui->units;
	antt_err err = { "" };
	antt_status st;
	int y;

	if ((st = date_parse(text, "ngày quyết định", us->marks.day, &err)) != ANTT_OK) {
		ui_message(ui, 1, "%s. Esc: thôi.", ui_err_text(st, &err));
		return ANTT_ERR_INVALID;
	}
	y = atoi(us->marks.day);
	if (y != ui->year && y != ui->year + 1) {
		ui_message(ui, 1, "Quyết định công nhận kết quả năm %d ban hành trong năm %d hoặc %d. Esc: thôi.",
			ui->year, ui->year, ui->year + 1);
		return ANTT_ERR_INVALID;
	}
	ui_prompt(ui, "Cơ quan ban hành (ví dụ Chủ tịch UBND xã Hòa Bình):", us->marks.authority, authority_typed);
	return ANTT_OK;
}

static antt_status number_typed(ui *ui, const char *text)
{
	if (!text[0] || strchr(text, ' ')) {
		ui_message(ui, 1, "Số quyết định viết liền, ví dụ 45/QĐ-UBND (Esc: thôi).");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->units.marks.number, sizeof(ui->units.marks.number), "%s", text);
	ui_prompt(ui, "Ngày quyết định (ngày/tháng/năm):", "", date_typed);
	return ANTT_OK;
}

static void ask_number(ui *ui)
{
	if (!ui->units.marks.n) {
		ui_message(ui, 0, "Chưa đánh dấu đơn vị nào: chọn đơn vị, bấm Space để đánh dấu, rồi bấm c.");
		return;
	}
	ui_prompt(ui, "Số quyết định công nhận (ví dụ 45/QĐ-UBND):", "", number_typed);
	ui_message(ui, 0, "Một quyết định cho %zu đơn vị đã đánh dấu, năm %d. Esc: thôi, không ghi gì.", ui->units.marks.n,
		ui->year);
}

void ui_recognise_start(ui *ui)
{
	if (ui->db->role == ROLE_OPEN && !ui->units.marks.n) {   /* login off: no login asked for nothing */
		ask_number(ui);
		return;
	}
	if (ui_leader_first(ui, "ghi quyết định công nhận", ask_number))
		ask_number(ui);
}

/* --- every complete form below a unit ----------------------------------- */

/* The forms below the selected unit (itself included) the step would
 * take, as the core classifies them: complete ones being entered or
 * returned (submit), submitted ones (approve). */
static long bulk_due(const ui *ui, const tree_row *top, int approve)
{
	const ui_units_state *us = &ui->units;
	long n = 0;
	size_t i = 0;

	while (i < us->tree.n && &us->tree.rows[us->tree.order[i]] != top)
		i++;
	for (size_t j = i; j < us->tree.n; j++) {
		const tree_row *r = &us->tree.rows[us->tree.order[j]];
		int complete = r->status == STATUS_PASS || r->status == STATUS_FAIL;
		if (j > i && r->depth <= top->depth)
			break;
		if (approve ? r->flow == FLOW_SUBMITTED && complete
		            : (r->flow == FLOW_DRAFT || r->flow == FLOW_RETURNED) && complete)
			n++;
	}
	return n;
}

static antt_status bulk_confirmed(ui *ui, const char *text, int approve)
{
	assess_bulk b;
	antt_err err = { "" };
	antt_status st;
	char skipped[600] = "";
	long long left = 0;

	if (!ui_said_yes(text)) {
		ui_message(ui, 0, "Không đổi gì.");
		return ANTT_OK;
	}
	st = (approve ? assess_approve_under : assess_submit_under)(ui->db, ui->units.marks.bulk_code, ui->year, &b, &err);
	if (st != ANTT_OK) {
		ui_message(ui, 1, "%s.", ui_err_text(st, &err));
		ui->latched = 1;
		return ANTT_OK;
	}
	for (int k = BULK_DONE + 1; k < BULK_COUNT; k++) {
		char part[200];
		if (!b.n[k])
			continue;
		left += b.n[k];
		snprintf(part, sizeof(part), "%s%lld %s", left > b.n[k] ? "; " : "", b.n[k],
			k == BULK_INCOMPLETE ? "chưa nhập xong" : assess_bulk_reason((assess_bulk_kind)k));
		strncat(skipped, part, sizeof(skipped) - strlen(skipped) - 1);
	}
	ui_units_reload(ui);
	if (left)
		ui_message(ui, 0, "Đã %s %lld phiếu. Bỏ qua %lld: %s.", approve ? "duyệt" : "trình", b.n[BULK_DONE], left,
			skipped);
	else
		ui_message(ui, 0, "Đã %s %lld phiếu.", approve ? "duyệt" : "trình", b.n[BULK_DONE]);
	assess_bulk_free(&b);
	return ANTT_OK;
}

static antt_status submit_confirmed(ui *ui, const char *text) { return bulk_confirmed(ui, text, 0); }
static antt_status approve_confirmed(ui *ui, const char *text) { return bulk_confirmed(ui, text, 1); }

/* How many forms the bulk key would change below the bulk unit; 0 (said why)
 * when none: no units below, or nothing due. */
static long bulk_count(ui *ui, int approve)
{
	ui_units_state *us = &ui->units;
	const tree_row *r = NULL;
	long n;

	for (size_t i = 0; i < us->tree.n && !r; i++)
		if (!strcmp(us->tree.rows[us->tree.order[i]].code, us->marks.bulk_code))
			r = &us->tree.rows[us->tree.order[i]];
	if (!r)
		return 0;
	if (!tree_below(&us->tree, r->code)) {
		ui_message(ui, 0, "%s không có đơn vị trực thuộc: mở phiếu (Enter) rồi bấm %s.", tree_name(ui->db, &us->tree, r),
			approve ? "F7 để duyệt" : "F6 để trình");
		return 0;
	}
	if (!(n = bulk_due(ui, r, approve)))
		ui_message(ui, 0, approve ? "%s: không có phiếu nào đã trình đang chờ duyệt."
		                          : "%s: không có phiếu nào đã nhập xong để trình.", us->marks.bulk_name);
	return n;
}

static void ask_bulk(ui *ui, int approve)
{
	long n = bulk_count(ui, approve);

	if (!n)
		return;
	ui_prompt(ui, "Đồng ý? (gõ c rồi Enter; Esc: thôi)", "", approve ? approve_confirmed : submit_confirmed);
	ui_message(ui, 0, approve ? "Duyệt %ld phiếu đã trình của %s?" : "Trình %ld phiếu đã nhập xong của %s?", n,
		ui->units.marks.bulk_name);
}

static void ask_approve(ui *ui) { ask_bulk(ui, 1); }

/* Rights first, at the key: an officer who may not is told so before
 * anything is counted or asked. */
void ui_bulk_start(ui *ui, int approve)
{
	ui_units_state *us = &ui->units;
	const tree_row *r = ui_units_current(ui);
	antt_err err = { "" };

	if (!r)
		return;
	snprintf(us->marks.bulk_code, sizeof(us->marks.bulk_code), "%s", r->code);
	snprintf(us->marks.bulk_name, sizeof(us->marks.bulk_name), "%s", tree_name(ui->db, &us->tree, r));
	if (approve) {
		/* login off: a leader is not asked to log in for nothing to approve */
		if (ui->db->role == ROLE_OPEN && !bulk_count(ui, 1))
			return;
		if (ui_leader_first(ui, "duyệt", ask_approve))
			ask_approve(ui);
	} else if (auth_require(ui->db, CAN_ENTER, "trình duyệt", &err) == ANTT_OK)
		ask_bulk(ui, 0);
	else
		ui_message(ui, 1, "%s.", ui_err_text(ANTT_ERR_DENIED, &err));
}
