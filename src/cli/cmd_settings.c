/* antt settings [KEY [VALUE]]: the office's settings (names, signer,
 * targets, current year), kept in the database and audited. */
#include <stdio.h>
#include "cli.h"
#include "num.h"
#include "session.h"
#include "setting.h"
#include "text.h"

#include <stdlib.h>

/* Values as an officer types them: 92,5 and 15/11 (stored 92.5, 11-15). */
static int print_setting(const char *key, const char *value, void *ctx)
{
	char shown[SETTING_VALUE_SIZE];

	(void)ctx;
	printf("%-20s %s\n", key, num_setting_show(key, value, shown, sizeof(shown)));
	return 0;
}

int cmd_settings(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status s;
	char *v;

	if (argc == 1) {
		s = db_settings_each(ctx->db, print_setting, NULL, &err);
		return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
	}
	if (argc == 2) {
		if ((s = setting_check(ctx->db, argv[1], &err)) != ANTT_OK ||
		    (s = db_setting_read(ctx->db, argv[1], NULL, &v, &err)) != ANTT_OK)
			return cli_fail(s, &err);
		if (!v) {
			char msg[1200];   /* a key with a line break shown escaped (cli_message) */
			snprintf(msg, sizeof(msg), "antt: chưa đặt thiết lập \"%s\"\n", argv[1]);
			cli_message(stderr, msg);
			return CLI_FAIL;
		}
		{
			char shown[SETTING_VALUE_SIZE];
			printf("%s\n", num_setting_show(argv[1], v, shown, sizeof(shown)));
		}
		free(v);
		return CLI_OK;
	}
	if (argc == 3) {
		char stored[SETTING_VALUE_SIZE], shown[SETTING_VALUE_SIZE];
		v = NULL;
		if ((s = text_clean(argv[2], "giá trị thiết lập", &v, &err)) == ANTT_OK &&
		    (s = num_setting_value(argv[1], v, stored, sizeof(stored), &err)) == ANTT_OK)
			s = session_setting_set(ctx->db, argv[1], stored, &err);
		if (s != ANTT_OK) {
			free(v);
			return cli_fail(s, &err);
		}
		printf("Đã đặt %s = %s\n", argv[1], num_setting_show(argv[1], stored, shown, sizeof(shown)));
		free(v);
		return CLI_OK;
	}
	return cli_usage_error("settings", "cần tối đa KHÓA và GIÁ_TRỊ");
}
