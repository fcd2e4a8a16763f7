/* antt demo [--size district|province] [--scale N]: fill an empty database
 * with the demo (see core/demo.h); --scale N makes N copies of it under one
 * root (province size unless --size district is given). */
#include <stdio.h>
#include "cli.h"
#include "demo.h"
#include "num.h"
#include "platform.h"

#include <getopt.h>
#include <string.h>

/* More copies than this would be a database of hundreds of GB. */
#define DEMO_SCALE_MAX 1000
_Static_assert(DEMO_SCALE_MAX <= DEMO_COPIES_MAX, "--scale within what the core copies");

int cmd_demo(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' }, { "scale", required_argument, NULL, 'n' }, { NULL, 0, NULL, 0 },
	};
	antt_err err = { "" };
	antt_status s;
	int c, big = -1, units;
	long long copies = 1;
	char buf[4200];
	const char *shown;
	char seen[8] = "";

	optind = 0;
	while ((c = getopt_long(argc, argv, "s:n:", opts, NULL)) != -1) {
		if (cli_option_once("demo", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c == 's' && !strcmp(optarg, "province"))
			big = 1;
		else if (c == 's' && !strcmp(optarg, "district"))
			big = 0;
		else if (c == 'n') {
			if (num_parse(optarg, 1, DEMO_SCALE_MAX, "số bản (--scale)", &copies, &err) != ANTT_OK)
				return cli_usage_error("demo", "%s", err.msg);
		} else
			return cli_usage_error("demo", "--size chỉ nhận district hoặc province");
	}
	if (optind < argc)
		return cli_usage_error("demo", "thừa tham số \"%s\"", argv[optind]);
	if (big < 0)
		big = copies > 1;
	if ((s = demo_build_scaled(ctx->db, big, (int)copies, &units, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	shown = platform_path_shown(ctx->db_path, buf, sizeof(buf));   /* buf is filled on Windows only */
	if (copies > 1)
		printf("Đã tạo dữ liệu mẫu trong %s: %lld bản, %d đơn vị, %d năm đánh giá.\n", shown,
			copies, units, big ? 10 : 2);
	else
		printf("Đã tạo dữ liệu mẫu trong %s: %d đơn vị, %d năm đánh giá.\n", shown, units, big ? 10 : 2);
	return CLI_OK;
}
