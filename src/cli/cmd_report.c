/* antt report --year Y [--under CODE] -o FILE.xlsx [--force] [--date NGÀY] [--summary-only] | --text */
#include <stdio.h>
#include "cli.h"
#include "assess.h"
#include "platform.h"
#include "report/report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' }, { "under", required_argument, NULL, 'u' },
		{ "output", required_argument, NULL, 'o' }, { "force", no_argument, NULL, 'f' },
		{ "date", required_argument, NULL, 'd' }, { "layout", required_argument, NULL, 'l' },
		{ "summary-only", no_argument, NULL, 's' }, { "text", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 } };
	report_opts o = { 0 };
	report_info info;
	antt_err err = { "" };
	antt_status s;
	int c, text = 0;
	char seen[16] = "";

	optind = 0;
	while ((c = getopt_long(argc, argv, "y:u:o:fd:l:st", opts, NULL)) != -1) {
		if (cli_option_once("report", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		switch (c) {
		case 'y':
			if (!cli_year(optarg, &o.year))
				return cli_usage_error("report", "năm \"%s\" không hợp lệ", optarg);
			break;
		case 'u': o.under = optarg; break;
		case 'o': o.path = optarg; break;
		case 'f': o.force = 1; break;
		case 'd': o.date = optarg; break;   /* 20/11/2024 or 2024-11-20 (report.c reads it) */
		case 'l': o.layout = optarg; break;
		case 's': o.summary_only = 1; break;
		case 't': text = 1; break;
		default: return cli_usage_error("report", "tùy chọn không đúng");
		}
	}
	if (optind != argc)
		return cli_usage_error("report", "thừa tham số \"%s\"", argv[optind]);
	if (!o.year)
		o.year = assess_start_year(ctx->db);
	if (text) {
		char *t = NULL;
		if ((s = report_text(ctx->db, &o, &t, &err)) != ANTT_OK)
			return cli_fail(s, &err);
		fputs(t, stdout);
		free(t);
		return CLI_OK;
	}
	if (!o.path)
		return cli_usage_error("report", "cần tên tệp: -o TỆP.xlsx (hoặc --text để in đoạn kết quả)");
	s = report_write(ctx->db, &o, &info, &err);
	if (s != ANTT_OK)
		return cli_fail(s, &err);
	if (info.orphans)
		fprintf(stderr, "antt: lưu ý: %lld đơn vị không thuộc xã nào (trực thuộc thẳng đơn vị báo cáo); "
			"đã tính chung vào dòng \"Trực thuộc ...\" của bảng tổng hợp.\n", info.orphans);
	if (info.unsigned_page)
		fprintf(stderr, "antt: lưu ý: chưa đặt chức vụ hoặc họ tên người ký nên khối chữ ký ở trang đầu để trống; "
			"đặt bằng: antt settings signer_title \"Trưởng phòng\" và antt settings signer_name \"Thượng tá ...\"\n");
	char shown[4200];
	printf("Đã ghi báo cáo năm %d vào %s (%lld đơn vị, %d trang tính).\n", o.year,
		platform_path_shown(o.path, shown, sizeof(shown)), info.units, info.sheets);
	return CLI_OK;
}
