/* The scriptable commands: `antt unit import`, `antt answer set`, ...
 * Each command is a function over its own argv; the table in commands.c
 * names them, and the help text comes from that table. */
#ifndef ANTT_CLI_H
#define ANTT_CLI_H

#include "db.h"

typedef struct {
	const char *db_path;   /* --db, $ANTT_DB, or the default */
	antt_db *db;           /* opened by cli_open() */
	int screens;           /* the application logs in on its own screen */
	char password[256];    /* the password the login was proven with (wiped at exit) */
} cli_ctx;

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef int (*cli_fn)(cli_ctx *ctx, int argc, char **argv);

typedef struct {
	const char *name;      /* "unit import" */
	cli_fn fn;
	const char *usage;     /* arguments */
	const char *help;      /* one line, Vietnamese */
	int creates;           /* may create the database */
	int writes;            /* changes data or the exchange state: needs a proven
	                          login when accounts are in use */
} cli_command;

/* Run the command line (argv after the global options). */
int cli_main(cli_ctx *ctx, int argc, char **argv);
void cli_usage(FILE *out);

/* Route stdout and stderr through a filter that shows control characters
 * as '?' (output.c): call before a command prints anything. */
void cli_safe_output(void);

/* The command line's words (cli_main's argv, kept, not copied), so that
 * cli_message shows them safely. */
void cli_typed(int argc, char **argv);
/* fputs(msg, out), but where msg quotes a typed word holding a control
 * character, that word written visibly ("X\x1b[2J\n…"): a code typed
 * with a terminal escape or a line break can neither drive the terminal
 * nor forge a line of antt's own; a typed word longer than 60 characters
 * is quoted cut, "AAAA…" (output.c). */
void cli_message(FILE *out, const char *msg);

/* Open ctx->db; prints the error and returns CLI_FAIL on failure. */
int cli_open(cli_ctx *ctx, int create);

/* What every start does after opening (cmd_backup.c): remove the leftovers
 * of killed runs, make the daily backup, and say so when the database is
 * damaged (it is then only read). */
void cli_startup_checks(cli_ctx *ctx);
/* A copy of at least this many bytes is said before it starts; *out gets
 * its size in words ("6,0 GB", "232 MB") and 1 is returned. */
#define CLI_COPY_SAID 50000000LL
int cli_copy_sized(long long bytes, char *out, size_t n);

/* Print "antt: <message>" for a failed call, then the command that goes on
 * from there when there is one; returns CLI_FAIL. cli_fail_at names the
 * unit and year in that command. */
int cli_fail(antt_status st, const antt_err *err);
int cli_fail_at(antt_status st, const antt_err *err, const char *code, int year);
/* A refused file: the heading of err, then every error in all (from an
 * import's _list call; it is cut into lines); cli_fail when all is NULL. */
int cli_fail_list(antt_status st, const antt_err *err, char *all);
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(ANTT_PRINTF, 2, 3)));

/* A year argument: NUM_YEAR_MIN..NUM_YEAR_MAX (num.h). */
int cli_year(const char *s, int *year);

/* In a getopt_long loop, after c = getopt_long(...): CLI_OK, c noted in
 * seen (n bytes, "" before the loop: room for one letter an option); or,
 * when an option with a value comes a second time, cmd's usage error
 * "tùy chọn "--year" ghi hai lần" and CLI_USAGE (options.c). */
struct option;
int cli_option_once(const char *cmd, const struct option *opts, int c, char *seen, size_t n);

int cmd_unit(cli_ctx *ctx, int argc, char **argv);
int cmd_forms_check(cli_ctx *ctx, int argc, char **argv);
int cmd_forms_reassess(cli_ctx *ctx, int argc, char **argv);
int cmd_answer_set(cli_ctx *ctx, int argc, char **argv);
int cmd_answer_import(cli_ctx *ctx, int argc, char **argv);
int cmd_register(cli_ctx *ctx, int argc, char **argv);
int cmd_assess_show(cli_ctx *ctx, int argc, char **argv);
int cmd_summary(cli_ctx *ctx, int argc, char **argv);
int cmd_demo(cli_ctx *ctx, int argc, char **argv);
int cmd_settings(cli_ctx *ctx, int argc, char **argv);
int cmd_report(cli_ctx *ctx, int argc, char **argv);
int cmd_print(cli_ctx *ctx, int argc, char **argv);
int cmd_workflow(cli_ctx *ctx, int argc, char **argv);
int cmd_recognise(cli_ctx *ctx, int argc, char **argv);
int cmd_audit(cli_ctx *ctx, int argc, char **argv);
int cmd_user(cli_ctx *ctx, int argc, char **argv);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_import(cli_ctx *ctx, int argc, char **argv);
int cmd_conflicts(cli_ctx *ctx, int argc, char **argv);
int cmd_key(cli_ctx *ctx, int argc, char **argv);
int cmd_trust(cli_ctx *ctx, int argc, char **argv);
int cmd_score(cli_ctx *ctx, int argc, char **argv);
int cmd_movement(cli_ctx *ctx, int argc, char **argv);
int cmd_candidates(cli_ctx *ctx, int argc, char **argv);
int cmd_backup(cli_ctx *ctx, int argc, char **argv);
int cmd_restore(cli_ctx *ctx, int argc, char **argv);

/* Read a secret from the terminal without echo; 0 when there is none. */
int cli_read_secret(const char *prompt, char *buf, size_t n);

#endif
