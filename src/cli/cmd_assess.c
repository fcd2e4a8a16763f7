/* antt register | answer set | answer import | assess show | summary */
#include <stdio.h>
#include "cli.h"
#include "num.h"
#include "answer.h"
#include "assess.h"
#include "count.h"
#include "text.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_register(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status st;
	int year;

	if (argc != 3)
		return cli_usage_error("register", "cần MÃ và NĂM");
	if (!cli_year(argv[2], &year))
		return cli_usage_error("register", "năm \"%s\" không hợp lệ", argv[2]);
	st = assess_register(ctx->db, argv[1], year, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf("Đã ghi nhận %s đăng ký năm %d.\n", argv[1], year);
	return CLI_OK;
}

int cmd_answer_set(cli_ctx *ctx, int argc, char **argv)
{
	const char *pos[4], *note = NULL;
	antt_err err = { "" };
	antt_status st;
	int npos = 0, year, exception = -1;

	/* Options may stand anywhere; a value such as "-1" is an argument
	 * (and refused later with a message), only "--" starts an option. */
	for (int i = 1; i < argc; i++) {
		int is_note = !strcmp(argv[i], "--note") || !strncmp(argv[i], "--note=", 7);
		int exc = !strcmp(argv[i], "--exception") ? 1 : !strcmp(argv[i], "--no-exception") ? 0 : -1;

		/* the last one silently winning kept a note or a mark nobody meant */
		if (is_note && note)
			return cli_usage_error("answer set", "tùy chọn \"--note\" ghi hai lần: chỉ ghi một lần");
		if (exc >= 0 && exception >= 0 && exc != exception)
			return cli_usage_error("answer set", "--exception và --no-exception: chỉ chọn một");
		if (!strcmp(argv[i], "--note") && i + 1 < argc)
			note = argv[++i];
		else if (!strncmp(argv[i], "--note=", 7))
			note = argv[i] + 7;
		else if (exc >= 0)
			exception = exc;
		else if (!strncmp(argv[i], "--", 2))
			return cli_usage_error("answer set", "không có tùy chọn \"%s\"", argv[i]);
		else if (npos < 4)
			pos[npos++] = argv[i];
		else
			return cli_usage_error("answer set", "thừa tham số \"%s\" (giá trị có khoảng trắng "
				"thì đặt trong ngoặc kép)", argv[i]);
	}
	if (npos != 4)
		return cli_usage_error("answer set", "cần MÃ, NĂM, TIÊU_CHÍ và GIÁ_TRỊ");
	if (!cli_year(pos[1], &year))
		return cli_usage_error("answer set", "năm \"%s\" không hợp lệ", pos[1]);
	st = answer_set(ctx->db, pos[0], year, pos[2], pos[3], note, exception, &err);
	if (st != ANTT_OK)
		return cli_fail_at(st, &err, pos[0], year);
	printf("Đã lưu: %s năm %d, tiêu chí %s = %s\n", pos[0], year, pos[2], pos[3]);
	return CLI_OK;
}

int cmd_answer_import(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status st;
	int n;

	if (argc != 2)
		return cli_usage_error("answer import", "cần đúng một tệp CSV");
	st = answer_import_csv(ctx->db, argv[1], &n, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf("Đã nhập %d câu trả lời từ %s.\n", n, argv[1]);
	return CLI_OK;
}

static const char *status_name(const char *s)
{
	if (!strcmp(s, "registered")) return "đã đăng ký, chưa nhập";
	if (!strcmp(s, "draft"))      return "đang nhập";
	if (!strcmp(s, "submitted"))  return "đã trình";
	if (!strcmp(s, "approved"))   return "đã duyệt";
	if (!strcmp(s, "returned"))   return "trả lại";
	return s;
}

static const char *state_name(int state)
{
	return state == RULE_PASS ? "đạt" : state == RULE_FAIL ? "KHÔNG ĐẠT" : "thiếu";
}

#define LABEL_COLS 52

/* One criterion: id, label wrapped to LABEL_COLS, answer, state. */
static void print_item(const form_item *it, const assess_item *a)
{
	char answer[128] = "", cell[256], line[512];
	const char *label = it->label;
	int indent = it->parent >= 0 ? 2 : 0, first = 1;

	if (it->computed)
		snprintf(answer, sizeof(answer), "%lld/%lld công nhận", a->counts.recognised, a->counts.total);
	else if (it->leaf)
		form_format_value(it, &a->value, answer, sizeof(answer));
	if (a->exception)
		strncat(answer, " (ngoại lệ)", sizeof(answer) - strlen(answer) - 1);

	while (*label || first) {
		size_t cols = LABEL_COLS - (size_t)indent, fit = text_wrap_line(label, cols);

		snprintf(line, sizeof(line), "%.*s", (int)fit, label);
		label += fit;
		while (*label == ' ')
			label++;
		printf(" %-6s %*s%s", first ? it->id : "", indent, "", text_pad(cell, sizeof(cell), line, cols));
		if (first)
			printf("  %s  %s", text_pad(cell, sizeof(cell), answer, 22), state_name(a->state));
		putchar('\n');
		first = 0;
	}
	if (a->note && *a->note)
		printf(" %-6s %*s  ghi chú: %s\n", "", indent, "", a->note);
	if (it->computed)
		printf(" %-6s %*s  %lld/%lld đơn vị đã đăng ký, %lld được công nhận (theo quyết định)\n", "", indent, "",
			a->counts.registered, a->counts.total, a->counts.recognised);
}

int cmd_assess_show(cli_ctx *ctx, int argc, char **argv)
{
	assess_result r;
	antt_err err = { "" };
	antt_status st;
	char verdict[512];
	int year;

	if (argc != 3)
		return cli_usage_error("assess show", "cần MÃ và NĂM");
	if (!cli_year(argv[2], &year))
		return cli_usage_error("assess show", "năm \"%s\" không hợp lệ", argv[2]);
	st = assess_load(ctx->db, argv[1], year, &r, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);

	printf("Đơn vị:      %s (%s) — %s\n", r.unit.name, r.unit.code, r.unit.type_name);
	printf("Năm:         %d — %s\n", year, r.id ? status_name(r.status) : "chưa đăng ký");
	printf("Bộ tiêu chí: %s — %s\n", r.f->regulation, r.f->title);
	if (r.f->additions)
		printf("Bổ sung của tỉnh: %s\n", r.f->additions);
	if (r.unit.excluded)
		printf("Đơn vị này không thuộc diện đánh giá.\n");
	printf("\n");
	for (size_t i = 0; i < r.f->n_items; i++)
		print_item(&r.f->items[i], &r.items[i]);

	printf("\nKết luận: %s\n", assess_verdict_text(&r, verdict, sizeof(verdict)));
	assess_result_free(&r);
	return CLI_OK;
}

/* Column heads in up to three short lines, so nine columns fit 80. */
static void summary_head(void)
{
	static const char *const head[][3] = {
		{ "Tổng", "số", "" }, { "Không", "xét", "" }, { "Đăng", "ký", "" }, { "Đã", "xét", "" },
		{ "Tự đánh", "giá đạt", "" }, { "Đã", "duyệt", "đạt" }, { "Được", "công", "nhận" }, { "Tỷ lệ %", "công", "nhận" },
	};
	char cell[64];

	for (int line = 0; line < 3; line++) {
		printf("%s", text_pad(cell, sizeof(cell), line == 1 ? "Loại đơn vị" : "", 15));
		for (size_t i = 0; i < sizeof(head) / sizeof(*head); i++)
			printf(" %s", text_rpad(cell, sizeof(cell), head[i][line], 7));
		printf("\n");
	}
}

int cmd_summary(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "under", required_argument, NULL, 'u' }, { NULL, 0, NULL, 0 } };
	const char *under = NULL;
	count_row *rows, tot = { .name = "Tổng cộng" };
	antt_err err = { "" };
	antt_status st;
	size_t n;
	int c, year;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "u:", opts, NULL)) != -1) {
		if (cli_option_once("summary", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c != 'u')
			return cli_usage_error("summary", "tùy chọn không đúng");
		under = optarg;
	}
	if (argc - optind != 1 || !cli_year(argv[optind], &year))
		return cli_usage_error("summary", "cần một NĂM (từ %d đến %d)", NUM_YEAR_MIN, NUM_YEAR_MAX);
	st = count_by_type(ctx->db, year, under, &rows, &n, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf("Tổng hợp năm %d%s%s\n\n", year, under ? " — dưới đơn vị " : "", under ? under : "");
	summary_head();
	for (size_t i = 0; i <= n; i++) {
		count_row *r = i < n ? &rows[i] : &tot;
		const long long v[] = { r->total, r->excluded, r->registered, r->assessed, r->passed, r->approved,
			r->recognised };
		char cell[32], pct[32], name[96];
		double rate = count_rate(r);

		if (i == n && n < 2)
			break;
		if (i < n)
			count_add(&tot, r);
		printf("%s", text_pad(name, sizeof(name), r->name, 15));
		for (size_t k = 0; k < sizeof(v) / sizeof(*v); k++)
			printf(" %7s", text_fmt_int(cell, sizeof(cell), v[k]));
		printf(" %7s\n", rate < 0 ? "-" : text_fmt_pct(pct, sizeof(pct), rate));
	}
	if (n == 0)
		printf("(chưa có đơn vị nào thuộc diện đánh giá trong năm %d)\n", year);
	else
		printf("\nTỷ lệ: số được công nhận (quyết định của Chủ tịch UBND) trên số thuộc diện đánh giá.\n");
	free(rows);
	return CLI_OK;
}
