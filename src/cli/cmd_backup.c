/* antt backup | restore FILE [--yes], and the checks every start makes:
 * the daily backup (which reads every page) and the leftovers of killed runs. */
#include <stdio.h>
#include "cli.h"
#include "backup.h"
#include "platform.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_startup_checks(cli_ctx *ctx)
{
	antt_err err = { "" };
	char latest[4200];

	/* a killed backup's or restore's temporary files; a report's are
	 * removed by the next report written to the same folder (report.c) */
	backup_remove_stale(ctx->db_path);
	/* once per day of use; it also reads every page, so a damaged
	 * database shows here, and is then only read until restored. The
	 * screens take theirs in steps after the first screen (ui/daily.c). */
	if (!ctx->screens && backup_daily_due(ctx->db)) {
		char size[32];
		if (cli_copy_sized(db_bytes(ctx->db), size, sizeof(size))) {
			fprintf(stderr, "antt: lần chạy đầu tiên trong ngày: chép bản sao lưu của ngày (%s) rồi mới\n"
				"antt: làm lệnh, có thể mất vài phút. Đừng tắt máy hay đóng cửa sổ.\n", size);
			fflush(stderr);
		}
		if (backup_daily_copy(ctx->db, &err) != ANTT_OK && !ctx->db->damaged)
			fprintf(stderr, "antt: cảnh báo: chưa sao lưu được: %s\n", err.msg);
	}
	if (!ctx->db->damaged)
		return;
	fprintf(stderr, "antt: %s bị hỏng: chỉ mở để xem, mọi thay đổi bị từ chối cho đến khi khôi phục.\n",
		platform_path_shown(ctx->db_path, latest, sizeof(latest)));
	if (backup_latest(ctx->db_path, latest, sizeof(latest))) {
		char a[4200], b[4200];
		const char *l = platform_path_shown(latest, a, sizeof(a));
		fprintf(stderr, "antt: bản sao lưu gần nhất: %s\n      khôi phục bằng: antt --db %s restore %s\n",
			l, platform_path_shown(ctx->db_path, b, sizeof(b)), l);
	} else
		fprintf(stderr, "antt: chưa có bản sao lưu nào; hãy chép tệp sang nơi khác và nhờ người có chuyên môn.\n");
}

int cmd_backup(cli_ctx *ctx, int argc, char **argv)
{
	char path[4200], shown[4200];
	antt_err err = { "" };
	antt_status s;

	(void)argv;
	if (argc != 1)
		return cli_usage_error("backup", "không cần tham số");
	if ((s = backup_now(ctx->db, NULL, path, sizeof(path), &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã sao lưu vào %s\n", platform_path_shown(path, shown, sizeof(shown)));
	return CLI_OK;
}

int cmd_restore(cli_ctx *ctx, int argc, char **argv)
{
	char saved[4200] = "", answer[16] = "", db[4200], file[4200], kept[4200];
	antt_err err = { "" };
	antt_status s;
	int yes = argc == 3 && !strcmp(argv[2], "--yes"), other;

	if (argc != 2 && !yes)
		return cli_usage_error("restore", "cần TỆP sao lưu (và --yes để không hỏi lại)");
	other = !backup_same_machine(ctx->db_path, argv[1]);
	if (!yes) {
		char question[8600];
		snprintf(question, sizeof(question), "%sKhôi phục %s từ %s? Dữ liệu hiện tại được sao lưu trước. (c/k): ",
			other ? "Bản sao lưu này là của một máy khác (khóa ký gói khác với máy này).\n" : "",
			platform_path_shown(ctx->db_path, db, sizeof(db)), platform_path_shown(argv[1], file, sizeof(file)));
		int got = platform_ask(question, answer, sizeof(answer), 1);
		if (got < 0) {
			fprintf(stderr, "antt: khôi phục thay toàn bộ dữ liệu hiện tại: thêm --yes để xác nhận\n");
			return CLI_USAGE;
		}
		if (got == 0 || (answer[0] != 'c' && answer[0] != 'C')) {
			printf("Chưa khôi phục gì.\n");
			return CLI_OK;
		}
	}
	/* restore opens the file its own way (it may be damaged) and must be
	 * the only connection of this process to it */
	db_close(ctx->db);
	ctx->db = NULL;
	/* a killed backup's or restore's temporary files; a report's are
	 * removed by the next report written to the same folder (report.c) */
	backup_remove_stale(ctx->db_path);
	if ((s = backup_restore(ctx->db_path, argv[1], saved, sizeof(saved), &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã khôi phục %s từ %s.%s%s\n", platform_path_shown(ctx->db_path, db, sizeof(db)),
		platform_path_shown(argv[1], file, sizeof(file)), saved[0] ? " Dữ liệu trước đó được giữ ở " : "",
		platform_path_shown(saved, kept, sizeof(kept)));
	if (other)
		printf("Lưu ý: bản sao lưu này là của một máy khác. Từ nay máy này ký gói bằng khóa của máy đó và chỉ nhận "
			"gói của những máy gửi mà máy đó đã ghi nhận (xem \"antt key\", \"antt trust list\"). Nếu khôi phục nhầm, "
			"hãy khôi phục lại từ %s.\n", saved[0] ? platform_path_shown(saved, kept, sizeof(kept)) : "bản sao lưu trước đó");

	return CLI_OK;
}
