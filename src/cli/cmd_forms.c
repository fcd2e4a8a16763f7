/* antt forms check [FILE ...]: validate criteria sets and summarise them. */
#include <stdio.h>
#include "cli.h"
#include "drift.h"
#include "form.h"
#include "rule.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A criterion is cited when it, or an item it sits under, names its source. */
static int cited(const form *f, size_t i)
{
	for (int k = (int)i; k >= 0; k = f->items[k].parent)
		if (f->items[k].cite)
			return 1;
	return 0;
}

/* Prints the summary; returns the number of answered items with no source. */
static int summarise(const form *f)
{
	size_t top = 0, leaves = 0, computed = 0, rebuilt = 0;
	int uncited = 0;
	char years[64];

	for (size_t i = 0; i < f->n_items; i++) {
		top += f->items[i].parent < 0;
		leaves += f->items[i].leaf && !f->items[i].computed;
		computed += f->items[i].computed;
		rebuilt += f->items[i].leaf && f->items[i].reconstructed;
		if (f->items[i].leaf && !cited(f, i)) {
			fprintf(stderr, "antt: %s:%d: tiêu chí %s chưa ghi nguồn (source: điều, khoản và nơi đọc văn bản)\n",
				f->source, f->items[i].line, f->items[i].id);
			uncited++;
		}
	}
	if (f->year_from && f->year_to)
		snprintf(years, sizeof(years), "%d–%d", f->year_from, f->year_to);
	else if (f->year_from)
		snprintf(years, sizeof(years), "từ %d", f->year_from);
	else if (f->year_to)
		snprintf(years, sizeof(years), "đến %d", f->year_to);
	else
		snprintf(years, sizeof(years), "mọi năm");
	printf("%s: đúng%s\n  %s — %s\n  loại đơn vị:", f->source,
		f->is_addition ? " (phần bổ sung của tỉnh)" : "", f->regulation, f->title);
	for (size_t i = 0; i < f->n_unit_types; i++)
		printf(" %s", f->unit_types[i]);
	printf("; năm áp dụng: %s\n  %zu tiêu chí, %zu ý phải trả lời", years, top, leaves);
	if (computed)
		printf(", %zu tiêu chí tính tự động từ đơn vị trực thuộc", computed);
	if (rebuilt)
		printf("; %zu ý dựng lại, chưa đọc được nguyên văn", rebuilt);
	printf("\n");
	if (f->period)
		printf("  kỳ đánh giá: %s\n", f->period);
	if (f->recognition)
		printf("  xét, công nhận: %s\n", f->recognition);
	if (f->note)
		printf("  ghi chú: %s\n", f->note);
	return uncited;
}

/* The first year and a unit type both forms apply to, if any. */
static const char *shared(const form *x, const form *y, int *year)
{
	int lo = x->year_from > y->year_from ? x->year_from : y->year_from;
	int xh = x->year_to ? x->year_to : 9999, yh = y->year_to ? y->year_to : 9999;
	int hi = xh < yh ? xh : yh;

	if (lo > hi)
		return NULL;
	*year = lo ? lo : hi;
	for (size_t i = 0; i < x->n_unit_types; i++)
		if (form_applies(y, x->unit_types[i], *year))
			return x->unit_types[i];
	return NULL;
}

/* Two sets must never both apply to the same unit type in the same year. */
static int overlaps(form **forms, size_t n)
{
	int bad = 0, year;
	const char *type;

	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++) {
			if (forms[a]->is_addition || forms[b]->is_addition ||
			    !(type = shared(forms[a], forms[b], &year)))
				continue;
			fprintf(stderr, "antt: %s và %s cùng áp dụng cho loại %s từ năm %d: "
				"hãy sửa khoảng năm (years) của một tệp\n",
				forms[a]->source, forms[b]->source, type, year);
			bad = 1;
		}
	return bad;
}

/* A province's additions must add to some set, and merged into each set
 * they meet, the ids must not collide. Returns the number of problems. */
static int check_addition(const form *add, form **sets, size_t n)
{
	int bad = 0, met = 0, year;
	antt_err err = { "" };
	form *m;

	for (size_t i = 0; i < n; i++) {
		if (sets[i]->is_addition || !shared(add, sets[i], &year))
			continue;
		met++;
		if (form_merge(sets[i], &add, 1, &m, &err) != ANTT_OK) {
			cli_fail(ANTT_ERR_FORM, &err);
			bad++;
			continue;
		}
		printf("  bổ sung vào: %s (%zu tiêu chí sau khi bổ sung)\n", sets[i]->source, m->n_items);
		form_free(m);
	}
	if (!met) {
		fprintf(stderr, "antt: %s: phần bổ sung không gặp bộ tiêu chí nào (xem adds_to và years)\n", add->source);
		bad++;
	}
	return bad;
}

/* Files named on the command line, or every set and addition under forms/. */
static antt_status list_files(int argc, char **argv, char ***paths, size_t *n, int *own, antt_err *err)
{
	char *dir, **sets = NULL, **adds = NULL, **all;
	size_t ns = 0, na = 0;
	antt_status st;

	*own = 0;
	if (argc > 1) {
		*paths = argv + 1;
		*n = (size_t)argc - 1;
		return ANTT_OK;
	}
	if (!(dir = form_dir()))
		return ANTT_ERR_NOMEM;
	st = form_files(dir, &sets, &ns, err);
	if (st == ANTT_OK)
		st = form_addition_files(dir, &adds, &na, err);
	free(dir);
	all = st == ANTT_OK ? realloc(sets, (ns + na) * sizeof(*all)) : NULL;
	if (!all) {
		form_files_free(sets, ns);
		form_files_free(adds, na);
		return st == ANTT_OK ? ANTT_ERR_NOMEM : st;
	}
	if (na)
		memcpy(all + ns, adds, na * sizeof(*all));
	free(adds);
	*paths = all;
	*n = ns + na;
	*own = 1;
	return ANTT_OK;
}

static const char *verdict_word(int v)
{
	return v == RULE_PASS ? "ĐẠT" : v == RULE_FAIL ? "CHƯA ĐẠT" : "CHƯA ĐỦ THÔNG TIN";
}

static int print_drift(const drift_row *r, void *ctx)
{
	int *shown = ctx;

	if (!(*shown)++)
		printf("\nĐánh giá đã lưu sẽ đổi kết luận nếu đánh giá lại theo các tệp hiện nay:\n");
	printf("  %s (%s) năm %d: đã lưu %s theo %s; theo %s: %s\n", r->unit_code, r->unit_name, r->year,
		verdict_word(r->old_verdict), r->old_regulation, r->new_source, r->new_text);
	return 0;
}

/* With a database at hand: which stored assessments the files would change. */
static int report_drift(cli_ctx *ctx)
{
	antt_err err = { "" };
	antt_status st;
	int other = 0, shown = 0;

	if (access(ctx->db_path, F_OK) != 0)
		return CLI_OK;
	/* the files are right whatever the database says: a database that cannot
	 * be read now (locked, damaged) is reported, and the check still passes */
	if (cli_open(ctx, 0) != CLI_OK ||
	    ((st = drift_scan(ctx->db, print_drift, &shown, &other, &err)) != ANTT_OK && cli_fail(st, &err))) {
		fprintf(stderr, "antt: các tệp bộ tiêu chí đúng, nhưng chưa so được các đánh giá đã lưu trong %s "
			"(xem lỗi ở trên); chạy lại \"antt forms check\" khi cơ sở dữ liệu mở được.\n", ctx->db_path);
		return CLI_OK;
	}
	if (!other)
		printf("\n%s: mọi đánh giá đã lưu được lập theo đúng bộ tiêu chí của các tệp hiện nay.\n", ctx->db_path);
	else
		printf("\n%s: %d đánh giá được lập theo bộ tiêu chí cũ hơn các tệp hiện nay, %d trong số đó sẽ đổi "
			"kết luận. Các đánh giá này vẫn giữ bộ tiêu chí và kết luận đã lưu; không có gì tự thay đổi.\n"
			"Muốn đánh giá lại theo bộ tiêu chí hiện hành: antt forms reassess --year NĂM [--unit MÃ]\n",
			ctx->db_path, other, shown);
	return CLI_OK;
}

int cmd_forms_check(cli_ctx *ctx, int argc, char **argv)
{
	char **paths = NULL, *dir;
	size_t n = 0, n_dir = 0;
	form **forms, **dir_forms = NULL;
	antt_err err = { "" };
	antt_status st;
	int failed = 0, own = 0, adds = 0;

	(void)ctx;
	if ((st = list_files(argc, argv, &paths, &n, &own, &err)) != ANTT_OK)
		return cli_fail(st, &err);
	forms = calloc(n ? n : 1, sizeof(*forms));
	if (!forms)
		return cli_fail(ANTT_ERR_NOMEM, NULL);
	for (size_t i = 0; i < n; i++) {
		st = form_load_file(paths[i], &forms[i], &err);
		if (st != ANTT_OK) {
			cli_fail(st, &err);
			failed++;
			continue;
		}
		adds += forms[i]->is_addition;
		if (summarise(forms[i]))
			failed++;
	}
	if (!failed && overlaps(forms, n))
		failed++;
	/* additions named alone are checked against the sets under forms/ */
	if (!failed && adds && !own) {
		if (!(dir = form_dir()))
			return cli_fail(ANTT_ERR_NOMEM, NULL);
		st = form_load_dir(dir, &dir_forms, &n_dir, &err);
		free(dir);
		if (st != ANTT_OK) {
			cli_fail(st, &err);
			failed++;
		}
	}
	for (size_t i = 0; !failed && i < n; i++)
		if (forms[i]->is_addition)
			failed += check_addition(forms[i], dir_forms ? dir_forms : forms, dir_forms ? n_dir : n);
	for (size_t i = 0; i < n; i++)
		form_free(forms[i]);
	free(forms);
	for (size_t i = 0; i < n_dir; i++)
		form_free(dir_forms[i]);
	free(dir_forms);
	if (own)
		form_files_free(paths, n);
	if (failed) {
		fprintf(stderr, "antt: %d tệp có lỗi; sửa theo thông báo ở trên (tệp:dòng:cột).\n", failed);
		return CLI_FAIL;
	}
	return own ? report_drift(ctx) : CLI_OK;
}
