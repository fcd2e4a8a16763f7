/* antt demo [--size district|province]: fill an empty database with the
 * demo (see core/demo.h). */
#include <stdio.h>
#include "cli.h"
#include "demo.h"
#include "platform.h"

#include <getopt.h>
#include <string.h>

int cmd_demo(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "size", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
	antt_err err = { "" };
	antt_status s;
	int c, big = 0, units;
	char shown[4200];

	optind = 0;
	while ((c = getopt_long(argc, argv, "s:", opts, NULL)) != -1) {
		if (c == 's' && !strcmp(optarg, "province"))
			big = 1;
		else if (!(c == 's' && !strcmp(optarg, "district")))
			return cli_usage_error("demo", "--size chỉ nhận district hoặc province");
	}
	if ((s = demo_build(ctx->db, big, &units, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã tạo dữ liệu mẫu trong %s: %d đơn vị, %d năm đánh giá.\n",
		platform_path_shown(ctx->db_path, shown, sizeof(shown)), units, big ? 10 : 2);
	return CLI_OK;
}
