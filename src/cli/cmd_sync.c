/* antt export | import | conflicts: packages between offline machines. */
#include <stdio.h>
#include "cli.h"
#include "date.h"
#include "platform.h"
#include "sync/sync.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "under", required_argument, NULL, 'u' }, { "year", required_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' }, { "force", no_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	sync_export_opts o = { 0 };
	sync_counts n;
	antt_err err = { "" };
	antt_status s;
	int c;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "u:y:o:f", opts, NULL)) != -1) {
		if (cli_option_once("export", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		switch (c) {
		case 'u': o.under = optarg; break;
		case 'o': o.path = optarg; break;
		case 'f': o.force = 1; break;
		case 'y':
			if (!cli_year(optarg, &o.year))
				return cli_usage_error("export", "năm \"%s\" không hợp lệ", optarg);
			break;
		default: return cli_usage_error("export", "tùy chọn không đúng");
		}
	}
	if (!o.path || optind != argc)
		return cli_usage_error("export", "cần -o TỆP.antt");
	if ((s = sync_export(ctx->db, &o, &n, &err)) != ANTT_OK)
		return cli_fail(s, &err);
	char shown[4200];
	printf("Đã ghi gói %s: %lld đơn vị, %lld phiếu, %lld câu trả lời, %lld dòng nhật ký.\nSHA-256: %s\n",
		platform_path_shown(o.path, shown, sizeof(shown)), n.units, n.assessments, n.answers, n.audit, n.sha256);
	return CLI_OK;
}

/* The "how" a refusal of the core leaves to the command line. */
static void import_hint(const char *path, const sync_result *r)
{
	if (r->untrusted)
		fprintf(stderr, "Nếu gói đúng là của máy đó: quản trị viên gọi điện cho cán bộ máy gửi, cùng đọc và so mã "
			"nhận dạng (máy gửi xem bằng \"antt key\"), rồi ghi nhận máy gửi:\n"
			"  antt trust add %s --under MÃ_ĐƠN_VỊ_CỦA_MÁY_GỬI\n", path);
	else if (r->unknown_set[0])
		fprintf(stderr, "Nếu quản trị viên đã xem và đồng ý dùng bộ tiêu chí này: antt import %s --accept-set %s\n",
			path, r->unknown_set);
}

int cmd_import(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' }, { "under", required_argument, NULL, 'u' },
		{ "accept-set", required_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	sync_import_opts o = { 0 };
	const char **sets = calloc((size_t)argc + 1, sizeof(*sets));
	sync_result r;
	char when[64], line[256];
	antt_err err = { "" };
	antt_status s;
	int c, rc = CLI_OK;
	long long conflicts = 0;

	if (!sets)
		return cli_fail(ANTT_ERR_NOMEM, NULL);
	o.accept_sets = sets;
	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "nu:a:", opts, NULL)) != -1) {
		if (cli_option_once("import", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c == 'n')
			o.dry_run = 1;
		else if (c == 'u')
			o.attach_under = optarg;
		else if (c == 'a')
			sets[o.n_accept++] = optarg;
		else {
			free(sets);
			return cli_usage_error("import", "tùy chọn không đúng");
		}
	}
	if (argc - optind != 1) {
		free(sets);
		return cli_usage_error("import", "cần đúng một TỆP.antt");
	}
	s = sync_import(ctx->db, argv[optind], &o, &r, &err);
	free(sets);
	if (s != ANTT_OK) {
		rc = cli_fail(s, &err);
		import_hint(argv[optind], &r);
		return rc;
	}
	printf("Gói của: %s%s%s, tạo lúc %s%s\n", r.sender, r.under[0] ? ", đơn vị " : "", r.under,
		date_show_local(r.created, when, sizeof(when)),
		r.seen_before ? " (gói này đã được nhập trước đây)" : "");
	printf("Máy gửi có mã nhận dạng: %s\n", r.fingerprint);
	printf("%s\n", o.dry_run ? "Nếu nhập sẽ:" : "Đã nhập:");
	for (int k = 0; k < 3; k++)
		conflicts += r.conflicts[k];
	for (int i = 0; sync_result_line(&r, i, line, sizeof(line)); i++)
		printf("  %s\n", line);
	if (r.kept[0]) {
		char shown[4300];
		printf("Gói được giữ lại để có đường lui: %s\n", platform_path_shown(r.kept, shown, sizeof(shown)));
	}
	if (r.stays_withdrawn)
		printf("Lưu ý: %lld công nhận trong gói đã bị rút ở máy này: giữ nguyên đã rút (gói cũ hơn lần rút).\n",
			r.stays_withdrawn);
	if (r.own_kept)
		printf("Lưu ý: gói rút %lld công nhận do chính máy này ghi: không nhận, công nhận ở máy này giữ nguyên. Nếu "
			"quyết định đó đã bị thu hồi, hãy rút công nhận ở máy này (antt recognise withdraw).\n", r.own_kept);
	if (r.sets_accepted)
		printf("Đã chấp nhận %lld bộ tiêu chí mới từ gói (ghi vào nhật ký).\n", r.sets_accepted);
	if (r.withheld)
		printf("Lưu ý: không nhận trạng thái duyệt hay trả lại của %lld phiếu, vì máy gửi không được ghi nhận quyền "
			"duyệt ở máy này; câu trả lời vẫn được nhập, trạng thái phiếu ở máy này giữ nguyên.\n", r.withheld);
	if (r.enrolled)
		printf("Máy này được lập từ gói này: từ nay nhận gói của \"%s\" (mã nhận dạng %s). Hãy gọi điện so mã "
			"nhận dạng với cán bộ máy gửi; xem lại bằng \"antt trust list\".\n", r.sender, r.fingerprint);
	if (o.dry_run)
		printf("Chưa thay đổi gì (--dry-run).\n");
	if (conflicts)
		printf("Có %lld thay đổi chưa áp dụng vì xung đột: xem \"antt conflicts\" để chọn bản giữ lại.\n", conflicts);
	return CLI_OK;
}

static int print_conflict(const sync_conflict *c, void *ctx)
{
	(void)ctx;
	printf("#%lld  %s — %s%s%s\n      ở máy này: %s\n      trong gói: %s\n", c->id, c->label, c->why,
		c->resolution ? "; đã chọn: " : "", c->resolution ? (strcmp(c->resolution, "local") ? "bản trong gói" : "bản ở máy này") : "",
		c->local ? c->local : "(chưa có)", c->incoming);
	return 0;
}

int cmd_conflicts(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status s;

	if (argc >= 2 && !strcmp(argv[1], "resolve")) {
		char *end;
		long long id;
		if (argc != 4 || (strcmp(argv[3], "local") && strcmp(argv[3], "incoming")))
			return cli_usage_error("conflicts", "cách dùng: antt conflicts resolve SỐ local|incoming");
		id = strtoll(argv[2], &end, 10);
		if (*end)
			return cli_usage_error("conflicts", "số xung đột \"%s\" không hợp lệ", argv[2]);
		if ((s = sync_resolve(ctx->db, id, !strcmp(argv[3], "incoming"), &err)) != ANTT_OK)
			return cli_fail(s, &err);
		printf("Đã chọn %s cho xung đột #%lld.\n", strcmp(argv[3], "local") ? "bản trong gói" : "bản ở máy này", id);
		return CLI_OK;
	}
	s = sync_conflicts(ctx->db, argc >= 2 && !strcmp(argv[1], "--all"), print_conflict, NULL, &err);
	return s == ANTT_OK ? CLI_OK : cli_fail(s, &err);
}
