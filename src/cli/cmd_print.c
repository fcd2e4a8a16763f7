/* antt print TÀI_LIỆU [MÃ | --under MÃ [--type LOẠI] | --type LOẠI] --year NĂM -o TỆP.xlsx [--force] [--date NGÀY] [--blank]:
 * the recognition dossier's documents, one table row each (src/report/doc.h). */
#include <stdio.h>
#include "assess.h"
#include "cli.h"
#include "report/doc.h"

#include <getopt.h>
#include <string.h>

/* Which units a document is printed for. */
enum { BY_UNIT = 1, BY_UNDER = 2, BY_TYPE = 4, BY_OFFICE = 8 /* none named: the whole office */ };

static const struct {
	const char *name;     /* typed after "antt print" */
	antt_status (*fn)(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);
	int by;               /* BY_*: what may name the units */
	const char *what;     /* the document, in "Đã ghi ..." */
	const char *help;
} docs[] = {
	{ "checklist", doc_checklist, BY_UNIT | BY_UNDER | BY_TYPE, "phiếu đánh giá",
	  "phiếu đánh giá để trống, in ra giấy để họp: cho một đơn vị (MÃ), cho đơn vị --under MÃ và mọi "
	  "đơn vị dưới nó (thêm --type LOẠI: chỉ loại đó), hoặc một phiếu chung cho một loại (--type LOẠI)" },
	{ "bien-ban", doc_minutes, BY_UNIT, "biên bản họp đánh giá",
	  "biên bản họp đánh giá của đơn vị MÃ, điền kết quả từng tiêu chí và kết luận" },
	{ "cham-diem", doc_score_sheet, BY_UNIT | BY_TYPE, "phiếu chấm điểm phong trào",
	  "phiếu chấm điểm phong trào (QĐ 510) của đơn vị MÃ (--blank: để trống), hoặc để trống cho một loại (--type)" },
	{ "to-trinh", doc_proposal, BY_UNDER | BY_OFFICE, "tờ trình đề nghị công nhận",
	  "tờ trình đề nghị công nhận các đơn vị đã duyệt đạt: của Công an xã --under MÃ (xã), hoặc của cả đơn vị "
	  "(không có --under: các xã và đơn vị không thuộc xã nào); thêm --type LOẠI: chỉ loại đó" },
	{ "quyet-dinh", doc_decision, BY_UNDER | BY_OFFICE, "dự thảo quyết định công nhận",
	  "dự thảo quyết định công nhận và danh sách kèm theo, cùng các đơn vị như to-trinh" },
	{ "giay-cong-nhan", doc_certificate, BY_UNIT | BY_UNDER | BY_OFFICE, "giấy công nhận",
	  "giấy công nhận, mỗi đơn vị được công nhận (antt recognise) một trang A4 ngang: của đơn vị MÃ, "
	  "các đơn vị dưới --under MÃ, hoặc cả đơn vị" },
};

static void print_docs(FILE *out)
{
	fprintf(out, "Các tài liệu:\n");
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++)
		fprintf(out, "  %-14s %s\n", docs[i].name, docs[i].help);
}

static int usage(const char *msg)
{
	cli_usage_error("print", "%s", msg);
	print_docs(stderr);
	return CLI_USAGE;
}

/* "pre "arg"post" */
static int usage_arg(const char *pre, const char *arg, const char *post)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s \"%s\"%s", pre, arg, post);
	return usage(msg);
}

int cmd_print(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' }, { "under", required_argument, NULL, 'u' },
		{ "type", required_argument, NULL, 't' }, { "unit", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' }, { "force", no_argument, NULL, 'f' },
		{ "date", required_argument, NULL, 'd' }, { "blank", no_argument, NULL, 'b' },
		{ "layout", required_argument, NULL, 'l' }, { NULL, 0, NULL, 0 } };
	doc_opts o = { 0 };
	doc_info info = { 0 };
	antt_err err = { "" };
	antt_status s;
	size_t k;
	char seen[16] = "";   /* the options given so far, one letter each */
	int c, named;

	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help")) {
		if (argc < 2)
			return usage("cần tên tài liệu");
		print_docs(stdout);
		return CLI_OK;
	}
	for (k = 0; k < sizeof(docs) / sizeof(*docs); k++)
		if (!strcmp(argv[1], docs[k].name))
			break;
	if (k == sizeof(docs) / sizeof(*docs))
		return usage_arg("không có tài liệu", argv[1], "");
	argc--;
	argv++;
	optind = 0;
	while ((c = getopt_long(argc, argv, "y:u:t:n:o:fd:bl:", opts, NULL)) != -1) {
		if (cli_option_once("print", opts, c, seen, sizeof(seen)) != CLI_OK)
			return CLI_USAGE;
		switch (c) {
		case 'y':
			if (!cli_year(optarg, &o.year))
				return usage_arg("năm", optarg, " không hợp lệ");
			break;
		case 'u': o.under = optarg; break;
		case 't': o.type = optarg; break;
		case 'n': o.unit = optarg; break;
		case 'o': o.path = optarg; break;
		case 'f': o.force = 1; break;
		case 'd': o.date = optarg; break;   /* 20/11/2024 or 2024-11-20 (report_date reads it) */
		case 'b': o.blank = 1; break;
		case 'l': o.layout = optarg; break;
		default: return usage("tùy chọn không đúng");
		}
	}
	if (optind < argc && !o.unit)
		o.unit = argv[optind++];
	if (optind != argc)
		return usage_arg("thừa tham số", argv[optind], "");
	/* --under with --type: the units of that type under it */
	/* a document of the office takes --type alone as "only that type" */
	named = !!o.unit + !!o.under + (o.type && !o.under && !(docs[k].by & BY_OFFICE));
	if (named == 0 && (docs[k].by & BY_OFFICE))
		;   /* the whole office */
	else if (named != 1)
		return usage(named ? "chỉ chọn một trong: MÃ đơn vị, --under MÃ, --type LOẠI"
			: "cần chọn in cho ai: MÃ đơn vị, --under MÃ hoặc --type LOẠI");
	if ((o.unit && !(docs[k].by & BY_UNIT)) || (o.under && !(docs[k].by & BY_UNDER)) ||
	    (o.type && !o.under && !(docs[k].by & (BY_TYPE | BY_OFFICE))))
		return usage_arg("tài liệu", docs[k].name, docs[k].by == BY_UNIT ? " chỉ in cho một đơn vị: MÃ"
			: docs[k].by == (BY_UNDER | BY_OFFICE) ? " in cho một xã (--under MÃ) hoặc cả đơn vị, không cho một MÃ"
			: docs[k].by == (BY_UNIT | BY_TYPE) ? " in cho một đơn vị (MÃ) hoặc một loại (--type LOẠI), không theo --under"
			: " không in theo cách chọn này");
	if (o.blank && docs[k].fn != doc_score_sheet)
		return usage_arg("tài liệu", docs[k].name, " không có bản để trống (--blank chỉ dùng với cham-diem)");
	if (!o.path)
		return usage("cần tên tệp: -o TỆP.xlsx");
	if (!o.year)
		o.year = assess_start_year(ctx->db);
	if ((s = docs[k].fn(ctx->db, &o, &info, &err)) != ANTT_OK)
		return cli_fail_at(s, &err, o.unit ? o.unit : o.under, o.year);
	if (info.units)
		printf("Đã ghi %s năm %d vào %s (%lld đơn vị, %d trang tính).\n", docs[k].what, o.year, o.path,
			info.units, info.sheets);
	else
		printf("Đã ghi %s năm %d vào %s (%d trang tính).\n", docs[k].what, o.year, o.path, info.sheets);
	return CLI_OK;
}
