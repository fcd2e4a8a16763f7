/* Reading a whole file, with the officer-facing message when it fails;
 * copying one, synced. */
#include "file.h"
#include "platform.h"

#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *why(int e)
{
	switch (e) {
	case ENOENT: return "không có tệp này";
	case EACCES: return "không có quyền đọc";
	case EISDIR: return "đây là một thư mục, không phải tệp";
	default:     return "không mở được";
	}
}

antt_status file_read_all(const char *path, char **buf, size_t *len, antt_err *err)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 0, n;
	antt_status st = ANTT_OK;

	*buf = NULL;
	*len = 0;
	if (!fp)
		return err_set(err, ANTT_ERR_IO, "%s: %s. Kiểm tra tên và đường dẫn.", path, why(errno));
	do {
		if (*len + 4096 > cap) {
			char *nb = realloc(*buf, cap = cap ? cap * 2 : 65536);
			if (!nb) {
				st = err_set(err, ANTT_ERR_NOMEM, "%s: hết bộ nhớ khi đọc tệp", path);
				goto out;
			}
			*buf = nb;
		}
		n = fread(*buf + *len, 1, cap - *len - 1, fp);
		*len += n;
	} while (n > 0);
	if (ferror(fp))
		st = err_set(err, ANTT_ERR_IO, "%s: %s", path, errno == EISDIR ? why(EISDIR) : "lỗi khi đọc tệp");
	else
		(*buf)[*len] = '\0';
out:
	fclose(fp);
	if (st != ANTT_OK) {
		free(*buf);
		*buf = NULL;
		*len = 0;
	}
	return st;
}

void file_remove_stale(const char *dir, const char *prefix, const char *suffix, long min_age)
{
	size_t pl = strlen(prefix), dl = strlen(dir);
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;
	time_t now = time(NULL);

	if (!d)
		return;
	while ((e = readdir(d))) {
		const char *p = e->d_name + pl;
		char *end, *path;
		long pid;

		if (strncmp(e->d_name, prefix, pl) != 0 || *p < '1' || *p > '9')
			continue;
		pid = strtol(p, &end, 10);
		if (*end == '-')   /* a random part after the pid */
			for (end++; isxdigit((unsigned char)*end); end++)
				;
		/* the suffix, or the suffix and more (a journal, -wal beside it) */
		if (strncmp(end, suffix, strlen(suffix)) != 0 || pid <= 0 || pid != (pid_t)pid)
			continue;
		/* EPERM: alive, though another user's */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if (!(path = malloc(dl + strlen(e->d_name) + 2)))
			break;
		sprintf(path, "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (min_age <= 0 || now - sb.st_mtime >= min_age))
			unlink(path);
		free(path);
	}
	closedir(d);
}

int file_is_database_own(const char *db_path, const char *path)
{
	static const char *const ends[] = { "", "-wal", "-shm", "-journal" };
	size_t n = db_path ? strlen(db_path) + sizeof("-journal") : 0;
	char *name = n ? malloc(n) : NULL;
	struct stat st, cs;
	int have = stat(path, &st) == 0 && st.st_ino, yes = 0;

	if (n && !name)
		return -1;
	for (size_t i = 0; name && !yes && i < sizeof(ends) / sizeof(*ends); i++) {
		snprintf(name, n, "%s%s", db_path, ends[i]);
		yes = !strcmp(name, path) ||
		      (have && stat(name, &cs) == 0 && cs.st_dev == st.st_dev && cs.st_ino == st.st_ino);
	}
	free(name);
	return yes;
}

int file_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int file_is_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

antt_status file_copy(const char *from, const char *to, antt_err *err)
{
	FILE *in = fopen(from, "rb"), *out = NULL;
	char buf[65536];
	size_t n;
	int werr = 0;
	antt_status st = ANTT_OK;

	if (!in)
		return err_set(err, ANTT_ERR_IO, "%s: %s. Kiểm tra tên và đường dẫn.", from, why(errno));
	if (!(out = fopen(to, "wb"))) {
		st = err_set(err, ANTT_ERR_IO, "%s: không tạo được tệp", to);
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			werr = errno;
			break;
		}
	if (ferror(in))
		st = err_set(err, ANTT_ERR_IO, "%s: lỗi khi đọc tệp", from);
	else if (werr || fflush(out) != 0 || fsync(fileno(out)) != 0)
		st = err_set(err, (werr ? werr : errno) == ENOSPC ? ANTT_ERR_DB_FULL : ANTT_ERR_IO,
			"%s: không ghi xong tệp (ổ đĩa đầy hoặc lỗi ghi)", to);
out:
	fclose(in);
	if (out && fclose(out) != 0 && st == ANTT_OK)
		st = err_set(err, ANTT_ERR_IO, "%s: không ghi xong tệp (ổ đĩa đầy hoặc lỗi ghi)", to);
	if (st != ANTT_OK && out)
		unlink(to);
	return st;
}
