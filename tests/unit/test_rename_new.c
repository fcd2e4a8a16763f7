/* platform_rename_new: a finished file takes a name only while nobody has
 * it. A file already there (another officer's signed document on a shared
 * folder) keeps its bytes, the call says EEXIST and leaves the new file
 * where it was, for the caller to try the next name or remove. The same
 * through each fallback: a hard link (a file system without
 * RENAME_NOREPLACE), a claimed name (FAT and exFAT: no hard links). */
#include "testutil.h"
#include "platform.h"

#include <errno.h>
#include <sys/stat.h>

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int entries(void)
{
	char cmd[400];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", tu_dir);
	assert_non_null(p = popen(cmd, "r"));
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

/* way: "" the first choice (renameat2), or a fallback forced */
static void every_case(const char *way)
{
	char from[300], to[300];

	if (*way)
		setenv("ANTT_TEST_RENAME", way, 1);
	else
		unsetenv("ANTT_TEST_RENAME");
	tu_mkdir();
	snprintf(from, sizeof(from), "%s", tu_path(".tmp-new"));
	snprintf(to, sizeof(to), "%s", tu_path("bien-ban.xlsx"));

	/* T1: a free name is taken, the temporary name is gone */
	tu_write(from, "mới");
	assert_int_equal(platform_rename_new(from, to), 0);
	assert_string_equal(slurp(to), "mới");
	assert_null(slurp(from));
	assert_int_equal(entries(), 1);

	/* T2: a taken name is left byte for byte, the new file stays */
	tu_write(to, "đã ký");
	tu_write(from, "mới");
	errno = 0;
	assert_int_equal(platform_rename_new(from, to), -1);
	assert_int_equal(errno, EEXIST);
	assert_string_equal(slurp(to), "đã ký");
	assert_string_equal(slurp(from), "mới");
	assert_int_equal(entries(), 2);   /* no link or claim left behind */

	/* T3: a folder under the name is no more replaced than a file */
	assert_int_equal(mkdir(tu_path("thu-muc"), 0700), 0);
	errno = 0;
	assert_int_equal(platform_rename_new(from, tu_path("thu-muc")), -1);
	assert_int_equal(errno, EEXIST);
	assert_string_equal(slurp(from), "mới");

	/* T4: a missing file says so, and makes nothing */
	assert_int_equal(unlink(from), 0);
	errno = 0;
	assert_int_equal(platform_rename_new(from, tu_path("khac.xlsx")), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(slurp(tu_path("khac.xlsx")));
	tu_cleanup(NULL);
}

static void noreplace_rename(void **state)
{
	(void)state;
	every_case("");
}

static void through_a_hard_link(void **state)
{
	(void)state;
	every_case("link");
}

static void through_a_claimed_name(void **state)
{
	(void)state;
	every_case("claim");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(noreplace_rename),
		cmocka_unit_test(through_a_hard_link),
		cmocka_unit_test(through_a_claimed_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
