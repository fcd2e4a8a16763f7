/* antt user add LOGIN "Họ tên" --role ROLE | passwd LOGIN | role LOGIN ROLE
 * | disable LOGIN | enable LOGIN | list
 * New passwords come from ANTT_NEW_PASSWORD, or are asked twice on the
 * terminal without echo. Changing one's own password needs the current one:
 * the password ANTT_USER logged in with, or asked. */
#include <stdio.h>
#include "cli.h"
#include "auth.h"
#include "platform.h"
#include "text.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_read_secret(const char *prompt, char *buf, size_t n)
{
	return platform_ask(prompt, buf, n, 0) == 1;
}

static int new_password(char *buf, size_t n)
{
	const char *env = getenv("ANTT_NEW_PASSWORD");
	char again[256];

	if (env) {
		if (strlen(env) >= n) {
			/* cut short, it would be another password than the one given */
			fprintf(stderr, "antt: mật khẩu mới dài quá %zu ký tự; chưa lưu gì\n", n - 1);
			return 0;
		}
		snprintf(buf, n, "%s", env);
		return 1;
	}
	if (!cli_read_secret("Mật khẩu mới: ", buf, n) || !cli_read_secret("Nhập lại mật khẩu: ", again, sizeof(again))) {
		fprintf(stderr, "antt: cần mật khẩu: đặt ANTT_NEW_PASSWORD, hoặc chạy trong cửa sổ dòng lệnh\n");
		return 0;
	}
	if (strlen(buf) >= n - 2) {
		fprintf(stderr, "antt: mật khẩu mới dài quá %zu ký tự; chưa lưu gì\n", n - 3);
		return 0;
	}
	if (strcmp(buf, again)) {
		fprintf(stderr, "antt: hai lần nhập mật khẩu không khớp; chưa lưu gì\n");
		return 0;
	}
	return 1;
}

/* core names the missing account; the command line says where to look */
static int user_fail(antt_status s, const antt_err *err)
{
	cli_fail(s, err);
	if (s == ANTT_ERR_NOT_FOUND)
		fprintf(stderr, "antt: xem các tài khoản bằng: antt user list\n");
	return CLI_FAIL;
}

static int print_user(const auth_user *u, void *ctx)
{
	char name[256], role[96];
	(void)ctx;
	printf("%-16s %s %s %s\n", u->login, text_pad(name, sizeof(name), u->name, 28),
		text_pad(role, sizeof(role), auth_role_name(u->role), 18), u->active ? "" : "[đã khóa]");
	return 0;
}

int cmd_user(cli_ctx *ctx, int argc, char **argv)
{
	const char *sub = argv[0];
	antt_err err = { "" };
	antt_status s;
	char pw[256];

	if (!strcmp(sub, "list")) {
		s = auth_list(ctx->db, print_user, NULL, &err);
		return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
	}
	if (!strcmp(sub, "add")) {
		static const struct option opts[] = { { "role", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 } };
		auth_role role = ROLE_ENTRY;
		int c;

		char seen[8] = "";   /* the options given so far (cli_option_once) */
		optind = 0;
		while ((c = getopt_long(argc, argv, "r:", opts, NULL)) != -1) {
			if (cli_option_once("user add", opts, c, seen, sizeof(seen)) != CLI_OK)
				return CLI_USAGE;
			if (c != 'r' || (role = auth_role_parse(optarg)) == ROLE_NONE)
				return cli_usage_error("user add", "vai trò là entry (cán bộ nhập liệu), reviewer (lãnh đạo duyệt) "
					"hoặc admin (quản trị)");
		}
		if (argc - optind != 2)
			return cli_usage_error("user add", "cần TÊN_ĐĂNG_NHẬP và \"Họ tên\"");
		if (!new_password(pw, sizeof(pw)))
			return CLI_FAIL;
		s = auth_user_add(ctx->db, argv[optind], argv[optind + 1], role, pw, &err);
		explicit_bzero(pw, sizeof(pw));
		if (s != ANTT_OK && strstr(err.msg, "tài khoản đầu tiên")) {
			cli_fail(s, &err);
			fprintf(stderr, "antt: thêm tài khoản quản trị trước: antt user add TÊN \"Họ tên\" --role admin\n");
			return CLI_FAIL;
		}
		if (s != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã thêm tài khoản %s (%s).\n", argv[optind], auth_role_name(role));
		return CLI_OK;
	}
	if (!strcmp(sub, "passwd")) {
		const char *old = NULL;
		char cur[256], prompt[160];

		if (argc != 2)
			return cli_usage_error("user passwd", "cần TÊN_ĐĂNG_NHẬP");
		if (auth_proven(ctx->db) && !strcmp(argv[1], ctx->db->user))
			old = ctx->password;           /* just proven by the login */
		else if (!auth_proven(ctx->db) || ctx->db->role != ROLE_ADMIN) {
			snprintf(prompt, sizeof(prompt), "Mật khẩu hiện tại của %s: ", argv[1]);
			if (!cli_read_secret(prompt, cur, sizeof(cur))) {
				fprintf(stderr, "antt: đổi mật khẩu cần mật khẩu hiện tại: chạy lệnh trong cửa sổ dòng lệnh, "
					"hoặc đặt ANTT_USER=%s và ANTT_PASSWORD. Quên mật khẩu thì nhờ quản trị đặt lại.\n", argv[1]);
				return CLI_FAIL;
			}
			old = cur;
		}
		if (!new_password(pw, sizeof(pw))) {
			explicit_bzero(cur, sizeof(cur));
			return CLI_FAIL;
		}
		s = auth_passwd(ctx->db, argv[1], old, pw, &err);
		explicit_bzero(pw, sizeof(pw));
		explicit_bzero(cur, sizeof(cur));
		if (s != ANTT_OK)
			return user_fail(s, &err);
		printf("Đã đổi mật khẩu của %s.\n", argv[1]);
		return CLI_OK;
	}
	if (!strcmp(sub, "role")) {
		auth_role role;
		if (argc != 3 || (role = auth_role_parse(argv[2])) == ROLE_NONE)
			return cli_usage_error("user role", "cần TÊN_ĐĂNG_NHẬP và vai trò entry (cán bộ nhập liệu), "
				"reviewer (lãnh đạo duyệt) hoặc admin (quản trị)");
		if ((s = auth_set_role(ctx->db, argv[1], role, &err)) != ANTT_OK)
			return user_fail(s, &err);
		printf("Tài khoản %s nay là %s.\n", argv[1], auth_role_name(role));
		return CLI_OK;
	}
	if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		int off = !strcmp(sub, "disable");
		if (argc != 2)
			return cli_usage_error(off ? "user disable" : "user enable", "cần TÊN_ĐĂNG_NHẬP");
		s = off ? auth_disable(ctx->db, argv[1], &err) : auth_enable(ctx->db, argv[1], &err);
		if (s != ANTT_OK)
			return user_fail(s, &err);
		printf(off ? "Đã khóa tài khoản %s.\n" : "Đã mở khóa tài khoản %s.\n", argv[1]);
		return CLI_OK;
	}
	return cli_usage_error("user", "không có lệnh con \"%s\"", sub);
}
