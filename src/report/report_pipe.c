/* The report's two halves on the two cores of an office PC: the thread
 * that calls report_pipe_put reads the database, a second thread writes
 * the sheets' cells (libxlsxwriter's XML, a third of a 30-province
 * report's time). The rows pass in two batches, one filled while the other
 * is written, so the memory held is two batches whatever the size of the
 * database. Only the writing thread touches the workbook and only the
 * reading one the database while the pipe is open. When no thread can be
 * made the rows are written as they come, in the same order: the workbook
 * is the same byte for byte. */
#include "report_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* rows of a batch: large enough that the hand-over costs nothing beside
 * them, small enough that two batches stay a few hundred kilobytes */
#define BATCH_ROWS 256
/* a batch is handed over sooner when its text reaches this: rows of long
 * notes (a unit's notes have no bound of their own) would otherwise make
 * two batches of 256 of them */
#define BATCH_BYTES (1024 * 1024)
#define NO_TEXT SIZE_MAX

typedef struct {
	char *text;           /* every string of the batch, each ended by '\0' */
	size_t used, cap;
	size_t *off;          /* rows * cols offsets into text, NO_TEXT for NULL */
	int *ints;            /* rows * PIPE_INTS */
	size_t rows;
} batch;

struct report_pipe {
	int (*fn)(const pipe_row *r, void *ctx);
	void *ctx;
	int cols;
	int threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch b[2];
	int filling;          /* the batch report_pipe_put adds to */
	int full[2];          /* handed over, not yet written */
	int done;             /* no more rows will come */
	int stopped;          /* fn asked to stop: rows after it are dropped */
	int ended;            /* the reading side's own view: stopped, or out of memory */
	int nomem;            /* a batch could not grow */
};

static void batch_free(batch *b)
{
	free(b->text);
	free(b->off);
	free(b->ints);
	memset(b, 0, sizeof(*b));
}

/* A row of batch b, as fn sees it. */
static void batch_row(const report_pipe *p, const batch *b, size_t k, pipe_row *r)
{
	for (int c = 0; c < p->cols; c++) {
		size_t o = b->off[k * (size_t)p->cols + (size_t)c];
		r->s[c] = o == NO_TEXT ? NULL : b->text + o;
	}
	memcpy(r->i, b->ints + k * PIPE_INTS, sizeof(r->i));
}

/* Write the rows of b; 1 when fn asked to stop. */
static int batch_write(report_pipe *p, const batch *b)
{
	pipe_row r;

	for (size_t k = 0; k < b->rows; k++) {
		batch_row(p, b, k, &r);
		if (p->fn(&r, p->ctx))
			return 1;
	}
	return 0;
}

static void *writer_main(void *arg)
{
	report_pipe *p = arg;
	int k = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->full[k] && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->full[k]) {   /* done, and nothing left */
			pthread_mutex_unlock(&p->mu);
			break;
		}
		pthread_mutex_unlock(&p->mu);
		int stop = batch_write(p, &p->b[k]);
		pthread_mutex_lock(&p->mu);
		p->full[k] = 0;
		if (stop)
			p->stopped = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		k ^= 1;
	}
	return NULL;
}

antt_status report_pipe_open(report_pipe **out, int cols, int one_thread,
                             int (*fn)(const pipe_row *r, void *ctx), void *ctx)
{
	report_pipe *p = calloc(1, sizeof(*p));

	*out = NULL;
	if (!p || cols < 1 || cols > PIPE_COLS) {
		free(p);
		return p ? ANTT_ERR_INVALID : ANTT_ERR_NOMEM;
	}
	p->fn = fn;
	p->ctx = ctx;
	p->cols = cols;
	if (!one_thread && pthread_mutex_init(&p->mu, NULL) == 0) {
		if (pthread_cond_init(&p->cv, NULL) == 0) {
			if (pthread_create(&p->th, NULL, writer_main, p) == 0)
				p->threaded = 1;
			else
				pthread_cond_destroy(&p->cv);
		}
		if (!p->threaded)
			pthread_mutex_destroy(&p->mu);
	}
	*out = p;
	return ANTT_OK;
}

/* Room for need bytes of text in b; 0 when there is no memory. */
static int grow(batch *b, size_t need)
{
	size_t n = b->cap ? b->cap : 16 * 1024;
	char *q;

	if (need <= b->cap)
		return 1;
	while (n < need) {
		if (n > SIZE_MAX / 2)   /* doubled, it would wrap to 0: never >= need */
			return 0;
		n *= 2;
	}
	if (!(q = realloc(b->text, n)))
		return 0;
	b->text = q;
	b->cap = n;
	return 1;
}

/* Hand the filled batch to the writing thread and wait for the other one
 * to be free; 1 when the writer has stopped. */
static int hand_over(report_pipe *p)
{
	int stopped;

	pthread_mutex_lock(&p->mu);
	p->full[p->filling] = 1;
	pthread_cond_broadcast(&p->cv);
	p->filling ^= 1;
	while (p->full[p->filling] && !p->stopped)
		pthread_cond_wait(&p->cv, &p->mu);
	stopped = p->stopped;
	pthread_mutex_unlock(&p->mu);
	p->b[p->filling].rows = 0;
	p->b[p->filling].used = 0;
	return stopped;
}

int report_pipe_put(report_pipe *p, const char *const *s, const int *ints)
{
	batch *b = &p->b[p->filling];
	size_t cols = (size_t)p->cols, len = 0;

	if (p->ended)
		return 1;
	for (size_t c = 0; c < cols; c++) {
		size_t n = s[c] ? strlen(s[c]) + 1 : 0;
		if (n > SIZE_MAX - b->used - len) {   /* no room can be found for it */
			p->nomem = p->ended = 1;
			return 1;
		}
		len += n;
	}
	if (!b->off) {   /* a batch's first row: its offsets and numbers, once */
		b->off = malloc(BATCH_ROWS * cols * sizeof(*b->off));
		b->ints = malloc(BATCH_ROWS * PIPE_INTS * sizeof(*b->ints));
	}
	if (!b->off || !b->ints || !grow(b, b->used + len)) {
		p->nomem = p->ended = 1;
		return 1;
	}
	for (size_t c = 0; c < cols; c++) {
		b->off[b->rows * cols + c] = NO_TEXT;
		if (s[c]) {
			size_t n = strlen(s[c]) + 1;
			memcpy(b->text + b->used, s[c], n);
			b->off[b->rows * cols + c] = b->used;
			b->used += n;
		}
	}
	for (int k = 0; k < PIPE_INTS; k++)
		b->ints[b->rows * PIPE_INTS + (size_t)k] = ints ? ints[k] : 0;
	if (++b->rows < BATCH_ROWS && b->used < BATCH_BYTES)
		return 0;
	if (p->threaded)
		p->ended = hand_over(p);
	else {
		p->ended = batch_write(p, b);
		b->rows = b->used = 0;
	}
	return p->ended;
}

antt_status report_pipe_close(report_pipe *p)
{
	antt_status s;

	if (!p)
		return ANTT_OK;
	if (!p->threaded) {
		if (!p->ended && p->b[p->filling].rows)
			p->ended = batch_write(p, &p->b[p->filling]);
	} else {
		pthread_mutex_lock(&p->mu);
		if (!p->ended && !p->stopped && p->b[p->filling].rows)
			p->full[p->filling] = 1;
		p->done = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->th, NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	s = p->nomem ? ANTT_ERR_NOMEM : ANTT_OK;
	batch_free(&p->b[0]);
	batch_free(&p->b[1]);
	free(p);
	return s;
}
