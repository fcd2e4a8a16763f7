/* Options typed twice: "--year 2024 … --year 2025" let the last one win
 * silently, so a report or a document was made for a year nobody meant.
 * Each command's getopt loop asks here and refuses the second. */
#include <stdio.h>
#include "cli.h"

#include <getopt.h>
#include <string.h>

int cli_option_once(const char *cmd, const struct option *opts, int c, char *seen, size_t n)
{
	size_t used = strlen(seen), i = 0;

	if (c == '?' || c == ':')
		return CLI_OK;   /* getopt's own refusal: the command says it */
	while (opts[i].name && opts[i].val != c)
		i++;
	if (opts[i].name && opts[i].has_arg == no_argument)
		return CLI_OK;   /* a flag said twice still means the same */
	if (strchr(seen, c))
		return cli_usage_error(cmd, "tùy chọn \"--%s\" ghi hai lần: chỉ ghi một lần", opts[i].name ? opts[i].name : "?");
	if (used + 1 < n) {
		seen[used] = (char)c;
		seen[used + 1] = '\0';
	}
	return CLI_OK;
}
