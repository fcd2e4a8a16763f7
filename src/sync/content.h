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

/* An answer's history row, as its insert trigger writes it (db/014:
 * json_patch of the value with the exception and note when they are
 * there), which the import compares as text: the same keys in the same
 * order, written straight out, with no JSON parsed (json_patch parsed
 * three a row: 0.3 s of a province's import). tests/unit/test_sync.c
 * (answer_history_json_is_the_triggers) holds the two equal. */
#define ANSWER_AUDIT_JSON(criterion, value, exception, note) \
	"CASE WHEN " exception " AND " note " <> '' THEN json_object('criterion', " criterion ", 'value', " value \
	", 'exception', " exception ", 'note', " note ")" \
	" WHEN " exception " THEN json_object('criterion', " criterion ", 'value', " value ", 'exception', " exception ")" \
	" WHEN " note " <> '' THEN json_object('criterion', " criterion ", 'value', " value ", 'note', " note ")" \
	" ELSE json_object('criterion', " criterion ", 'value', " value ") END"

#endif
