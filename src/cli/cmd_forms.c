/* antt forms check [FILE ...]: validate criteria sets and summarise them. */
#include <stdio.h>
#include "cli.h"
#include "form.h"

#include <stdlib.h>
#include <string.h>

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
	printf("%s: đúng\n  %s — %s\n  loại đơn vị:", f->source, f->regulation, f->title);
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

/* Two sets must never both apply to the same unit type in the same year. */
static int overlaps(form **forms, size_t n)
{
	int bad = 0;

	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++) {
			const form *x = forms[a], *y = forms[b];
			int lo = x->year_from > y->year_from ? x->year_from : y->year_from;
			int xh = x->year_to ? x->year_to : 9999, yh = y->year_to ? y->year_to : 9999;
			int hi = xh < yh ? xh : yh;

			if (lo > hi)
				continue;
			for (size_t i = 0; i < x->n_unit_types; i++)
				if (form_applies(y, x->unit_types[i], lo ? lo : hi)) {
					fprintf(stderr, "antt: %s và %s cùng áp dụng cho loại %s từ năm %d: "
						"hãy sửa khoảng năm (years) của một tệp\n",
						x->source, y->source, x->unit_types[i], lo ? lo : hi);
					bad = 1;
				}
		}
	return bad;
}

int cmd_forms_check(cli_ctx *ctx, int argc, char **argv)
{
	char **paths = NULL, *dir = NULL;
	size_t n = 0;
	form **forms;
	antt_err err = { "" };
	antt_status st;
	int failed = 0, own = 0;

	(void)ctx;
	if (argc > 1) {
		paths = argv + 1;
		n = (size_t)argc - 1;
	} else {
		if (!(dir = form_dir()))
			return cli_fail(ANTT_ERR_NOMEM, NULL);
		st = form_files(dir, &paths, &n, &err);
		free(dir);
		if (st != ANTT_OK)
			return cli_fail(st, &err);
		own = 1;
	}
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
		if (summarise(forms[i]))
			failed++;
	}
	if (!failed && overlaps(forms, n))
		failed++;
	for (size_t i = 0; i < n; i++)
		form_free(forms[i]);
	free(forms);
	if (own)
		form_files_free(paths, n);
	if (failed) {
		fprintf(stderr, "antt: %d tệp có lỗi; sửa theo thông báo ở trên (tệp:dòng:cột).\n", failed);
		return CLI_FAIL;
	}
	return CLI_OK;
}
