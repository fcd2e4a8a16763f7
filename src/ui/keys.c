/* The key table and its lookup. */
#include <curses.h>
#include "keys.h"

const ui_key ui_keys[] = {
#define X(a, sc, k1, k2, label, help, bar) { a, sc, k1, k2, label, help, bar },
	UI_KEYS(X)
#undef X
};
const int ui_key_count = sizeof(ui_keys) / sizeof(*ui_keys);

ui_action ui_key_action(int screen, int is_code, wint_t ch)
{
	int k = is_code ? KC((int)ch) : (int)ch;

	if (!is_code && ch == '\r')
		k = '\n';
	for (int i = 0; i < ui_key_count; i++)
		if ((ui_keys[i].screens & screen) && (ui_keys[i].key == k || ui_keys[i].key2 == k))
			return ui_keys[i].action;
	return ACT_NONE;
}
