/* antt settings [KEY [VALUE]]: the office's settings (names, signer,
 * targets, current year), kept in the database and audited. */
#include <stdio.h>
#include "cli.h"

#include <stdlib.h>

int cmd_settings(cli_ctx *ctx, int argc, char **argv)
{
	sqlite3_stmt *st = NULL;
	antt_err err = { "" };
	antt_status s;
	char *v;

	if (argc == 1) {
		if (sqlite3_prepare_v2(ctx->db->sql, "SELECT key, value FROM settings ORDER BY key", -1, &st, NULL) != SQLITE_OK)
			return cli_fail(db_fail(ctx->db, sqlite3_errcode(ctx->db->sql), &err, "đọc thiết lập"), &err);
		while (sqlite3_step(st) == SQLITE_ROW)
			printf("%-20s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		return CLI_OK;
	}
	if (argc == 2) {
		v = db_setting_get(ctx->db, argv[1], NULL);
		if (!v) {
			fprintf(stderr, "antt: chưa đặt thiết lập \"%s\"\n", argv[1]);
			return CLI_FAIL;
		}
		printf("%s\n", v);
		free(v);
		return CLI_OK;
	}
	if (argc == 3) {
		s = db_setting_set(ctx->db, argv[1], argv[2], &err);
		if (s != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã đặt %s = %s\n", argv[1], argv[2]);
		return CLI_OK;
	}
	return cli_usage_error("settings", "cần tối đa KHÓA và GIÁ_TRỊ");
}
