/* CSV input through libcsv (strict mode), fed one physical line at a time so
 * every record knows the line it came from. Every cell is cleaned on the
 * way in (text_clean): a line break inside a quoted cell becomes a space,
 * a NUL or another control character refuses the file with line and column. */
#include "csvtab.h"
#include "file.h"
#include "text.h"
#include "grow.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

struct reader {
	csvtab *t;
	csvtab_row cur;
	int line;
	int rec_line;
	antt_status st;
	const char *path;
	antt_err *err;
};

static void on_field(void *data, size_t len, void *ud)
{
	struct reader *r = ud;
	char *raw, *nfc = NULL, **nf;
	antt_status st;
	antt_err e;

	if (r->st != ANTT_OK)
		return;
	if (r->cur.n == 0) {
		/* a quoted first cell may run over lines: the record starts at
		 * its first, not at the line where the cell ends */
		r->rec_line = r->line;
		for (const char *c = data; len && (c = memchr(c, '\n', len - (size_t)(c - (const char *)data))); c++)
			r->rec_line--;
	}
	/* libcsv hands over the bytes with their length; a NUL among them
	 * would silently cut the field where C strings end */
	if (len && memchr(data, '\0', len)) {
		r->st = err_set(r->err, ANTT_ERR_CSV, "%s: dòng %d, cột %zu: ô có byte NUL (mã 0), tệp có thể bị "
			"hỏng hoặc không phải CSV. Trong Excel hãy lưu lại bằng \"CSV UTF-8\".", r->path, r->line, r->cur.n + 1);
		return;
	}
	raw = malloc(len + 1);
	if (!raw) {
		r->st = ANTT_ERR_NOMEM;
		return;
	}
	if (len)
		memcpy(raw, data, len);
	raw[len] = '\0';
	st = text_clean(raw, "ô", &nfc, &e);
	free(raw);
	if (st == ANTT_ERR_INVALID && u8_check((const uint8_t *)data, len)) {
		r->st = err_set(r->err, ANTT_ERR_CSV, "%s: dòng %d: không phải văn bản UTF-8. "
			"Trong Excel hãy lưu bằng \"CSV UTF-8\".", r->path, r->line);
		return;
	}
	if (st != ANTT_OK) {
		r->st = st == ANTT_ERR_NOMEM ? st : err_set(r->err, ANTT_ERR_CSV, "%s: dòng %d, cột %zu: %s",
			r->path, r->line, r->cur.n + 1, e.msg);
		return;
	}
	nf = grow_one(r->cur.fields, r->cur.n, sizeof(char *));
	if (!nf) {
		free(nfc);
		r->st = ANTT_ERR_NOMEM;
		return;
	}
	r->cur.fields = nf;
	r->cur.fields[r->cur.n++] = nfc;
}

static void on_record(int c, void *ud)
{
	struct reader *r = ud;
	csvtab_row *nr;
	int blank;

	(void)c;
	if (r->st != ANTT_OK)
		return;
	/* a row of empty cells (",,,": Excel saves the rows a sheet once
	 * used) is as blank as an empty line */
	blank = 1;
	for (size_t i = 0; i < r->cur.n; i++)
		if (r->cur.fields[i][0])
			blank = 0;
	if (blank) {
		for (size_t i = 0; i < r->cur.n; i++)
			free(r->cur.fields[i]);
		free(r->cur.fields);
		memset(&r->cur, 0, sizeof(r->cur));
		return;
	}
	nr = grow_one(r->t->rows, r->t->n, sizeof(*nr));
	if (!nr) {
		r->st = ANTT_ERR_NOMEM;
		return;
	}
	r->t->rows = nr;
	r->cur.line = r->rec_line;
	r->t->rows[r->t->n++] = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
}

antt_status csvtab_read(const char *path, csvtab *out, antt_err *err)
{
	struct reader r = { .t = out, .line = 1, .st = ANTT_OK, .path = path, .err = err };
	struct csv_parser p;
	char *buf = NULL;
	size_t len = 0, pos;

	memset(out, 0, sizeof(*out));
	if ((r.st = file_read_all(path, &buf, &len, err)) != ANTT_OK)
		return r.st;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(buf);
		return ANTT_ERR_NOMEM;
	}
	pos = (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	while (pos < len && r.st == ANTT_OK) {
		char *nl = memchr(buf + pos, '\n', len - pos);
		size_t chunk = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;

		if (csv_parse(&p, buf + pos, chunk, on_field, on_record, &r) != chunk) {
			r.st = err_set(err, ANTT_ERR_CSV, "%s: dòng %d: sai định dạng CSV (%s): "
				"kiểm tra dấu ngoặc kép \" của các ô", path, r.line, csv_strerror(csv_error(&p)));
			break;
		}
		pos += chunk;
		if (nl)
			r.line++;
	}
	if (r.st == ANTT_OK && csv_fini(&p, on_field, on_record, &r) != 0)
		r.st = err_set(err, ANTT_ERR_CSV, "%s: dòng %d: tệp kết thúc giữa một ô có dấu ngoặc kép "
			"chưa đóng", path, r.rec_line ? r.rec_line : r.line);
	csv_free(&p);
	free(buf);
	for (size_t i = 0; i < r.cur.n; i++)
		free(r.cur.fields[i]);
	free(r.cur.fields);
	if (r.st != ANTT_OK) {
		if (r.st == ANTT_ERR_NOMEM)
			err_set(err, r.st, "%s: hết bộ nhớ khi đọc tệp", path);
		csvtab_free(out);
	}
	return r.st;
}

void csvtab_free(csvtab *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].fields[k]);
		free(t->rows[i].fields);
	}
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

int csvtab_is_header(const csvtab_row *r, const char *const *names)
{
	char *key;
	int yes = 0;

	if (r->n == 0)
		return 0;
	/* the cells are UTF-8 (csvtab_read checked): no key is no memory */
	if (!(key = text_key(r->fields[0])))
		return -1;
	for (; *names; names++)
		if (strcmp(key, *names) == 0)
			yes = 1;
	free(key);
	return yes;
}

/* 1 when read, 0 when not a flag, -1 when out of memory. One of the words
 * below, in any case, with or without accents, spaces around it allowed;
 * the key turns - and _ into spaces, so a cell holding them ("-1", "c-o")
 * is no flag, not the word its key happens to be. */
int csvtab_flag(const char *s, int *out)
{
	static const char *const yes[] = { "1", "co", "x", "yes", "true", NULL };
	static const char *const no[] = { "", "0", "khong", "no", "false", NULL };
	char *k;
	int ok = 0;

	if (strpbrk(s, "-_"))
		return 0;
	if (!(k = text_key(s)))   /* a CSV cell is UTF-8: NULL is no memory */
		return -1;
	for (const char *const *p = yes; *p && !ok; p++)
		if (!strcmp(k, *p))
			ok = 1, *out = 1;
	for (const char *const *p = no; *p && !ok; p++)
		if (!strcmp(k, *p))
			ok = 1, *out = 0;
	free(k);
	return ok;
}

antt_status csvtab_data_start(const csvtab *t, const char *const *header, const char *path, const char *what,
                              const char *columns, size_t *first, antt_err *err)
{
	int h = t->n ? csvtab_is_header(&t->rows[0], header) : 0;

	*first = 0;
	if (h < 0)
		return ANTT_ERR_NOMEM;
	*first = (size_t)h;
	if (t->n > (size_t)h)
		return ANTT_OK;
	return err_set(err, ANTT_ERR_CSV, "%s: %s không có dòng dữ liệu nào (%s), chưa ghi gì%s%s", path, what,
		t->n ? "chỉ có dòng tiêu đề" : "tệp trống", columns ? "; " : "", columns ? columns : "");
}
