/* antt key | trust add | trust list | trust remove: which machines this one
 * takes packages from. The two officers read the fingerprint to each other
 * by phone before the admin enrols a sender. */
#include <stdio.h>
#include "cli.h"
#include "sync/sync.h"

#include <getopt.h>
#include <string.h>

int cmd_key(cli_ctx *ctx, int argc, char **argv)
{
	keys_pair k;
	char fp[KEYS_FP];
	antt_err err = { "" };
	antt_status s;

	(void)argv;
	if (argc != 1)
		return cli_usage_error("key", "lệnh không có tham số");
	if ((s = keys_own(ctx->db, &k, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	keys_fingerprint(k.pub, fp);
	memset(&k, 0, sizeof(k));
	printf("Mã nhận dạng của máy này: %s\n"
		"Mọi gói máy này ghi ra đều được ký bằng khóa có mã này. Khi máy nhận ghi nhận máy này, cán bộ hai bên\n"
		"gọi điện, đọc và so từng nhóm bốn ký tự với mã mà lệnh \"antt trust add\" in ra ở máy nhận.\n", fp);
	return CLI_OK;
}

static int print_trusted(const sync_trusted *t, void *ctx)
{
	(void)ctx;
	printf("%s  %s\n      được sửa: %s%s%s%s; %s; ghi nhận bởi %s lúc %s\n", t->fingerprint, t->name,
		t->under_code ? t->under_code : "toàn bộ dữ liệu", t->under_code ? " (" : "",
		t->under_code ? t->under_name : "", t->under_code ? ") và các đơn vị trực thuộc" : "",
		t->may_approve ? "được gửi kết quả duyệt" : "không được gửi kết quả duyệt",
		t->added_by, t->added_at);
	return 0;
}

static int trust_add(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "under", required_argument, NULL, 'u' }, { "may-approve", no_argument, NULL, 'a' },
		{ "fingerprint", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	const char *under = NULL, *expect = NULL;
	sync_result r;
	antt_err err = { "" };
	antt_status s;
	int c, may_approve = 0;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "u:af:", opts, NULL)) != -1) {
		if (cli_option_once("trust add", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c == 'u')
			under = optarg;
		else if (c == 'f')
			expect = optarg;
		else if (c == 'a')
			may_approve = 1;
		else
			return cli_usage_error("trust add", "tùy chọn không đúng");
	}
	if (argc - optind != 1 || !under)
		return cli_usage_error("trust add", "cần TỆP.antt của máy gửi và --under MÃ (đơn vị máy gửi được sửa)");
	if ((s = sync_trust_add(ctx->db, argv[optind], under, may_approve, expect, &r, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã ghi nhận máy gửi \"%s\"\n  mã nhận dạng: %s\n  được sửa: %s và các đơn vị trực thuộc; %s.\n",
		r.sender, r.fingerprint, under, may_approve ? "được gửi kết quả duyệt" : "không được gửi kết quả duyệt");
	if (expect)
		printf("Mã nhận dạng trùng với mã máy gửi đọc qua điện thoại.\n");
	else
		printf("Hãy gọi điện cho cán bộ máy gửi, nhờ họ chạy \"antt key\" và đọc mã nhận dạng: phải trùng từng nhóm.\n"
			"Nếu không trùng, gói đã bị tráo: bỏ ghi nhận ngay bằng \"antt trust remove %s\".\n", r.fingerprint);
	return CLI_OK;
}

/* argv[0] is the word after "trust": add, list or remove */
int cmd_trust(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status s;

	if (!strcmp(argv[0], "add"))
		return trust_add(ctx, argc, argv);
	if (!strcmp(argv[0], "list")) {
		if (argc != 1)
			return cli_usage_error("trust list", "lệnh không có tham số");
		s = sync_trust_list(ctx->db, print_trusted, NULL, &err);
		return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
	}
	if (argc != 2)
		return cli_usage_error("trust remove", "cần đúng một MÃ_NHẬN_DẠNG (xem \"antt trust list\")");
	if ((s = sync_trust_remove(ctx->db, argv[1], &err)) != ANTT_OK)
		return cli_fail(s, &err);
	printf("Đã bỏ ghi nhận máy gửi có mã nhận dạng %s: gói của máy đó sẽ không được nhận nữa.\n", argv[1]);
	return CLI_OK;
}
