/* The floor under `antt report`: libxlsxwriter alone writing the cells a
 * report holds, with nothing read from a database. It takes the cells
 * bench/cells.py --values printed of antt's own workbook (sheet!cell, then
 * a Python literal: a quoted text or a number), holds them in memory, then
 * times only the writing: every sheet streamed row after row
 * (constant_memory, as antt's detail sheets), each cell with a bordered
 * format, zlib's fastest level (src/report/report_zip.c, linked in), each
 * streamed sheet's temporary file with the 64 KiB buffer antt gives it
 * (report_stream_sheet; with glibc's default 4 KiB the floor made 16 times
 * the write()s and read()s antt makes, and took about 0.1 s more at 30x).
 * What it prints is the time libxlsxwriter takes for those cells on this
 * machine on one core (issue 19).
 *
 * With -j2 the sheets' cells are written by two threads, each sheet by
 * one (the largest first, to the thread with fewer cells), then the
 * workbook closed as before. libxlsxwriter does not promise this is safe;
 * in constant_memory each sheet writes its own rows to its own file, and
 * the one format's index is fixed before the threads start, so they share
 * nothing it writes (the workbook's parts came out byte for byte as with
 * one thread, at 30x). It shows how much of the floor one core is not
 * bound to: the deflate and zip at close stay on one.
 *
 *   xlsx_floor [-j2] CELLS OUT.xlsx   →   "SECONDS CELLS"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
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

/* as src/report/report.c's STREAM_BUFFER */
#define STREAM_BUFFER (64 * 1024)

/* the sheets one thread writes, in order */
typedef struct {
	cell *cells;
	lxw_format *f;
	lxw_worksheet **ws;
	size_t *first, *count;
	int sheet[64], n;
} job;

static void *write_sheets(void *arg)
{
	job *j = arg;

	for (int k = 0; k < j->n; k++) {
		int s = j->sheet[k];

		for (size_t i = j->first[s]; i < j->first[s] + j->count[s]; i++) {
			cell *c = &j->cells[i];

			if (c->is_text)
				worksheet_write_string(j->ws[s], c->row, c->col, c->text, j->f);
			else
				worksheet_write_number(j->ws[s], c->row, c->col, c->num, j->f);
		}
	}
	return NULL;
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
	int threads = 1;

	if (argc == 4 && !strcmp(argv[1], "-j2")) {
		threads = 2;
		argv++, argc--;
	}
	if (argc != 3 || !(in = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: xlsx_floor [-j2] CELLS OUT.xlsx\n");
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
	lxw_worksheet *ws[64];
	size_t first[64], count[64];
	job jobs[2] = { { 0 } };
	int ns = 0;

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	/* the sheets added in the workbook's order, each with its cells' range */
	for (size_t i = 0; i < n; i++) {
		if (!ns || cells[i].sheet != cells[first[ns - 1]].sheet) {
			if (ns == 64 || !(ws[ns] = workbook_add_worksheet(wb, cells[i].sheet)))
				return 1;
			if (ws[ns]->optimize_tmpfile)
				setvbuf(ws[ns]->optimize_tmpfile, malloc(STREAM_BUFFER), _IOFBF, STREAM_BUFFER);
			first[ns] = i;
			count[ns++] = 0;
		}
		count[ns - 1]++;
	}
	lxw_format_get_xf_index(f);   /* set once here, not by the first cell of a thread */
	/* one thread: every sheet in order; two: the largest sheet first, each
	 * to the thread with fewer cells so far */
	size_t order[64], load[2] = { 0, 0 };
	for (int k = 0; k < ns; k++) {
		int m = k;

		while (threads == 2 && m > 0 && count[order[m - 1]] < count[k]) {
			order[m] = order[m - 1];
			m--;
		}
		order[m] = k;
	}
	for (int k = 0; k < ns; k++) {
		int t = threads == 2 && load[1] < load[0];

		jobs[t].sheet[jobs[t].n++] = (int)order[k];
		load[t] += count[order[k]];
	}
	for (int t = 0; t < 2; t++) {
		jobs[t].cells = cells;
		jobs[t].f = f;
		jobs[t].ws = ws;
		jobs[t].first = first;
		jobs[t].count = count;
	}
	if (threads == 2) {
		pthread_t th;

		if (pthread_create(&th, NULL, write_sheets, &jobs[1]))
			return 1;
		write_sheets(&jobs[0]);
		pthread_join(th, NULL);
	} else
		write_sheets(&jobs[0]);
	lxw_error e = workbook_close(wb);
	printf("%.3f %zu\n", seconds() - t0, n);
	if (e != LXW_NO_ERROR)
		fprintf(stderr, "xlsx_floor: %s\n", lxw_strerror(e));
	return e != LXW_NO_ERROR || report_zip_level() != 1;
}
