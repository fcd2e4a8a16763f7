/* antt forms reassess --year NĂM [--unit MÃ] [--approved]: re-assess the
 * stored assessments that forms check reports under today's criteria sets
 * (core/reassess.h). */
#include <stdio.h>
#include "cli.h"
#include "assess.h"
#include "reassess.h"

#include <getopt.h>
#include <string.h>

struct heading { int year, shown; };

static int print_row(const reassess_row *r, void *ctx)
{
	struct heading *h = ctx;

	if (!h->shown++)
		printf("Đã đánh giá lại năm %d theo bộ tiêu chí hiện hành:\n", h->year);
	printf("  %s (%s): %s → %s theo %s%s\n", r->unit_code, r->unit_name, assess_verdict_name(r->old_verdict),
		assess_verdict_name(r->new_verdict), r->new_regulation ? r->new_regulation : "bộ tiêu chí hiện hành",
		r->reopened ? "; phiếu đã duyệt trở lại \"đang nhập\", cần trình và duyệt lại" : "");
	return 0;
}

int cmd_forms_reassess(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' }, { "unit", required_argument, NULL, 'u' },
		{ "approved", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	const char *unit = NULL;
	antt_err err = { "" };
	antt_status st;
	int c, year = 0, approved = 0, n = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "y:u:a", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (year)   /* the last one silently winning re-assessed another year */
				return cli_usage_error("forms reassess", "tùy chọn \"--year\" ghi hai lần: chỉ ghi một lần");
			if (!cli_year(optarg, &year))
				return cli_usage_error("forms reassess", "năm \"%s\" không hợp lệ", optarg);
			break;
		case 'u':
			if (unit)
				return cli_usage_error("forms reassess", "tùy chọn \"--unit\" ghi hai lần: mỗi lần một đơn vị, "
					"hoặc bỏ --unit để đánh giá lại mọi đơn vị");
			unit = optarg;
			break;
		case 'a': approved = 1; break;
		default: return cli_usage_error("forms reassess", "tùy chọn không đúng");
		}
	}
	if (optind != argc)
		return cli_usage_error("forms reassess", "thừa tham số \"%s\"", argv[optind]);
	if (!year)
		return cli_usage_error("forms reassess", "cần --year NĂM");
	st = reassess_run(ctx->db, year, unit, approved, print_row, &(struct heading){ year, 0 }, &n, &err);
	if (st != ANTT_OK) {
		int rc = cli_fail(st, &err);
		/* core says what is refused; the command line says how to go on */
		if (st == ANTT_ERR_INVALID && strstr(err.msg, "gồm cả phiếu đã duyệt"))
			fprintf(stderr, "antt: lãnh đạo đánh giá lại cả phiếu đã duyệt bằng: antt forms reassess --year %d%s%s "
				"--approved\n", year, unit ? " --unit " : "", unit ? unit : "");
		if (st == ANTT_ERR_INVALID && strstr(err.msg, "rút công nhận"))
			fprintf(stderr, "antt: lãnh đạo rút công nhận bằng: antt recognise withdraw MÃ %d --reason \"...\"\n", year);
		return rc;
	}
	if (!n)
		printf("Năm %d%s%s: không có đánh giá nào cần đánh giá lại, mọi phiếu đã theo bộ tiêu chí hiện hành.\n",
			year, unit ? ", đơn vị " : "", unit ? unit : "");
	else
		printf("Tổng cộng %d phiếu; nhật ký ghi lại từng phiếu, gói dữ liệu gửi đi mang theo thay đổi.\n", n);
	return CLI_OK;
}
