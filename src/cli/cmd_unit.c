/* antt unit import | list | add | rename | move | retire | exclude | managed-above */
#include <stdio.h>
#include "cli.h"
#include "unit_import.h"
#include "text.h"
#include "assess.h"
#include "unit.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int print_unit(const unit_row *u, void *ctx)
{
	int flat = *(int *)ctx;
	char name[512];
	int indent = flat ? 0 : u->depth * 2;

	printf("%*s%-*s %s  %s", indent, "", 14 - (indent > 12 ? 12 : indent), u->code,
		text_pad(name, sizeof(name), u->name, 34), u->type_name);
	if (u->excluded)
		printf("  [không thuộc diện]");
	if (u->managed_above)
		printf("  [cấp trên quản lý]");
	if (u->valid_to[0]) {
		printf("  [giải thể %s", u->valid_to);
		if (u->merged_into[0])
			printf(", sáp nhập vào %s", u->merged_into);
		printf("]");
	}
	putchar('\n');
	return 0;
}

static int unit_list_cmd(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' }, { "under", required_argument, NULL, 'u' },
		{ "search", required_argument, NULL, 's' }, { "year", required_argument, NULL, 'y' },
		{ "all", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	unit_filter f = { 0 };
	antt_err err = { "" };
	antt_status st;
	int c, flat;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "t:u:s:y:a", opts, NULL)) != -1) {
		if (cli_option_once("unit list", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		switch (c) {
		case 't': f.type = optarg; break;
		case 'u': f.under = optarg; break;
		case 's': f.search = optarg; break;
		case 'a': f.all = 1; break;
		case 'y':
			if (!cli_year(optarg, &f.year))
				return cli_usage_error("unit list", "năm \"%s\" không hợp lệ", optarg);
			break;
		default: return cli_usage_error("unit list", "tùy chọn không đúng");
		}
	}
	if (optind != argc)
		return cli_usage_error("unit list", "thừa tham số \"%s\"", argv[optind]);
	flat = f.type || f.search;
	st = unit_list(ctx->db, &f, print_unit, &flat, &err);
	return st == ANTT_OK ? CLI_OK : cli_fail(st, &err);
}

static int unit_import_cmd(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	char *all = NULL;
	antt_status st;
	int n = 0, rc;

	if (argc != 2)
		return cli_usage_error("unit import", "cần đúng một tệp CSV");
	st = unit_import_csv_list(ctx->db, argv[1], &n, &all, &err);
	if (st != ANTT_OK) {
		rc = cli_fail_list(st, &err, all);
		free(all);
		return rc;
	}
	printf("Đã nhập %d đơn vị từ %s.\n", n, argv[1]);
	return CLI_OK;
}

static int unit_add_cmd(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "parent", required_argument, NULL, 'p' }, { NULL, 0, NULL, 0 } };
	const char *parent = NULL;
	antt_err err = { "" };
	antt_status st;
	int c;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "p:", opts, NULL)) != -1) {
		if (cli_option_once("unit add", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c != 'p')
			return cli_usage_error("unit add", "tùy chọn không đúng");
		parent = optarg;
	}
	if (argc - optind != 3)
		return cli_usage_error("unit add", "cần MÃ, LOẠI và TÊN");
	st = unit_add(ctx->db, argv[optind], argv[optind + 1], argv[optind + 2], parent, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf("Đã thêm đơn vị %s.\n", argv[optind]);
	return CLI_OK;
}

static int unit_rename_cmd(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status st;

	if (argc != 3)
		return cli_usage_error("unit rename", "cần MÃ và TÊN_MỚI");
	st = unit_rename(ctx->db, argv[1], argv[2], &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf("Đã đổi tên đơn vị %s.\n", argv[1]);
	return CLI_OK;
}

static int unit_move_cmd(cli_ctx *ctx, int argc, char **argv)
{
	antt_err err = { "" };
	antt_status st;

	if (argc != 3)
		return cli_usage_error("unit move", "cần MÃ và MÃ_CẤP_TRÊN_MỚI");
	st = unit_move(ctx->db, argv[1], strcmp(argv[2], "-") ? argv[2] : NULL, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf("Đã chuyển đơn vị %s.\n", argv[1]);
	return CLI_OK;
}

static int unit_retire_cmd(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { "date", required_argument, NULL, 'd' },
		{ "merged-into", required_argument, NULL, 'm' }, { NULL, 0, NULL, 0 } };
	const char *date = NULL, *into = NULL;
	antt_err err = { "" };
	antt_status st;
	int c;

	char seen[8] = "";   /* the options given so far (cli_option_once) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "d:m:", opts, NULL)) != -1) {
		if (cli_option_once("unit retire", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		if (c == 'd')
			date = optarg;
		else if (c == 'm' && !*optarg)   /* read as no merger: a dissolution was recorded */
			return cli_usage_error("unit retire", "tùy chọn \"--merged-into\" cần MÃ đơn vị nhận sáp nhập");
		else if (c == 'm')
			into = optarg;
		else
			return cli_usage_error("unit retire", "tùy chọn không đúng");
	}
	if (argc - optind != 1)
		return cli_usage_error("unit retire", "cần đúng một MÃ");
	st = unit_retire(ctx->db, argv[optind], date, into, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	if (into)
		printf("Đã ghi nhận đơn vị %s sáp nhập vào %s.\n", argv[optind], into);
	else
		printf("Đã ghi nhận giải thể đơn vị %s.\n", argv[optind]);
	return CLI_OK;
}

/* A mark on a unit, set or taken off with --undo: "exclude" (not
 * assessed) and "managed-above" (not in the commune's criterion 4). The
 * unit is read first, so a mark already as asked is said, not claimed as
 * a change (the core writes nothing then). */
struct mark {
	const char *usage;
	antt_status (*set)(antt_db *, const char *, int, antt_err *);
	int (*is_set)(const unit_row *u);
	const char *done, *undone, *already, *already_not;
};

static int unit_mark_cmd(cli_ctx *ctx, int argc, char **argv, const struct mark *m)
{
	/* MÃ and --undo in either order; "--undo" alone is not a code */
	int undo = argc == 3 && (!strcmp(argv[2], "--undo") || !strcmp(argv[1], "--undo"));
	const char *code = undo && !strcmp(argv[1], "--undo") ? argv[2] : argv[1];
	antt_err err = { "" };
	antt_status st;
	unit_row u;
	int was;

	if ((argc != 2 && !undo) || !strncmp(code, "--", 2))
		return cli_usage_error(m->usage, "cần đúng một MÃ (và có thể --undo)");
	if ((st = unit_get(ctx->db, code, &u, &err)) != ANTT_OK)
		return cli_fail(st, &err);
	was = m->is_set(&u);
	st = m->set(ctx->db, code, !undo, &err);
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	printf(was == !undo ? (undo ? m->already_not : m->already) : (undo ? m->undone : m->done), code);
	return CLI_OK;
}

static int is_excluded(const unit_row *u) { return u->excluded; }
static int is_managed_above(const unit_row *u) { return u->managed_above; }

static int unit_exclude_cmd(cli_ctx *ctx, int argc, char **argv)
{
	static const struct mark m = { "unit exclude", assess_set_excluded, is_excluded,
		"Đã đánh dấu đơn vị %s không thuộc diện đánh giá.\n", "Đơn vị %s thuộc diện đánh giá trở lại.\n",
		"Đơn vị %s đã được đánh dấu không thuộc diện đánh giá từ trước: không thay đổi gì.\n",
		"Đơn vị %s đang thuộc diện đánh giá: không thay đổi gì.\n" };
	return unit_mark_cmd(ctx, argc, argv, &m);
}

static int unit_managed_cmd(cli_ctx *ctx, int argc, char **argv)
{
	static const struct mark m = { "unit managed-above", assess_set_managed_above, is_managed_above,
		"Đã đánh dấu đơn vị %s do cấp trên quản lý: không tính vào tiêu chí 4 của xã.\n",
		"Đơn vị %s thuộc thẩm quyền quản lý của xã trở lại: được tính vào tiêu chí 4 của xã.\n",
		"Đơn vị %s đã được đánh dấu do cấp trên quản lý từ trước: không thay đổi gì.\n",
		"Đơn vị %s chưa được đánh dấu do cấp trên quản lý (đang tính vào tiêu chí 4 của xã): không thay đổi gì.\n" };
	return unit_mark_cmd(ctx, argc, argv, &m);
}

/* argv[0] is the sub-command ("list", "add" ...), as commands.c hands it */
int cmd_unit(cli_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *name;
		cli_fn fn;
	} subs[] = {
		{ "list", unit_list_cmd }, { "import", unit_import_cmd }, { "add", unit_add_cmd },
		{ "rename", unit_rename_cmd }, { "move", unit_move_cmd }, { "retire", unit_retire_cmd },
		{ "exclude", unit_exclude_cmd }, { "managed-above", unit_managed_cmd },
	};

	for (size_t i = 0; i < sizeof(subs) / sizeof(*subs); i++)
		if (!strcmp(argv[0], subs[i].name))
			return subs[i].fn(ctx, argc, argv);
	return cli_usage_error("unit", "không có lệnh con \"%s\"", argv[0]);
}
