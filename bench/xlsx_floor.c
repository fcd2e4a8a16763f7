/* The floor under `antt report`: libxlsxwriter alone writing the cells a
 * report holds, with nothing read from a database. It takes the cells
 * bench/cells.py --values printed of antt's own workbook (sheet!cell, then
 * a Python literal: a quoted text or a number), holds them in memory, then
 * times only the writing: every sheet streamed row after row
 * (constant_memory, as antt's detail sheets), each cell with a bordered
 * format, zlib's fastest level (src/report/report_zip.c, linked in). What
 * it prints is the least time any report of those cells can take on this
 * machine while every cell goes through libxlsxwriter (issue 19).
 *
 *   xlsx_floor CELLS OUT.xlsx   →   "SECONDS CELLS"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

int report_zip_level(void);

typedef struct {
	char *sheet;   /* shared by the cells of one sheet */
	lxw_row_t row;
	lxw_col_t col;
	int is_text;
	double num;
	char *text;
} cell;

/* A Python literal's text: quotes off, its escapes read (\\ \' \" \n \t) */
static char *unquote(const char *v)
{
	size_t n = strlen(v);
	char *out, *o;

	if (n < 2)
		return strdup("");
	if (!(out = o = malloc(n)))
		return NULL;
	for (const char *p = v + 1; p < v + n - 1; p++) {
		if (*p == '\\' && p + 1 < v + n - 1) {
			p++;
			*o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	FILE *in;
	char *line = NULL, *last = NULL;
	size_t cap = 0, n = 0, room = 0;
	cell *cells = NULL;
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };

	if (argc != 3 || !(in = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: xlsx_floor CELLS OUT.xlsx\n");
		return 2;
	}
	while (getline(&line, &cap, in) > 0) {
		char *bang = strchr(line, '!'), *tab = bang ? strchr(bang, '\t') : NULL;
		cell *c;

		if (!tab)
			continue;
		line[strcspn(line, "\n")] = '\0';
		*bang = *tab = '\0';
		if (n == room && !(cells = realloc(cells, (room = room ? 2 * room : 4096) * sizeof(*cells))))
			return 1;
		c = &cells[n++];
		if (!last || strcmp(last, line))
			last = strdup(line);
		c->sheet = last;
		c->row = lxw_name_to_row(bang + 1);
		c->col = lxw_name_to_col(bang + 1);
		c->is_text = tab[1] == '\'' || tab[1] == '"';
		c->text = c->is_text ? unquote(tab + 1) : NULL;
		c->num = c->is_text ? 0 : strtod(tab + 1, NULL);
	}
	fclose(in);
	free(line);

	double t0 = seconds();
	lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
	lxw_format *f = workbook_add_format(wb);
	lxw_worksheet *ws = NULL;
	const char *on = NULL;

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	for (size_t i = 0; i < n; i++) {
		if (cells[i].sheet != on) {
			on = cells[i].sheet;
			ws = workbook_add_worksheet(wb, on);
		}
		if (cells[i].is_text)
			worksheet_write_string(ws, cells[i].row, cells[i].col, cells[i].text, f);
		else
			worksheet_write_number(ws, cells[i].row, cells[i].col, cells[i].num, f);
	}
	lxw_error e = workbook_close(wb);
	printf("%.3f %zu\n", seconds() - t0, n);
	return e != LXW_NO_ERROR || report_zip_level() != 1;
}
