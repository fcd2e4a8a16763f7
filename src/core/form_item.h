/* One criterion of a criteria set as loaded (form.c) — the type alone, so
 * that form_value.c can read an item without including the loader. */
#ifndef ANTT_FORM_ITEM_H
#define ANTT_FORM_ITEM_H

#include <sqlite3.h>
#include <stddef.h>

typedef enum {
	FORM_YESNO,
	FORM_COUNT,
	FORM_PERCENT,
	FORM_CHOICE,
	FORM_TEXT,
	FORM_DATE,
} form_type;

typedef struct form_item {
	char *id;            /* "1", "3a", "3dd", "1.2" */
	char *label;
	char *article;       /* where it comes from, e.g. "Điều 4, khoản 3, điểm a" */
	char *note;          /* remarks for the maintainer (e.g. approximate) */
	char *cite;          /* "source:": the article and where its text was read */
	int reconstructed;   /* 1: not read in the text, rebuilt (see note) */
	int parent;          /* index of the enclosing criterion, -1 at the top */
	int leaf;            /* 1: answered or computed; 0: a group of items */
	form_type type;
	int exception;       /* the exception flag may be set */
	int required;
	char **options;      /* choices, for FORM_CHOICE */
	size_t n_options;
	char *holds;         /* the value "*" gives it, or NULL to leave it */
	char *rule;          /* the pass rule as written (default filled in) */
	sqlite3_stmt *rule_stmt;
	int computed;        /* 1: computed from the child units, not typed */
	char **of_types;     /* the child unit types it counts */
	size_t n_of_types;
	int line;
	int rule_line;        /* line of "pass" (the item's line for a default rule) */
} form_item;

#endif
