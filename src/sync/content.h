/* The content of a row as JSON, the same expression for the database and
 * for a package, so that "is it the same?" is a text comparison. And the
 * natural keys rows are matched on between machines. */
#ifndef ANTT_SYNC_CONTENT_H
#define ANTT_SYNC_CONTENT_H

/* unit: u (the row), p (parent), m (merged into) are table aliases with uuid */
/* 'managed' (managed_above) last: db/011 added it to the stored bases so */
#define UNIT_JSON(code, name, type, parent, from, to, excluded, merged, managed) \
	"json_object('code', " code ", 'name', " name ", 'type', " type ", 'parent', " parent \
	", 'from', " from ", 'to', " to ", 'excluded', " excluded ", 'merged', " merged ", 'managed', " managed ")"
#define ASSESSMENT_JSON(status, set, reason) \
	"json_object('status', " status ", 'set', " set ", 'reason', " reason ")"
#define ANSWER_JSON(value, exception, note) \
	"json_object('value', " value ", 'exception', " exception ", 'note', " note ")"

#endif
