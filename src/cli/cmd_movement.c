/* antt score set|show|list|import, antt movement add-model|end-model|add-activity|
 * add-commendation|tipoffs|import|show, antt candidates: the movement's own
 * figures beside the checklists. */
#include <stdio.h>
#include "cli.h"
#include "count.h"
#include "num.h"
#include "register.h"
#include "score.h"
#include "text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* One line of the dossier's list: code, name, type, score, proposed class. */
static int print_scored(const count_scored_unit *u, void *ctx)
{
	const score_result *r = u->score;
	char name[300], pts[32], left[64];
	(void)ctx;
	snprintf(left, sizeof(left), "chưa chấm xong (còn %d mục)", r->missing);
	printf("%-12s %s %-14s %6s  %s  %s\n", u->code, text_pad(name, sizeof(name), u->name, 30), u->type_name,
		r->cls >= 0 ? text_fmt_pct(pts, sizeof(pts), r->has_reviewer ? r->reviewer_total : r->self_total) : "-",
		r->cls >= 0 ? score_class_name(r->cls) : left, u->commune);
	return 0;
}

int cmd_score(cli_ctx *ctx, int argc, char **argv)
{
	const char *sub = argv[0];
	antt_err err = { "" };
	antt_status s;
	int year, n;

	if (!strcmp(sub, "import")) {
		if (argc != 2)
			return cli_usage_error("score import", "cần đúng một tệp CSV");
		if ((s = score_import_csv(ctx->db, argv[1], &n, &err)) != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã nhập %d dòng điểm từ %s.\n", n, argv[1]);
		return CLI_OK;
	}
	if (!strcmp(sub, "set")) {
		if (argc < 5 || argc > 6 || !cli_year(argv[2], &year))
			return cli_usage_error("score set", "cần MÃ NĂM MỤC ĐIỂM_TỰ_CHẤM [ĐIỂM_CẤP_TRÊN] (\"-\": giữ nguyên)");
		s = score_set(ctx->db, argv[1], year, argv[3], strcmp(argv[4], "-") ? argv[4] : NULL,
			argc == 6 && strcmp(argv[5], "-") ? argv[5] : NULL, &err);
		if (s != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã lưu điểm mục %s của %s năm %d.\n", argv[3], argv[1], year);
		return CLI_OK;
	}
	if (!strcmp(sub, "show")) {
		score_result r;
		char line[512], buf[64], a[32], b[32];
		if (argc != 3 || !cli_year(argv[2], &year))
			return cli_usage_error("score show", "cần MÃ và NĂM");
		if ((s = score_load(ctx->db, argv[1], year, &r, &err)) != ANTT_OK)
			return cli_fail(s, &err);
		printf("%s (%s) — năm %d\n%s — %s\n\n", r.unit.name, r.unit.code, year, r.sheet->regulation, r.sheet->title);
		printf(" %-5s %s %7s %9s %9s\n", "Mục", text_pad(line, sizeof(line), "Nội dung chấm điểm", 48), "Chuẩn", "Tự chấm", "Cấp trên");
		for (size_t i = 0; i < r.sheet->n_items; i++) {
			const score_item *it = &r.sheet->items[i];
			char dec[32];
			snprintf(buf, sizeof(buf), it->deduct > 0 ? "-%g" : "%g", it->max);
			snprintf(a, sizeof(a), "%s", r.e[i].has_self ? "" : "-");
			snprintf(b, sizeof(b), "%s", r.e[i].has_reviewer ? "" : "-");
			if (r.e[i].has_self)
				snprintf(a, sizeof(a), "%s%s", num_show_decimal(dec, sizeof(dec), r.e[i].self),
				it->deduct > 0 ? " vụ" : "");   /* 7,5 */
			if (r.e[i].has_reviewer)
				snprintf(b, sizeof(b), "%s%s", num_show_decimal(dec, sizeof(dec), r.e[i].reviewer),
				it->deduct > 0 ? " vụ" : "");   /* 7,5 */
			printf(" %-5s %s %7s %9s %9s\n", it->id, text_pad(line, sizeof(line), it->label, 48),
				buf, it->leaf ? a : "", it->leaf ? b : "");
		}
		printf("\nTổng: tự chấm %s, cấp trên chấm %s", r.has_self ? text_fmt_pct(a, sizeof(a), r.self_total) : "-",
			r.has_reviewer ? text_fmt_pct(b, sizeof(b), r.reviewer_total) : "-");
		printf("; chênh lệch %s\n", r.has_self && r.has_reviewer ? text_fmt_pct(buf, sizeof(buf), r.reviewer_total - r.self_total) : "-");
		if (r.cls < 0 && (r.has_self || r.has_reviewer))
			snprintf(line, sizeof(line), "chưa chấm xong (còn %d mục)", r.missing);
		printf("Xếp loại: %s%s (mức: khá từ %g, xuất sắc từ %g)\n", r.cls < 0 && (r.has_self || r.has_reviewer) ? line : score_class_name(r.cls),
			r.capped ? " — chưa đạt tiêu chuẩn \"An toàn về ANTT\" nên không xếp xuất sắc" : "", r.cut[CLASS_KHA], r.cut[CLASS_XUAT_SAC]);
		score_result_free(&r);
		return CLI_OK;
	}
	if (!strcmp(sub, "list")) {
		const char *under = NULL, *y = NULL;

		/* NĂM and --under MÃ in either order; a wrong word is named */
		for (int i = 1; i < argc; i++) {
			if (!strcmp(argv[i], "--under") && i + 1 < argc && !under)
				under = argv[++i];
			else if (!strcmp(argv[i], "--under"))
				return cli_usage_error("score list", under ? "--under chỉ ghi một lần" : "--under cần MÃ đơn vị");
			else if (argv[i][0] == '-' && argv[i][1] == '-')
				return cli_usage_error("score list", "không có tùy chọn \"%s\"", argv[i]);
			else if (y)
				return cli_usage_error("score list", "thừa tham số \"%s\"", argv[i]);
			else
				y = argv[i];
		}
		if (!y)
			return cli_usage_error("score list", "cần NĂM [--under MÃ]");
		if (!cli_year(y, &year))
			return cli_usage_error("score list", "năm \"%s\" không hợp lệ", y);
		if (under) {   /* an unknown unit is said, not shown as an empty list */
			unit_row u;
			if ((s = unit_get(ctx->db, under, &u, &err)) != ANTT_OK)
				return cli_fail(s, &err);
		}
		printf("Danh sách chấm điểm, mức đề xuất phân loại phong trào năm %d\n", year);
		s = count_scored(ctx->db, year, under, print_scored, NULL, &err);
		return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
	}
	return cli_usage_error("score", "không có lệnh con \"%s\"", sub);
}

/* Optional count argument i: 0 when absent, else bounded (num.h). */
static antt_status opt_count(int argc, char **argv, int i, const char *what, long long *out, antt_err *err)
{
	*out = 0;
	return argc > i ? num_count(argv[i], what, out, err) : ANTT_OK;
}

int cmd_movement(cli_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	antt_err err = { "" };
	antt_status s = ANTT_OK;
	int year, n;

	if (!strcmp(sub, "import") && argc == 4) {
		char *all = NULL;
		if ((s = reg_import_csv_list(ctx->db, argv[2], argv[3], &n, &all, &err)) != ANTT_OK) {
			int rc = cli_fail_list(s, &err, all);
			free(all);
			return rc;
		}
		printf("Đã nhập %d dòng vào sổ %s.\n", n, argv[2]);
		return CLI_OK;
	}
	if (!strcmp(sub, "add-model") && argc >= 6 && cli_year(argv[5], &year)) {
		long long a, b, c;
		if ((s = opt_count(argc, argv, 6, "số điểm", &a, &err)) == ANTT_OK &&
		    (s = opt_count(argc, argv, 7, "số tổ", &b, &err)) == ANTT_OK &&
		    (s = opt_count(argc, argv, 8, "số thành viên", &c, &err)) == ANTT_OK)
			s = reg_model_add(ctx->db, argv[2], argv[3], argv[4], year, a, b, c, &err);
	} else if (!strcmp(sub, "end-model") && argc == 4 && cli_year(argv[3], &year)) {
		long long id;
		if ((s = num_parse(argv[2], 1, LLONG_MAX, "số thứ tự mô hình", &id, &err)) == ANTT_OK)
			s = reg_model_end(ctx->db, id, year, &err);
	} else if (!strcmp(sub, "add-activity") && argc >= 6 && cli_year(argv[3], &year)) {
		long long p;
		if ((s = opt_count(argc, argv, 6, "số người tham gia", &p, &err)) == ANTT_OK)
			s = reg_activity_add(ctx->db, argv[2], year, argv[4], argv[5], p, argc > 7 ? argv[7] : "", &err);
	} else if (!strcmp(sub, "add-commendation") && argc == 10 && cli_year(argv[3], &year)) {
		long long coll;
		if ((s = num_parse(argv[5], 0, 1, "cột tập thể (1: tập thể, 0: cá nhân)", &coll, &err)) == ANTT_OK)
			s = reg_commendation_add(ctx->db, argv[2], year, argv[4], (int)coll, argv[6], argv[7], argv[8], argv[9], &err);
	} else if (!strcmp(sub, "tipoffs") && argc >= 6 && cli_year(argv[3], &year)) {
		long long t, v;
		if ((s = opt_count(argc, argv, 4, "tổng số tin báo", &t, &err)) == ANTT_OK &&
		    (s = opt_count(argc, argv, 5, "số tin có giá trị", &v, &err)) == ANTT_OK)
			s = reg_tipoff_set(ctx->db, argv[2], year, t, v, argc > 6 ? argv[6] : "", &err);
	}
	else if (!strcmp(sub, "show") && argc >= 3 && cli_year(argv[2], &year)) {
		reg_lists *l;
		reg_figures f;
		char a[32], b[32], c[32], d[32], e[32], g[32];
		if ((s = reg_lists_load(&l, &err)) != ANTT_OK)
			return cli_fail(s, &err);
		s = reg_year_figures(ctx->db, l, year, argc == 5 && !strcmp(argv[3], "--under") ? argv[4] : NULL, &f, &err);
		if (s == ANTT_OK) {
			printf("Phong trào năm %d\n", year);
			printf("  %s cuộc phát động (%s lượt người tham gia), %lld diễn đàn, %lld buổi tuyên truyền\n",
				text_fmt_int(a, sizeof(a), f.launches), text_fmt_int(b, sizeof(b), f.launch_participants), f.forums, f.sessions);
			printf("  %s mô hình: %s duy trì, %s mới; %s điểm, %s tổ, %s thành viên\n",
				text_fmt_int(a, sizeof(a), f.models), text_fmt_int(b, sizeof(b), f.models_kept),
				text_fmt_int(c, sizeof(c), f.models_new), text_fmt_int(d, sizeof(d), f.places),
				text_fmt_int(e, sizeof(e), f.teams), text_fmt_int(g, sizeof(g), f.members));
			printf("  %lld tin báo của quần chúng, %lld tin có giá trị\n", f.tipoffs, f.tipoffs_valuable);
			for (size_t i = 0; i < l->n_levels && i < 8; i++)
				printf("  %lld %s\n", f.commendations[i], l->level_names[i]);
			printf("  (khen thưởng: %lld tập thể, %lld cá nhân)\n", f.collective, f.individual);
		}
		reg_lists_free(l);
		return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
	} else
		return cli_usage_error("movement", "cách dùng: antt movement add-model MÃ \"Tên\" LOẠI NĂM_BẮT_ĐẦU [ĐIỂM TỔ THÀNH_VIÊN]"
			" | end-model SỐ NĂM | add-activity MÃ NĂM LOẠI NGÀY [NGƯỜI [GHI_CHÚ]]"
			" | add-commendation MÃ NĂM CẤP TẬP_THỂ(1/0) NGƯỜI_NHẬN LÝ_DO SỐ_QĐ NGÀY_QĐ"
			" | tipoffs MÃ NĂM TỔNG CÓ_GIÁ_TRỊ [KẾT_QUẢ] | import SỔ TỆP.csv | show NĂM [--under MÃ]");
	if (s != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã ghi sổ.\n");
	return CLI_OK;
}

static int print_candidate(const reg_candidate *c, void *ctx)
{
	char name[300], pts[32];
	(void)ctx;
	printf("%s %-12s %s %-14s %6s  %-9s %s\n", c->proposed ? "[x]" : "[ ]", c->code, text_pad(name, sizeof(name), c->name, 30),
		c->type_name, text_fmt_pct(pts, sizeof(pts), c->total), score_class_name(c->cls), c->commune);
	return 0;
}

int cmd_candidates(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status s;
	int year;

	if (argc < 2 || !cli_year(argv[1], &year))
		return cli_usage_error("candidates", "cần NĂM");
	if (argc == 4 && (!strcmp(argv[2], "--propose") || !strcmp(argv[2], "--withdraw"))) {
		if ((s = reg_propose(ctx->db, argv[3], year, !strcmp(argv[2], "--propose"), &err)) != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã %s %s.\n", !strcmp(argv[2], "--propose") ? "đề nghị" : "bỏ đề nghị", argv[3]);
		return CLI_OK;
	}
	printf("Đơn vị đạt tiêu chuẩn và xếp loại khá trở lên năm %d ([x]: đã đề nghị điển hình)\n", year);
	s = reg_candidates(ctx->db, year, argc == 4 && !strcmp(argv[2], "--under") ? argv[3] : NULL, print_candidate, NULL, &err);
	return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
}
