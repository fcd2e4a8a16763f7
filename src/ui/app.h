/* The entry point of the screens, for main.c: no curses in this header. */
#ifndef ANTT_UI_APP_H
#define ANTT_UI_APP_H

#include "db.h"

/* Run the application on an open database. *db stays the caller's to
 * close; it may point to another database when the officer opens the demo.
 * Returns 0, or 1 when the screens could not start. */
int ui_run(antt_db **db, const char *db_path);

#endif
