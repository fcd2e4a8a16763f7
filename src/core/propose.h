/* The units a People's Committee recognises (TT 124/2021, Điều 10): those
 * below a level that no commune below it decides first. A commune decides
 * on its khu dân cư, cơ quan and schools; the level above the communes
 * (the office's top unit) on the communes and on the units no commune
 * holds. The tờ trình and the draft decision list them. */
#ifndef ANTT_PROPOSE_H
#define ANTT_PROPOSE_H

#include "db.h"
#include "unit.h"

typedef struct {
	const char *code, *name, *type, *type_name;
	const char *status;      /* workflow status, NULL: not registered that year */
	const char *verdict;     /* "pass", "fail", "missing", NULL when not registered */
	const char *regulation;  /* the regulation of its criteria set, "" when not registered */
	const char *decision;    /* "45/QĐ-UBND ngày 10/11/2024" when recognised, else NULL */
	const char *decision_date;   /* its date, "2024-11-10" (NULL with decision) */
	int held, total;         /* top-level criteria held and in its set (0, 0 when not registered) */
} propose_unit;

/* Units in force in year, assessed types, not excluded, that the level
 * `under` decides on (NULL: the office's top units), by type then code.
 * fn returns non-zero to stop. */
antt_status propose_units(antt_db *db, int year, const char *under,
                          int (*fn)(const propose_unit *u, void *ctx), void *ctx, antt_err *err);

/* The deciding level: the unit `under`, or (NULL) the office's top unit
 * when there is exactly one; *found 0 when there are several tops. */
antt_status propose_level(antt_db *db, const char *under, unit_row *out, int *found, antt_err *err);

/* A unit's name as said after a word ("Ủy ban nhân dân xã Hòa Bình"): its
 * type name at the front in lower case ("Xã Hòa Bình" -> "xã Hòa Bình");
 * *bare: the name without it ("Hòa Bình"), for the place line. */
void propose_words(const unit_row *u, char *words, size_t n, char *bare, size_t bn);

#endif
