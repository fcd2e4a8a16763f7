/* One criterion's value as an officer types it and reads it (form_value.c).
 * Declared over struct form_item so that form.h can include this header
 * without a loop. */
#ifndef ANTT_FORM_VALUE_H
#define ANTT_FORM_VALUE_H

#include <stddef.h>
#include "status.h"
#include "rule.h"

struct form_item;

/* Parse what an officer typed for an item into a typed value, refusing
 * values of the wrong type or out of range with a message saying what is
 * expected. Text in *out (RV_TEXT) is a new string the caller frees. */
antt_status form_parse_value(const struct form_item *it, const char *text, rule_value *out, antt_err *err);

/* Write the value for display ("có", "không", "12", "97,5", ...). */
void form_format_value(const struct form_item *it, const rule_value *v, char *buf, size_t n);

/* What a count or a percentage needs to pass, in words ("cần ít nhất
 * 100 %"), when its rule is one comparison of the value with a number
 * ("value >= 100"); 0 (buf empty) for any other rule: the screen says
 * nothing rather than a formula. */
int form_rule_words(const struct form_item *it, char *buf, size_t n);

#endif
