/* antt recognise --decision NO --date DD/MM/YYYY --by AUTHORITY [--signer NAME] YEAR CODE...
 * antt recognise list YEAR [--under CODE] | import FILE.csv | withdraw CODE YEAR --reason TEXT */
#include <stdio.h>
#include "cli.h"
#include "num.h"
#include "recognise.h"

#include <getopt.h>
#include <string.h>

static int print_row(const recognise_row *r, void *ctx)
{
	char *last = ctx;
	char head[1024];

	snprintf(head, sizeof(head), "Quyết định số %s ngày %s của %s%s%s", r->number, r->date, r->authority,
		*r->signer ? ", người ký: " : "", r->signer);
	if (strcmp(last, head)) {
		printf("%s%s\n", *last ? "\n" : "", head);
		snprintf(last, 1024, "%s", head);
	}
	printf("  %-14s %s (%s)\n", r->code, r->name, r->type_name);
	return 0;
}

static int list(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "under", required_argument, NULL, 'u' }, { NULL, 0, NULL, 0 } };
	const char *under = NULL;
	char last[1024] = "";
	antt_err err = { "" };
	antt_status s;
	int c, year;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "u:", opts, NULL)) != -1) {
		if (cli_option_once("recognise list", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c != 'u')
			return cli_usage_error("recognise list", "tùy chọn không đúng");
		under = optarg;
	}
	if (argc - optind != 1 || !cli_year(argv[optind], &year))
		return cli_usage_error("recognise list", "cần một NĂM (từ %d đến %d)", NUM_YEAR_MIN, NUM_YEAR_MAX);
	if ((s = recognise_list(ctx->db, year, under, print_row, last, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	if (!*last)
		printf("Năm %d chưa có đơn vị nào được công nhận%s%s.\n", year, under ? " dưới " : "", under ? under : "");
	return CLI_OK;
}

static int withdraw(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "reason", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 } };
	const char *reason = NULL;
	antt_err err = { "" };
	antt_status s;
	int c, year;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "r:", opts, NULL)) != -1) {
		if (cli_option_once("recognise withdraw", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c != 'r')
			return cli_usage_error("recognise withdraw", "tùy chọn không đúng");
		reason = optarg;
	}
	if (argc - optind != 2 || !cli_year(argv[optind + 1], &year))
		return cli_usage_error("recognise withdraw", "cần MÃ và NĂM");
	if (!reason)
		return cli_usage_error("recognise withdraw", "cần lý do: --reason \"...\"");
	if ((s = recognise_withdraw(ctx->db, argv[optind], year, reason, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("%s năm %d: đã rút công nhận.\n", argv[optind], year);
	return CLI_OK;
}

int cmd_recognise(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "decision", required_argument, NULL, 'n' }, { "date", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' }, { "signer", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 } };
	recognise_decision d = { 0 };
	antt_err err = { "" };
	antt_status s;
	int c, year, added = 0;

	if (!strcmp(argv[0], "list"))
		return list(ctx, argc, argv);
	if (!strcmp(argv[0], "withdraw"))
		return withdraw(ctx, argc, argv);
	if (!strcmp(argv[0], "import")) {
		if (argc != 2)
			return cli_usage_error("recognise import", "cần đúng một tệp CSV");
		if ((s = recognise_import_csv(ctx->db, argv[1], &added, &err)) != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã ghi công nhận cho %d đơn vị từ %s.\n", added, argv[1]);
		return CLI_OK;
	}
	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "n:d:b:s:", opts, NULL)) != -1) {
		if (cli_option_once("recognise", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		switch (c) {
		case 'n': d.number = optarg; break;
		case 'd': d.date = optarg; break;
		case 'b': d.authority = optarg; break;
		case 's': d.signer = optarg; break;
		default: return cli_usage_error("recognise", "tùy chọn không đúng");
		}
	}
	if (!d.number || !d.date || !d.authority)
		return cli_usage_error("recognise", "cần --decision SỐ, --date NGÀY/THÁNG/NĂM và --by \"CƠ QUAN BAN HÀNH\"");
	if (argc - optind < 2)
		return cli_usage_error("recognise", "cần NĂM và ít nhất một MÃ đơn vị");
	if (!cli_year(argv[optind], &year))
		return cli_usage_error("recognise", "năm \"%s\" không hợp lệ", argv[optind]);
	s = recognise_record(ctx->db, &d, year, (const char *const *)argv + optind + 1, (size_t)(argc - optind - 1),
		&added, &err);
	if (s != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã ghi quyết định %s: %d đơn vị được công nhận năm %d", d.number, added, year);
	if (added < argc - optind - 1)
		printf(" (%d đơn vị đã có trong quyết định này từ trước)", argc - optind - 1 - added);
	printf(".\n");
	return CLI_OK;
}
