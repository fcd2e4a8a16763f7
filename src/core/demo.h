/* The demo: a realistic fictional district (about 20 communes, 150 khu dân
 * cư, 40 cơ quan, 15 doanh nghiệp, 35 cơ sở giáo dục, two years of answers
 * with some failures, exceptions and excluded units), or a province-size
 * database (3,000 units, 10 years) for the benchmarks. Deterministic. */
#ifndef ANTT_DEMO_H
#define ANTT_DEMO_H

#include "db.h"

/* Fill an empty database; refused with ANTT_ERR_EXISTS when it has units.
 * *units receives the number of units made. */
antt_status demo_build(antt_db *db, int province, int *units, antt_err *err);

/* The same with copies of it under the one root (copies >= 1; copy k's
 * codes start "Pkk-", its names end " (k)"), in the same transaction:
 * --scale 30 is 30 provinces for the benchmarks. *units counts them all. */
antt_status demo_build_scaled(antt_db *db, int province, int copies, int *units, antt_err *err);

/* Copies 2..copies of what the database holds (see demo_scale.c); inside
 * the caller's transaction. At most DEMO_COPIES_MAX (a copy's number is
 * written in four hex digits of its uuids). */
#define DEMO_COPIES_MAX 0xFFFF
antt_status demo_copies_tx(antt_db *db, int copies, antt_err *err);

#endif
