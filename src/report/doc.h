/* The recognition dossier printed from the data: blank checklists,
 * biên bản, tờ trình, quyết định, giấy công nhận and the movement's score
 * sheet, each an A4 workbook laid out by a file in forms/reports/ with the
 * report's Nghị định 30 head. Every document is written to a temporary
 * file and renamed, never replaces a file without force, and is the
 * same bytes for the same data and date. */
#ifndef ANTT_DOC_H
#define ANTT_DOC_H

#include "db.h"

typedef struct {
	const char *path;     /* the .xlsx to write (-o) */
	const char *unit;     /* a unit's code: its document, name and code filled in */
	const char *under;    /* a unit's code: one document for each unit under it (--under) */
	const char *type;     /* a unit type (code or name): a blank document for the type;
	                         with under: only the units of this type */
	int year;
	int force;            /* replace an existing file */
	int next_free;        /* never replace: a name taken by the time the file is done
	                         (even meanwhile) gives path's name with -2, -3 … (the screens) */
	char *landed;         /* NULL, or where the file went (landed_n bytes) */
	size_t landed_n;
	const char *date;     /* the printed date and the workbook's `created`:
	                         20/11/2024 or 2024-11-20; NULL: today */
	int blank;            /* leave the figures out even when the database has them */
	int self;             /* with under: the unit itself too (giấy công nhận from the screens) */
	const char *layout;   /* the layout file; NULL: the document's file in forms/reports/ */
} doc_opts;

typedef struct {
	long long units;      /* units given a document (0 for a blank one of a type) */
	int sheets;           /* sheets written */
} doc_info;

/* Phiếu đánh giá để trống (checklist): one sheet per unit (o->unit, or each
 * unit of o->under of a type that has a criteria set that year), or one for
 * o->type; the criteria in the screen's order. */
antt_status doc_checklist(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);
/* Biên bản họp đánh giá of o->unit for o->year, filled from its assessment. */
antt_status doc_minutes(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);
/* Phiếu chấm điểm phong trào (QĐ 510) of o->unit (filled unless o->blank),
 * or blank for o->type. */
antt_status doc_score_sheet(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);

/* (h-dossier2) Tờ trình đề nghị công nhận of o->under (or the office). */
antt_status doc_proposal(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);
/* (h-dossier2) Quyết định công nhận (dự thảo) and its annex. */
antt_status doc_decision(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);
/* (h-dossier2) Giấy công nhận, one landscape page per recognised unit. */
antt_status doc_certificate(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err);

#endif
