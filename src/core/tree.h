/* The units screen's model: every unit in force in a year, in tree order,
 * with its status for that year, filters (type, status, a search without
 * accents) and the counts per type shown at the top. Loaded in one query;
 * filtering works on memory, so a keystroke costs no I/O. A row holds only
 * what the screen filters and moves on, in 32 bytes (tree_row), its code
 * and name's key in the view's own pool (a national tree is 90,000 units,
 * a unit_row 700 bytes); a name is read when shown (tree_name). */
#ifndef ANTT_TREE_H
#define ANTT_TREE_H

#include "count.h"
#include "db.h"
#include "unit.h"

#include <stdint.h>

typedef enum {
	STATUS_NONE,      /* chưa đánh giá */
	STATUS_DRAFT,     /* đang nhập */
	STATUS_PASS,      /* đạt */
	STATUS_FAIL,      /* chưa đạt */
	STATUS_EXCLUDED,  /* không thuộc diện */
	STATUS_NA,        /* a type the standard does not assess (huyện, tỉnh) */
	STATUS_COUNT
} unit_status;

const char *tree_status_name(unit_status s);

/* Where a unit's form is on its way to a leader's approval. */
typedef enum {
	FLOW_NONE,        /* no form, or registered with nothing typed */
	FLOW_DRAFT,       /* nháp */
	FLOW_SUBMITTED,   /* đã trình: waits for a leader */
	FLOW_RETURNED,    /* trả lại */
	FLOW_APPROVED,    /* đã duyệt */
	FLOW_COUNT
} tree_flow;

const char *tree_flow_name(tree_flow f);

/* The status filter: -1 (all), a unit_status, or TREE_BY_FLOW + a
 * tree_flow (the leader's view: đã trình, trả lại, đã duyệt). */
#define TREE_BY_FLOW 100

/* The filter after f, in the order the s key steps through: all, each
 * verdict, then đã trình, trả lại, đã duyệt, then all again. */
int tree_filter_next(int f);
/* "tất cả", a verdict's name or a workflow state's name. */
const char *tree_filter_name(int f);

/* A unit as the tree holds it: what the list filters and moves on, in 32
 * bytes (a national tree is 90,000 units). Its code is in the view's pool,
 * followed by its name's search key as numbers of words (tree_name_key,
 * tree_words.c); its name is not held
 * (a national tree's names are 3 MB): tree_name reads it when it is shown,
 * and name_width is its width on the screen, measured at the load. Its
 * type is t->types[type]; its parent t->rows[parent], TREE_TOP for a top
 * and for a unit the walk does not reach. */
typedef struct {
	sqlite3_int64 id;
	const char *code;
	uint32_t parent;
	uint32_t depth;            /* 0 for the top of the listing */
	uint16_t type;
	uint16_t name_width;       /* columns, as drawn (text_make_safe); UINT16_MAX at most */
	unsigned excluded : 1;
	unsigned managed_above : 1;   /* not in the commune's criterion 4 (unit_row's) */
	unsigned status : 3;       /* unit_status */
	unsigned flow : 3;         /* tree_flow */
	unsigned recognised : 1;   /* được công nhận that year: a decision in force */
	unsigned registered : 1;   /* has a form that year (any state) */
	unsigned verdict : 8;      /* its form's: 'p' đạt, 'f' chưa đạt, 'm' incomplete, 0 no form */
} tree_row;

#define TREE_TOP UINT32_MAX

/* A row's state in a year (the same fields as tree_row's), in two bytes:
 * the views keep other years' for every row. */
typedef struct {
	unsigned short status : 3, flow : 3, recognised : 1, registered : 1;
	unsigned short verdict : 8;
} tree_state;

/* The unit types; a row's type is an index of t->types. */
typedef struct {
	const char *type, *name;
	int sort, commune, assessed;
} tree_type;

/* A search's room: the longest line a screen's field takes (LINEEDIT_MAX,
 * 400 characters) in UTF-8, so no word typed is dropped. */
#define TREE_SEARCH_MAX 1604
/* Its key's room: text_key decomposes (NFD), at most tripling UTF-8 (UAX
 * #15: a Hangul syllable's 3 bytes are 2 or 3 letters of 3), and drops
 * marks, so a search that fits has a key that fits. */
#define TREE_SEARCH_KEY_MAX (3 * TREE_SEARCH_MAX)

struct tree_block;   /* the pool: blocks that never move (tree.c) */
struct tree_words;

typedef struct {
	char type[32];
	char name[64];
	int n[STATUS_COUNT];
	int total;
	int recognised;   /* được công nhận: what the counts line shows */
} tree_count;

typedef struct {
	int year;
	tree_row *rows;        /* as read from the database, in no order */
	size_t n_rows;
	uint32_t *order;       /* indices of rows in tree order (depth first, by code) */
	size_t n;              /* units in the tree */
	uint32_t *vis;         /* indices of the rows the filters let through, in tree order */
	size_t n_vis;
	tree_count *counts;    /* per assessed type, over all rows */
	size_t n_counts;
	char type[32];         /* filter: type code, "" for all */
	int status;            /* filter: see TREE_BY_FLOW; -1 for all */
	char search[TREE_SEARCH_KEY_MAX];   /* filter: search key, "" for none; every word
	                          must occur in a unit's code or name, in any order */
	unsigned char *hits;   /* per row, 1 when its key holds the search (tree_filter.c) */
	char typed[TREE_SEARCH_MAX];    /* the search as typed, what the screen shows and
	                          gives back to tree_filter ("" when no search) */
	struct tree_block *pool;
	struct tree_words *words;   /* the names' search keys' words, each once (tree_words.c) */
	struct tree_names *names;   /* the names read last (tree_name) */
	tree_type *types;
	size_t n_types;
	long long stamp;       /* what tree_changed compares with */
	long long dv;          /* other connections' commits then (PRAGMA data_version) */
	int fresh;             /* 1 when the rows were (re)loaded, 0 when tree_set_year kept them */
	int partial;           /* 1 for tree_preview's first rows: no counts, nothing else is there */
	/* the rows' states in two other years (Progress's year before, the
	 * year [ or ] left), newest first, while the database is as at
	 * other_stamp (-1: not kept) */
	tree_state *other[2];
	int other_year[2];
	long long other_stamp[2];
	struct tree_job *job;  /* another year's states being read ahead */
	/* the last tree_update, when it left the view current: the stamps
	 * it went from and to (0: none), the rows it changed and their
	 * states before (the walk up from a unit is at most 64 rows) */
	struct {
		long long from, to;
		size_t n;
		uint32_t rows[64];
		tree_state before[64];
	} last;
} tree_view;

antt_status tree_load(antt_db *db, int year, tree_view *t, antt_err *err);

/* Only the first max units of year's tree, in tree order, with their
 * states, as tree_load would give them (t->partial set, no counts): what
 * a first screen shows while the whole tree is read. A national tree
 * takes a few hundred milliseconds to load; these rows a few. */
antt_status tree_preview(antt_db *db, int year, size_t max, tree_view *t, antt_err *err);

/* 1 when the database may have changed since t was loaded (this
 * connection's writes, or another's commit): a reload is due. */
int tree_changed(antt_db *db, const tree_view *t);
/* The database's state now, as t->stamp holds it at the load. */
long long tree_stamp(antt_db *db);
void tree_free(tree_view *t);

/* Re-read the status of one unit and of the units above it (a commune's
 * verdict follows its units), after its checklist was edited: cheaper than
 * tree_load when going back to the list. When no other connection wrote
 * meanwhile, the view counts as current again (tree_changed), and so do
 * the states kept for other years: what this connection wrote since the
 * load must be that unit's form of t's year only. */
antt_status tree_update(antt_db *db, tree_view *t, const char *code, antt_err *err);

/* Apply filters (NULL type or search, status -1: no filter). The
 * arguments may be the view's own fields (t->type, t->typed); search is
 * kept as typed, for the screen, and as its key, to match on. */
void tree_filter(tree_view *t, const char *type, int status, const char *search);

/* The counting model's figures (count.h) from a loaded tree, for the
 * progress screen: per assessed type over the whole tree, in the types'
 * order (as count_by_type with no unit), and per commune in force, by
 * code, over the units below it (as count_by_commune), without going back
 * to the database: a commune's name is "" (the tree holds none; a screen
 * reads those it shows). A unit below a unit not in force that year is not
 * in the tree, nor in these figures. The caller frees *types and *communes. */
antt_status tree_tally(const tree_view *t, const tree_state *states, count_row **types, size_t *n_types,
                       count_commune **communes, size_t *n_communes);
/* states: NULL for the rows' own, else one per row (t->rows' order) of
 * another year, from tree_states. */

/* The same a piece at a time, for the screens to count between keys (a
 * national tree takes 5-10 ms in one go, a key typed meanwhile waiting):
 * a job for t and states as they are now, NULL out of memory; steps of
 * at most rows rows, each 1 while rows are left, 0 when all are counted,
 * -1 out of memory, -2 when t and states are no longer those the job
 * counts (its year or database state moved on, other states: drop the
 * job and start again); then the figures as tree_tally gives them
 * (ANTT_ERR_INVALID for a job not done or another tree's), the job let
 * go. Each call is given t and the states of the year as they are then
 * (tree_kept's pointer, good while t's state is). */
typedef struct tree_tally_job tree_tally_job;
tree_tally_job *tree_tally_start(const tree_view *t, const tree_state *states);
int tree_tally_step(tree_tally_job *j, const tree_view *t, const tree_state *states, size_t rows);
antt_status tree_tally_finish(tree_tally_job *j, const tree_view *t, const tree_state *states, count_row **types,
                              size_t *n_types, count_commune **communes, size_t *n_communes);
void tree_tally_drop(tree_tally_job *j);

/* The rows' states in another year, when the same units are in force then
 * as in t's year (units start or end rarely): only that year's forms are
 * read, from one index, and kept in t for a switch to that year. *states
 * (t->n_rows of them, caller frees) is NULL when the units differ: load a
 * tree for that year instead. */
antt_status tree_states(antt_db *db, tree_view *t, int year, tree_state **states, antt_err *err);

/* The states kept for year (one per row, t->rows' order) when they are
 * current, else NULL: good until the next call that changes t. */
const tree_state *tree_kept(antt_db *db, const tree_view *t, int year);

/* A step of reading year's states ahead, at most rows forms (a few
 * milliseconds' worth, between keys), kept in t when all are read, as
 * tree_states keeps them: 1 while there is more, 0 when they are kept, -1
 * when they cannot be (the units differ that year, the database changed
 * since the load, a failure: tree_states will say). */
int tree_states_ahead(antt_db *db, tree_view *t, int year, long rows);

/* Switch the view to another year, filters kept: the states only, when
 * the same units are in force and nothing changed since the load (those
 * kept for that year when there are, and the year left's kept instead),
 * else the whole tree again. */
antt_status tree_set_year(antt_db *db, tree_view *t, int year, antt_err *err);

/* A row's name's search key (unit.h's name_key), its words apart by one
 * space, into buf (n bytes): the length it has, n or more when it did not
 * fit (as snprintf). The row keeps its words' numbers (tree_words.c). */
size_t tree_name_key(const tree_view *t, const tree_row *r, char *buf, size_t n);

/* A row's type, and the code of the unit above it ("" at a top). */
const tree_type *tree_type_of(const tree_view *t, const tree_row *r);
const char *tree_parent_code(const tree_view *t, const tree_row *r);

/* A row's name, read from the database unless it is among the last names
 * read: good until TREE_NAMES other names are read (copy it to keep it).
 * "" when it cannot be read (tree_name_failed says why). */
#define TREE_NAMES 256
const char *tree_name(antt_db *db, const tree_view *t, const tree_row *r);
/* Why a name could not be read (the database locked, damaged, no memory)
 * since the last call, in err: for the screen to say once; ANTT_OK when
 * every name was read. */
antt_status tree_name_failed(const tree_view *t, antt_err *err);

/* Visible index of the unit with this code, or -1. */
long tree_find(const tree_view *t, const char *code);

/* The next visible unit after from that still needs assessing (chưa đánh
 * giá or đang nhập), wrapping round; -1 when there is none. */
long tree_next_pending(const tree_view *t, long from);

/* The next visible unit after from whose form waits for a leader (đã
 * trình), wrapping round; -1 when there is none. */
long tree_next_submitted(const tree_view *t, long from);

/* How many units in force sit below the unit with this code (all levels):
 * what moving or retiring it carries along. 0 when not found. */
size_t tree_below(const tree_view *t, const char *code);

#endif
