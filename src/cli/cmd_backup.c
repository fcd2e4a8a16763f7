/* antt backup | restore FILE [--yes] */
#include <stdio.h>
#include "cli.h"
#include "backup.h"

#include <string.h>
#include <unistd.h>

int cmd_backup(cli_ctx *ctx, int argc, char **argv)
{
	char path[4200];
	antt_err err = { "" };
	antt_status s;

	(void)argv;
	if (argc != 1)
		return cli_usage_error("backup", "không cần tham số");
	if ((s = backup_now(ctx->db, NULL, path, sizeof(path), &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã sao lưu vào %s\n", path);
	return CLI_OK;
}

int cmd_restore(cli_ctx *ctx, int argc, char **argv)
{
	char saved[4200] = "", answer[16] = "";
	antt_err err = { "" };
	antt_status s;
	int yes = argc == 3 && !strcmp(argv[2], "--yes");

	if (argc != 2 && !yes)
		return cli_usage_error("restore", "cần TỆP sao lưu (và --yes để không hỏi lại)");
	if (!yes) {
		FILE *tty = fopen("/dev/tty", "r+");
		if (!tty) {
			fprintf(stderr, "antt: khôi phục thay toàn bộ dữ liệu hiện tại: thêm --yes để xác nhận\n");
			return CLI_USAGE;
		}
		fprintf(tty, "Khôi phục %s từ %s? Dữ liệu hiện tại được sao lưu trước. (c/k): ", ctx->db_path, argv[1]);
		fflush(tty);
		if (!fgets(answer, sizeof(answer), tty) || (answer[0] != 'c' && answer[0] != 'C')) {
			fclose(tty);
			printf("Chưa khôi phục gì.\n");
			return CLI_OK;
		}
		fclose(tty);
	}
	/* the database is replaced as a file: close our handle first */
	db_close(ctx->db);   /* (not opened for restore: the file may be damaged) */
	ctx->db = NULL;
	if ((s = backup_restore(ctx->db_path, argv[1], saved, sizeof(saved), &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã khôi phục %s từ %s.%s%s\n", ctx->db_path, argv[1], saved[0] ? " Dữ liệu trước đó được giữ ở " : "", saved);
	return CLI_OK;
}
