/* The settings antt reads, in one list: a key typed by a user is checked
 * against it, so a mistyped key is refused instead of being stored as a
 * new setting nothing ever reads. */
#ifndef ANTT_SETTING_H
#define ANTT_SETTING_H

#include "db.h"

/* ANTT_OK when key is one antt reads: a fixed name (office_name,
 * current_year...), target_<type> for a unit type that is assessed, or
 * class_min_<class> of the movement's score classes. Otherwise
 * ANTT_ERR_INVALID, the message naming every known key (how to type a
 * command is the caller's to add); a database error when the unit types
 * could not be read. */
antt_status setting_check(antt_db *db, const char *key, antt_err *err);

#endif
