/* antt: the "An toàn về an ninh, trật tự" assessments of a police office.
 * Global options, then the command line (cli/) or, with no command, the
 * application on the database. */
#include <stdio.h>
#include "cli/cli.h"
#include "assess.h"
#include "count.h"
#include "platform.h"
#include "text.h"
#include "ui/app.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* antt.db in the data folder (platform.h), creating the folders. */
static char *default_db(void)
{
	char *dir = platform_data_dir(), *path = dir ? malloc(strlen(dir) + 9) : NULL;

	if (path)
		sprintf(path, "%s/antt.db", dir);
	free(dir);
	return path;
}

/* Without a terminal (a pipe, a script): the current year's summary. */
static int overview(cli_ctx *ctx)
{
	char year[8], *office;
	char *args[] = { "summary", year, NULL };
	int rc;

	if ((rc = cli_open(ctx, 1)) != CLI_OK)
		return rc;
	office = db_setting_get(ctx->db, "office_name", "(chưa đặt tên đơn vị: antt settings office_name \"...\")");
	printf("antt — %s\nCơ sở dữ liệu: %s\n\n", office ? office : "", ctx->db_path);
	free(office);
	snprintf(year, sizeof(year), "%d", assess_start_year(ctx->db));
	return cli_main(ctx, 2, args);
}

int main(int argc, char **argv)
{
	cli_ctx ctx = { 0 };
	char *path = NULL;
	int i = 1, rc;

	setlocale(LC_ALL, "");
	while (i < argc && argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2]) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			ctx.db_path = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			ctx.db_path = argv[i] + 5;
			i++;
		} else if (!strcmp(argv[i], "--help")) {
			cli_usage(stdout);
			return 0;
		} else {
			/* shown as typed words are: a control character visible */
			size_t n = strlen(argv[i]) + 100;
			char *msg = malloc(n);

			cli_typed(argc, argv);
			if (msg) {
				snprintf(msg, n, "antt: không có tùy chọn \"%s\". Gõ \"antt help\" để xem cách dùng.\n", argv[i]);
				cli_message(stderr, msg);
			}
			free(msg);
			return CLI_USAGE;
		}
	}
	if (!ctx.db_path)
		ctx.db_path = getenv("ANTT_DB");
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = path = default_db();
	if (!ctx.db_path) {
		fprintf(stderr, "antt: hết bộ nhớ\n");
		return CLI_FAIL;
	}
	if (i < argc || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		cli_safe_output();
	if (i < argc)
		rc = cli_main(&ctx, argc - i, argv + i);
	else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		ctx.screens = 1;
		rc = (rc = cli_open(&ctx, 1)) != CLI_OK ? rc : ui_run(&ctx.db, ctx.db_path);
	}
	else
		rc = overview(&ctx);
	db_close(ctx.db);
	explicit_bzero(ctx.password, sizeof(ctx.password));
	free(path);
	return rc;
}
