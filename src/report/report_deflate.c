/* A workbook part deflated on two cores. At close libxlsxwriter hands
 * minizip each part's XML, and minizip deflates it on the one thread while
 * the other core waits: at 30 provinces 70 MB of sheets, a tenth of a
 * second of the report's second. Here a part is cut into chunks of CHUNK
 * bytes, the way pigz does it: each chunk deflated by a stream of its own
 * primed with the 32 KiB before it (deflateSetDictionary, so matches reach
 * back over the cut as in one stream), every chunk but the last ended by
 * a sync flush (an empty stored block: byte-aligned, not final), the last
 * by Z_FINISH. Put end to end, the chunks are one raw deflate stream. A
 * second thread deflates the chunks it can take while the caller's reads
 * on and deflates the others; the chunks are handed out in order, so the
 * bytes depend on the part alone, never on which thread was quicker: on
 * one thread (asked for, or no thread to be had) they are the same. */
#include "report_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#ifdef ANTT_ISAL_SONAME
#include <dlfcn.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#endif

/* zlib comes with libxlsxwriter, which antt opens by name when it makes
 * its first workbook (xlsx.h): its functions are taken from there, so that
 * a process writing no workbook never loads it. Linked builds call it. */
#ifdef ANTT_XLSX_SONAME
#define ZLIB_FUNCTIONS(X) X(deflateInit2_) X(deflateReset) X(deflateSetDictionary) X(deflate) X(deflateEnd) \
	X(crc32) X(crc32_combine)
static struct {
#define ZLIB_POINTER(f) __typeof__(f) *f;
	ZLIB_FUNCTIONS(ZLIB_POINTER)
} zl;
#define Z(f) (*zl.f)

static int zlib_find(void)
{
	int found = 1;
#define ZLIB_FIND(f) if (!zl.f && !(*(void **)&zl.f = xlsx_symbol(#f))) found = 0;
	ZLIB_FUNCTIONS(ZLIB_FIND)
	return found;
}
#else
#define Z(f) f
static int zlib_find(void)
{
	return 1;
}
#endif

/* ISA-L (Intel's igzip), where it is installed: at its fastest level four
 * times zlib's speed at its own, for a file 8 % smaller (30 provinces: 70
 * MB of sheets in 0.05 s of a core, not 0.21). The same deflate format,
 * with the same preset dictionary and sync flush, so the chunks join the
 * same way; its bytes are its own, so a workbook written with it is not
 * the one zlib writes, cell for cell the same. Opened by name with the
 * first part (no process that writes no workbook loads it); absent, zlib
 * as before. */
#ifdef ANTT_ISAL_SONAME
#define ISAL_FUNCTIONS(X) X(isal_deflate_init) X(isal_deflate_set_dict) X(isal_deflate) X(crc32_gzip_refl)
static struct {
#define ISAL_POINTER(f) __typeof__(f) *f;
	ISAL_FUNCTIONS(ISAL_POINTER)
} isal;
static pthread_once_t isal_once = PTHREAD_ONCE_INIT;

/* its fastest level's working memory: the small one, the same bytes as
 * the default's four times larger at these chunks' size */
#define ISAL_BUF ISAL_DEF_LVL1_SMALL

/* ISA-L picks the code for this processor at its first call, into a
 * pointer of its own: made here, once, before any second thread could
 * make it at the same moment. 0 when that first deflate failed. */
static int isal_first_call(void)
{
	struct isal_zstream *z = malloc(sizeof(*z));
	unsigned char *buf = malloc(ISAL_BUF), out[64], in[1] = { 'x' };
	int ok = 0;

	if (z && buf) {
		isal.isal_deflate_init(z);
		z->level = 1;
		z->level_buf = buf;
		z->level_buf_size = ISAL_BUF;
		z->gzip_flag = IGZIP_DEFLATE;
		z->end_of_stream = 1;
		z->next_in = in;
		z->avail_in = sizeof(in);
		z->next_out = out;
		z->avail_out = sizeof(out);
		ok = isal.isal_deflate(z) == COMP_OK && z->internal_state.state == ZSTATE_END &&
		     isal.crc32_gzip_refl(0, in, sizeof(in)) == 0x8CDC1683u;   /* zlib's crc32 of "x" */
	}
	free(z);
	free(buf);
	return ok;
}

static void isal_find(void)
{
	void *h = dlopen(ANTT_ISAL_SONAME, RTLD_NOW | RTLD_LOCAL);
	int found = h != NULL;

#define ISAL_FIND(f) if (h && !(*(void **)&isal.f = dlsym(h, #f))) found = 0;
	ISAL_FUNCTIONS(ISAL_FIND)
	if (!found || !isal_first_call()) {   /* zlib, then */
		memset(&isal, 0, sizeof(isal));
		if (h)
			dlclose(h);
	}
}
#endif

const char *report_deflate_engine(void)
{
#ifdef ANTT_ISAL_SONAME
	pthread_once(&isal_once, isal_find);
	if (isal.isal_deflate)
		return "isa-l";
#endif
	return "zlib";
}

#define CHUNK (128 * 1024)
#define DICT (32 * 1024)
/* a chunk's deflated bytes at worst: zlib's deflateBound for a memory
 * level of 8 or more (report_deflate_open refuses less), with room for the
 * sync flush's marker, and more for ISA-L's stored blocks (131,093 bytes
 * seen for 128 KiB of noise); deflate_chunk checks it held */
#define OUT_CAP (CHUNK + (CHUNK >> 4) + 1024)
/* chunks in flight: one filled, one on each thread, one waiting its turn
 * to be written */
#define SLOTS 4

enum { SLOT_FREE, SLOT_FILLING, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct {
	unsigned char *in;    /* the dictionary (dict bytes), then len bytes of the part */
	unsigned char *out;
	size_t dict, len, out_len;
	unsigned long crc;    /* of the part's bytes of this chunk */
	unsigned long long seq;
	int state, last, ok;
} chunk;

struct report_deflate {
	int level, mem_level, strategy;
	int (*put)(void *ctx, const void *buf, size_t n);
	void *ctx;
	chunk c[SLOTS];
	chunk *filling;
	unsigned long long next_seq, write_seq;
	unsigned long long total;
	unsigned long crc;
	int use_isal;         /* ISA-L deflates the part, not zlib */
	struct engine *e;     /* the caller's thread's */
	int threads;          /* a second thread may be started */
	int threaded;         /* it was */
	int stop, failed;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* A thread's deflate: a zlib stream, or ISA-L's and its working memory. */
typedef struct engine {
	z_stream z;
#ifdef ANTT_ISAL_SONAME
	struct isal_zstream *is;
	unsigned char *is_buf;
#endif
} engine;

static void engine_free(engine *e)
{
	if (!e)
		return;
#ifdef ANTT_ISAL_SONAME
	if (e->is) {
		free(e->is);
		free(e->is_buf);
		free(e);
		return;
	}
#endif
	Z(deflateEnd)(&e->z);
	free(e);
}

/* NULL when there is no memory, or zlib refuses the stream. */
static engine *engine_new(const report_deflate *d)
{
	engine *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
#ifdef ANTT_ISAL_SONAME
	if (d->use_isal) {
		if (!(e->is = malloc(sizeof(*e->is))) || !(e->is_buf = malloc(ISAL_BUF))) {
			free(e->is);
			free(e);
			return NULL;
		}
		return e;
	}
#endif
	if (Z(deflateInit2_)(&e->z, d->level, Z_DEFLATED, -MAX_WBITS, d->mem_level, d->strategy, ZLIB_VERSION,
	                     (int)sizeof(z_stream)) != Z_OK) {
		free(e);
		return NULL;
	}
	return e;
}

#ifdef ANTT_ISAL_SONAME
/* c with ISA-L: a stream made anew, primed, flushed as zlib's would be. */
static void isal_chunk(engine *e, chunk *c)
{
	struct isal_zstream *z = e->is;
	int rc;

	isal.isal_deflate_init(z);
	z->level = 1;
	z->level_buf = e->is_buf;
	z->level_buf_size = ISAL_BUF;
	z->gzip_flag = IGZIP_DEFLATE;   /* raw, as the zip part is opened */
	rc = c->dict ? isal.isal_deflate_set_dict(z, c->in, (uint32_t)c->dict) : COMP_OK;
	z->flush = c->last ? NO_FLUSH : SYNC_FLUSH;
	z->end_of_stream = c->last;
	z->next_in = c->in + c->dict;
	z->avail_in = (uint32_t)c->len;
	z->next_out = c->out;
	z->avail_out = OUT_CAP;
	if (rc == COMP_OK)
		rc = isal.isal_deflate(z);
	c->out_len = OUT_CAP - z->avail_out;
	c->crc = isal.crc32_gzip_refl(0, c->in + c->dict, c->len);
	c->ok = rc == COMP_OK && z->avail_in == 0 && z->avail_out > 0 &&
	        z->internal_state.state == (c->last ? ZSTATE_END : ZSTATE_NEW_HDR);
}
#endif

/* Deflate c; c->ok says whether it went whole. */
static void deflate_chunk(const report_deflate *d, engine *e, chunk *c)
{
	z_stream *z = &e->z;
	int rc;

#ifdef ANTT_ISAL_SONAME
	if (d->use_isal) {
		isal_chunk(e, c);
		return;
	}
#else
	(void)d;
#endif
	rc = Z(deflateReset)(z);

	if (rc == Z_OK && c->dict)
		rc = Z(deflateSetDictionary)(z, c->in, (uInt)c->dict);
	z->next_in = c->in + c->dict;
	z->avail_in = (uInt)c->len;
	z->next_out = c->out;
	z->avail_out = OUT_CAP;
	if (rc == Z_OK)
		rc = Z(deflate)(z, c->last ? Z_FINISH : Z_SYNC_FLUSH);
	c->out_len = OUT_CAP - z->avail_out;
	c->crc = Z(crc32)(0L, c->in + c->dict, (uInt)c->len);
	/* a sync flush that filled the buffer may not have ended */
	c->ok = c->last ? rc == Z_STREAM_END : rc == Z_OK && z->avail_in == 0 && z->avail_out > 0;
}

/* The ready chunk that comes first, or NULL; under mu. */
static chunk *first_ready(report_deflate *d)
{
	chunk *best = NULL;

	for (int k = 0; k < SLOTS; k++)
		if (d->c[k].state == SLOT_READY && (!best || d->c[k].seq < best->seq))
			best = &d->c[k];
	return best;
}

static void *worker(void *arg)
{
	report_deflate *d = arg;
	engine *e;

	/* no stream here: the caller's thread deflates every chunk itself,
	 * never waiting, since none is ever taken (SLOT_BUSY) here */
	if (!(e = engine_new(d)))
		return NULL;
	pthread_mutex_lock(&d->mu);
	for (;;) {
		chunk *c = NULL;
		while (!d->stop && !(c = first_ready(d)))
			pthread_cond_wait(&d->cv, &d->mu);
		if (d->stop)
			break;
		c->state = SLOT_BUSY;
		pthread_mutex_unlock(&d->mu);
		deflate_chunk(d, e, c);
		pthread_mutex_lock(&d->mu);
		c->state = SLOT_DONE;
		pthread_cond_broadcast(&d->cv);
	}
	pthread_mutex_unlock(&d->mu);
	engine_free(e);
	return NULL;
}

report_deflate *report_deflate_open(int level, int mem_level, int strategy, int threads,
                                    int (*put)(void *ctx, const void *buf, size_t n), void *ctx)
{
	report_deflate *d = calloc(1, sizeof(*d));

	if (!d || mem_level < 8 || !zlib_find()) {
		free(d);
		return NULL;
	}
	d->level = level;
	d->mem_level = mem_level;
	d->strategy = strategy;
	d->put = put;
	d->ctx = ctx;
	d->use_isal = level == 1 && strategy == Z_DEFAULT_STRATEGY && !strcmp(report_deflate_engine(), "isa-l");
	if (!(d->e = engine_new(d)) || pthread_mutex_init(&d->mu, NULL) != 0) {
		engine_free(d->e);
		free(d);
		return NULL;
	}
	if (pthread_cond_init(&d->cv, NULL) != 0) {
		pthread_mutex_destroy(&d->mu);
		engine_free(d->e);
		free(d);
		return NULL;
	}
	d->threads = threads;
	return d;
}

/* Write the done chunks that come next, in order; under mu, which it
 * leaves while minizip writes. How many it wrote. */
static int write_done(report_deflate *d)
{
	int wrote = 0;

	for (int k = 0; k < SLOTS; k++) {
		chunk *c = &d->c[k];
		if (c->state != SLOT_DONE || c->seq != d->write_seq)
			continue;
		pthread_mutex_unlock(&d->mu);
		if (!c->ok || (!d->failed && d->put(d->ctx, c->out, c->out_len)))
			d->failed = 1;
		d->crc = Z(crc32_combine)(d->crc, c->crc, (z_off_t)c->len);
		pthread_mutex_lock(&d->mu);
		c->state = SLOT_FREE;
		d->write_seq++;
		wrote++;
		k = -1;   /* the next one may be in any slot */
	}
	return wrote;
}

/* One step towards a free slot or the end: write what is done, or else
 * deflate a ready chunk here, or else wait for the other thread's; under
 * mu. A chunk still being filled is never waited for: nothing would come. */
static void step(report_deflate *d)
{
	chunk *c;
	int busy = 0;

	if (write_done(d))
		return;
	if ((c = first_ready(d))) {
		c->state = SLOT_BUSY;
		pthread_mutex_unlock(&d->mu);
		deflate_chunk(d, d->e, c);
		pthread_mutex_lock(&d->mu);
		c->state = SLOT_DONE;
		write_done(d);
		return;
	}
	for (int k = 0; k < SLOTS; k++)
		busy |= d->c[k].state == SLOT_BUSY;
	if (busy)
		pthread_cond_wait(&d->cv, &d->mu);
}

/* A slot to fill, its buffers made; NULL when there is no memory. */
static chunk *free_slot(report_deflate *d)
{
	chunk *c = NULL;

	pthread_mutex_lock(&d->mu);
	while (!c) {
		for (int k = 0; k < SLOTS && !c; k++)
			if (d->c[k].state == SLOT_FREE)
				c = &d->c[k];
		if (!c)
			step(d);
	}
	c->state = SLOT_FILLING;
	pthread_mutex_unlock(&d->mu);
	if (!c->in && (!(c->in = malloc(DICT + CHUNK)) || !(c->out = malloc(OUT_CAP)))) {
		free(c->in);
		c->in = NULL;
		pthread_mutex_lock(&d->mu);
		c->state = SLOT_FREE;
		pthread_mutex_unlock(&d->mu);
		return NULL;
	}
	c->dict = c->len = 0;
	c->last = 0;
	c->seq = d->next_seq++;
	return c;
}

/* Hand the filled chunk on: to the other thread, started for the first
 * chunk that is not the part's last when threads are allowed. */
static void hand_on(report_deflate *d, chunk *c)
{
	if (d->threads && !d->threaded && !c->last && !(d->threaded = pthread_create(&d->th, NULL, worker, d) == 0))
		d->threads = 0;   /* none to be had: this thread alone, not asked again */
	pthread_mutex_lock(&d->mu);
	c->state = SLOT_READY;
	pthread_cond_broadcast(&d->cv);
	write_done(d);
	pthread_mutex_unlock(&d->mu);
}

int report_deflate_write(report_deflate *d, const void *buf, size_t n)
{
	const unsigned char *p = buf;

	if (d->failed)
		return -1;
	while (n) {
		size_t take;
		if (!d->filling && !(d->filling = free_slot(d)))
			return d->failed = -1;
		if (d->filling->len == CHUNK) {   /* full, and more comes: not the last */
			chunk *full = d->filling, *next = free_slot(d);
			if (!next)
				return d->failed = -1;
			memcpy(next->in, full->in + full->dict + CHUNK - DICT, DICT);
			next->dict = DICT;
			hand_on(d, full);
			d->filling = next;
		}
		take = CHUNK - d->filling->len;
		if (take > n)
			take = n;
		memcpy(d->filling->in + d->filling->dict + d->filling->len, p, take);
		d->filling->len += take;
		d->total += take;
		p += take;
		n -= take;
	}
	return d->failed ? -1 : 0;
}

int report_deflate_close(report_deflate *d, unsigned long long *total, unsigned long *crc)
{
	int failed;

	if (!d)
		return -1;
	if (!d->failed && !d->filling && !(d->filling = free_slot(d)))   /* an empty part: one empty final block */
		d->failed = 1;
	if (d->filling && d->failed) {   /* given up: its last chunk not deflated for nothing */
		pthread_mutex_lock(&d->mu);
		d->filling->state = SLOT_FREE;
		d->next_seq--;   /* the chunk being filled is always the latest */
		pthread_mutex_unlock(&d->mu);
		d->filling = NULL;
	}
	if (d->filling) {
		d->filling->last = 1;
		hand_on(d, d->filling);
		d->filling = NULL;
	}
	pthread_mutex_lock(&d->mu);
	while (d->write_seq < d->next_seq)
		step(d);
	d->stop = 1;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mu);
	if (d->threaded)
		pthread_join(d->th, NULL);
	failed = d->failed;
	if (total)
		*total = d->total;
	if (crc)
		*crc = d->crc;
	for (int k = 0; k < SLOTS; k++) {
		free(d->c[k].in);
		free(d->c[k].out);
	}
	engine_free(d->e);
	pthread_cond_destroy(&d->cv);
	pthread_mutex_destroy(&d->mu);
	free(d);
	return failed ? -1 : 0;
}
