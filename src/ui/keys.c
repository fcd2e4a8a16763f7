/* The key table and its lookup. */
#include <curses.h>
#include "keys.h"

const ui_key ui_keys[] = {
#define X(a, sc, k1, k2, label, help, bar) { a, sc, k1, k2, label, help, bar },
	UI_KEYS(X)
#undef X
};
const int ui_key_count = sizeof(ui_keys) / sizeof(*ui_keys);

/* At 80 columns a bar holds about six hints: the first ones are the
 * work of the screen, then moving on, then going back. Enter comes after
 * the letters in the checklist: it is pressed without being shown. */
static const struct { int screen; ui_action order[16]; } bar_orders[] = {   /* ends at ACT_NONE */
	{ SC_UNITS, { ACT_OPEN, ACT_SEARCH, ACT_NEXT, ACT_QUEUE, ACT_PROGRESS, ACT_REGISTERS, ACT_REPORT, ACT_QUIT } },
	{ SC_CHECK, { ACT_YES, ACT_NO, ACT_EXCEPTION, ACT_NOTE, ACT_NEXT, ACT_HISTORY, ACT_SUBMIT, ACT_ANSWER,
	              ACT_BACK, ACT_ALL_HOLD, ACT_SCORE } },
	{ SC_PROGRESS, { ACT_PACKAGES, ACT_REPORT, ACT_BACK, ACT_QUIT } },
	{ SC_SETTINGS, { ACT_EDIT, ACT_BACK, ACT_QUIT } },
	{ SC_SCORE, { ACT_SELF_SCORE, ACT_REVIEWER, ACT_BACK, ACT_QUIT } },
	{ SC_REGISTERS, { ACT_ADD_MODEL, ACT_ADD_ACTIVITY, ACT_ADD_COMMENDATION, ACT_IMPORT, ACT_BACK, ACT_QUIT } },
	{ SC_CONFLICTS, { ACT_KEEP_LOCAL, ACT_TAKE_INCOMING, ACT_BACK, ACT_QUIT } },
	{ SC_WELCOME, { ACT_WELCOME_IMPORT, ACT_WELCOME_DEMO, ACT_WELCOME_PACKAGE, ACT_QUIT } },
	{ SC_LOGIN, { ACT_LOGIN, ACT_QUIT } },
	{ SC_HISTORY, { ACT_BACK, ACT_QUIT } },
	{ SC_HELP, { ACT_BACK, ACT_QUIT } },
	{ SC_ERRORS, { ACT_BACK, ACT_QUIT } },
	{ SC_PRINT, { ACT_PRINT_DOC, ACT_BACK, ACT_QUIT } },
	{ SC_EXCHANGE, { ACT_EXCHANGE_DO, ACT_BACK, ACT_QUIT } },
};

const ui_action *ui_bar_order(int screen)
{
	for (size_t i = 0; i < sizeof(bar_orders) / sizeof(*bar_orders); i++)
		if (bar_orders[i].screen == screen)
			return bar_orders[i].order;
	return NULL;
}

ui_action ui_key_action(int screen, int is_code, wint_t ch)
{
	int k = is_code ? KC((int)ch) : (int)ch;

	if (!is_code && ch == '\r')
		k = '\n';
	/* Backspace as a character: ^H from a Windows console, ^? from a
	 * terminal whose terminfo says otherwise */
	if (!is_code && (ch == 8 || ch == 127))
		k = KC(KEY_BACKSPACE);
	for (int i = 0; i < ui_key_count; i++)
		if ((ui_keys[i].screens & screen) && (ui_keys[i].key == k || ui_keys[i].key2 == k))
			return ui_keys[i].action;
	return ACT_NONE;
}
