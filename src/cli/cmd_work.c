/* antt submit | approve | return | reopen UNIT YEAR [--reason TEXT],
 * antt submit | approve --under UNIT YEAR, and
 * antt audit [--unit CODE] [--year Y] [--criterion C] [--since DATE] */
#include <stdio.h>
#include "cli.h"
#include "workflow.h"
#include "audit.h"
#include "date.h"

#include <getopt.h>
#include <string.h>

/* At most this many codes are named per reason; the rest are counted. */
#define BULK_NAMED 10

/* antt submit|approve --under CODE YEAR: what was done, then what was
 * left, grouped by reason. */
static int workflow_under(cli_ctx *ctx, const char *cmd, const char *under, const char *year_arg)
{
	int approve = !strcmp(cmd, "approve"), year;
	assess_bulk b;
	antt_err err = { "" };
	antt_status s;

	if (!cli_year(year_arg, &year))
		return cli_usage_error(cmd, "năm \"%s\" không hợp lệ", year_arg);
	s = approve ? assess_approve_under(ctx->db, under, year, &b, &err) : assess_submit_under(ctx->db, under, year, &b, &err);
	if (s != ANTT_OK)
		return cli_fail(s, &err);
	printf("Năm %d, các đơn vị thuộc %s: %s %lld phiếu.\n", year, under, approve ? "đã duyệt" : "đã trình lãnh đạo",
		b.n[BULK_DONE]);
	for (int k = BULK_DONE + 1; k < BULK_COUNT; k++) {
		const char *p = b.codes[k];
		int named = 0;

		if (!b.n[k])
			continue;
		printf("Bỏ qua %lld đơn vị — %s:\n  ", b.n[k], assess_bulk_reason((assess_bulk_kind)k));
		for (; p && *p && named < BULK_NAMED; named++) {
			size_t len = strcspn(p, ",");
			printf("%s%.*s", named ? ", " : "", (int)len, p);
			p += len;
			p += strspn(p, ", ");
		}
		if (b.n[k] > named)
			printf(" … và %lld đơn vị khác", b.n[k] - named);
		printf("\n");
	}
	assess_bulk_free(&b);
	return CLI_OK;
}

int cmd_workflow(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "reason", required_argument, NULL, 'r' },
		{ "under", required_argument, NULL, 'u' }, { NULL, 0, NULL, 0 } };
	const char *cmd = argv[0], *reason = NULL, *under = NULL;
	antt_err err = { "" };
	antt_status s;
	int c, year;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "r:u:", opts, NULL)) != -1) {
		if (cli_option_once(cmd, opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c == 'u' && (!strcmp(cmd, "submit") || !strcmp(cmd, "approve")))
			under = optarg;
		else if (c == 'r')
			reason = optarg;
		else
			return cli_usage_error(cmd, "tùy chọn không đúng");
	}
	if (under) {
		if (argc - optind != 1)
			return cli_usage_error(cmd, "với --under MÃ chỉ cần thêm NĂM");
		return workflow_under(ctx, cmd, under, argv[optind]);
	}
	if (argc - optind != 2)
		return cli_usage_error(cmd, "cần MÃ và NĂM");
	if (!cli_year(argv[optind + 1], &year))
		return cli_usage_error(cmd, "năm \"%s\" không hợp lệ", argv[optind + 1]);
	if (!strcmp(cmd, "submit"))
		s = assess_submit(ctx->db, argv[optind], year, &err);
	else if (!strcmp(cmd, "approve"))
		s = assess_approve(ctx->db, argv[optind], year, &err);
	else if (!strcmp(cmd, "return"))
		s = assess_return(ctx->db, argv[optind], year, reason, &err);
	else
		s = assess_reopen(ctx->db, argv[optind], year, reason, &err);
	if (s != ANTT_OK)
		return cli_fail_at(s, &err, argv[optind], year);
	printf("%s năm %d: %s.\n", argv[optind], year,
		!strcmp(cmd, "submit") ? "đã trình lãnh đạo" : !strcmp(cmd, "approve") ? "đã duyệt" :
		!strcmp(cmd, "return") ? "đã trả lại" : "đã mở lại để sửa");
	return CLI_OK;
}

static int print_entry(const audit_entry *e, void *ctx)
{
	(void)ctx;
	printf("%s  %-12s  %s\n", e->at, e->who, e->what);
	return 0;
}

int cmd_audit(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' }, { "year", required_argument, NULL, 'y' },
		{ "criterion", required_argument, NULL, 'c' }, { "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 } };
	audit_filter f = { 0 };
	antt_err err = { "" };
	antt_status s;
	char since[11];
	int c;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "u:y:c:s:", opts, NULL)) != -1) {
		if (cli_option_once("audit", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c > 0 && strchr("ucs", c) && !*optarg)   /* read as no filter, the whole log was listed */
			return cli_usage_error("audit", "tùy chọn \"--%s\" cần một giá trị", c == 'u' ? "unit" :
				c == 'c' ? "criterion" : "since");
		switch (c) {
		case 'u': f.unit = optarg; break;
		case 'c': f.criterion = optarg; break;
		case 's':   /* a day typed 15/03/2024 is compared as 2024-03-15 */
			if (date_parse(optarg, "ngày", since, &err) == ANTT_OK)
				f.since = since;
			else if (strchr(optarg, '/'))
				return cli_fail(ANTT_ERR_INVALID, &err);
			else
				f.since = optarg;   /* a prefix: 2024-11 */
			break;
		case 'y':
			if (!cli_year(optarg, &f.year))
				return cli_usage_error("audit", "năm \"%s\" không hợp lệ", optarg);
			break;
		default: return cli_usage_error("audit", "tùy chọn không đúng");
		}
	}
	if (optind != argc)
		return cli_usage_error("audit", "thừa tham số \"%s\"", argv[optind]);
	s = audit_list(ctx->db, &f, print_entry, NULL, &err);
	return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
}
