/* The workbook's file: a temporary file beside the one asked for, written
 * there and renamed over it only once libxlsxwriter has closed it whole
 * (the old file stays as it was on any failure), a name chosen by the
 * mode (replace, refuse, or the next free "-2", "-3" …), never over a
 * database, and what went wrong said in the user's words. */
#include "report_int.h"
#include "file.h"
#include "platform.h"

#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* a report's temporary file left longer than this is a killed one's */
#define REPORT_TMP_AGE 3600

/* What went wrong when the workbook was written, in the user's words
 * (libxlsxwriter's own texts are English). */
static const char *close_error_words(lxw_error e)
{
	switch (e) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return "hết bộ nhớ; hãy đóng bớt chương trình khác rồi làm lại";
	case LXW_ERROR_CREATING_XLSX_FILE:
		return "không tạo được tệp; kiểm tra thư mục có tồn tại và được phép ghi";
	case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE:
		return "không dùng được tệp tạm; kiểm tra chỗ trống trên đĩa và thư mục tạm (TMPDIR)";
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		return "ghi tệp bị gián đoạn, thường do đĩa đầy; kiểm tra chỗ trống trên đĩa";
	default:
		return "lỗi bên trong khi ghi tệp; hãy làm lại, nếu vẫn lỗi xin báo người quản trị";
	}
}

/* 1 when the file at path begins as an SQLite database does: the database
 * itself, a backup of it, a package. --force means "replace my old
 * report", never that: a report renamed over the database loses it all. */
static int is_database(const char *path)
{
	static const char magic[16] = "SQLite format 3";   /* with its NUL */
	char head[16];
	FILE *f = fopen(path, "rb");
	int yes = f && fread(head, 1, sizeof(head), f) == sizeof(head) && !memcmp(head, magic, sizeof(head));

	if (f)
		fclose(f);
	return yes;
}

/* The k-th name for path: path itself for 1, else its name with -k before
 * the extension (bien-ban-K1-2024-2.xlsx). 0, or -1 when it does not fit. */
static int nth_name(const char *path, int k, char *out, size_t n)
{
	const char *base = path, *dot;
	size_t stem;

	for (const char *p = path; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	dot = strrchr(base, '.');
	stem = dot && dot > base ? (size_t)(dot - path) : strlen(path);
	if (k == 1)
		return snprintf(out, n, "%s", path) < (int)n ? 0 : -1;
	return snprintf(out, n, "%.*s-%d%s", (int)stem, path, k, path + stem) < (int)n ? 0 : -1;
}

/* how many names BOOK_NEXT_FREE tries before it gives up */
#define BOOK_NAMES 999

antt_status report_target(const antt_db *db, const char *path, int mode, antt_err *err)
{
	struct stat st;
	int own = 0, force = mode == BOOK_REPLACE;
	char name[4096];

	if (!*path)
		return err_set(err, ANTT_ERR_INVALID, "tên tệp để ghi đang để trống: hãy ghi tên tệp, ví dụ bao-cao.xlsx");
	if (mode == BOOK_NEXT_FREE) {
		for (int k = 1; k <= BOOK_NAMES; k++) {
			if (nth_name(path, k, name, sizeof(name)) != 0)
				return err_set(err, ANTT_ERR_INVALID, "%s: đường dẫn quá dài, chưa ghi gì", path);
			if (stat(name, &st) != 0)
				return ANTT_OK;
		}
		return err_set(err, ANTT_ERR_EXISTS, "%s: đã có đủ %d tệp cùng tên (đến %s), chưa ghi gì; "
			"hãy dọn bớt", path, BOOK_NAMES, name);
	}
	if (stat(path, &st) != 0)
		return ANTT_OK;
	if (S_ISDIR(st.st_mode))
		return err_set(err, ANTT_ERR_EXISTS, "%s: đây là một thư mục, chưa ghi gì. "
			"Hãy ghi tên tệp, ví dụ %s/bao-cao.xlsx", path, path);
	if (db && (own = file_is_database_own(db->path, path)) < 0)
		return ANTT_ERR_NOMEM;
	if (is_database(path) || own > 0)
		return err_set(err, ANTT_ERR_EXISTS, "%s: đây là tệp cơ sở dữ liệu (hoặc bản sao lưu, gói dữ liệu) "
			"của antt, không ghi đè lên được; chưa ghi gì. Hãy chọn tên tệp khác, đuôi .xlsx", path);
	if (!force)
		return err_set(err, ANTT_ERR_EXISTS, "%s: tệp đã có, chưa ghi gì", path);
	return ANTT_OK;
}

antt_status report_book_open(writer *w, const char *path, const char *title, struct tm *tm, antt_err *err)
{
	lxw_workbook_options wopt = { 0 };
	lxw_doc_properties props = { 0 };
	char *copy;
	FILE *probe;
	antt_status s;

	if ((s = xlsx_load(err)) != ANTT_OK)   /* before any file is made */
		return s;
	if (!(copy = strdup(path)))
		return ANTT_ERR_NOMEM;
	{
		const char *out_dir = dirname(copy);   /* "." for a bare name */
		uint32_t rnd = 0;
		/* and those a killed report left there (kill -9, a power cut) go;
		 * in a folder shared by several machines, another's report in
		 * progress is younger than an hour, and its pid may be dead here,
		 * or the same as this one: hence the random part too */
		file_remove_stale(out_dir, ".antt-report-", ".xlsx.tmp", REPORT_TMP_AGE);
		platform_random(&rnd, sizeof(rnd));
		snprintf(w->tmp, sizeof(w->tmp), "%s/.antt-report-%ld-%08" PRIx32 ".xlsx.tmp", out_dir, (long)getpid(), rnd);
		snprintf(w->tmpdir, sizeof(w->tmpdir), "%s", out_dir);
	}
	free(copy);
	if (!(probe = fopen(w->tmp, "wb")))
		return err_set(err, ANTT_ERR_IO, "%s: không ghi được vào thư mục này (%s)",
			path, errno == ENOENT ? "thư mục không tồn tại" : errno == EACCES ? "không có quyền ghi" : "lỗi ghi");
	fclose(probe);

	/* libxlsxwriter's own temporary files in the folder just proved
	 * writable: by default they go where tmpfile() puts them, which on
	 * Windows (msvcrt) is the root of the drive, C:\ refusing non-admins */
	wopt.tmpdir = w->tmpdir;
	(void)report_zip_level();   /* the parts deflated fast: report_zip.c */
	/* libxlsxwriter prints its errors in English over the screen: silenced
	 * while it works, the error code is put into words below */
	w->quiet = platform_stderr_off();
	w->wb = workbook_new_opt(w->tmp, &wopt);
	if (!w->wb) {
		platform_stderr_on(w->quiet);
		unlink(w->tmp);
		return err_set(err, ANTT_ERR_IO, "%s: không tạo được tệp Excel", path);
	}
	/* fixed properties: the same data gives the same bytes */
	props.title = (char *)title;   /* only read */
	props.author = "antt";
	props.created = timegm(tm);
	workbook_set_properties(w->wb, &props);
	report_formats(w);
	return ANTT_OK;
}

/* The finished temporary file renamed to path by w->mode (report_int.h);
 * w->done says where it went. */
static antt_status book_name(writer *w, const char *path, antt_err *err)
{
	int taken = 0;   /* the names tried and found taken */

	if (w->mode == BOOK_REPLACE) {
		if (rename(w->tmp, path) != 0)
			return err_set(err, ANTT_ERR_IO, "%s: không đặt được tên tệp (%s)", path, "kiểm tra quyền ghi");
		snprintf(w->done, sizeof(w->done), "%s", path);
		return ANTT_OK;
	}
	for (int k = 1; k <= BOOK_NAMES; k++) {
		if (nth_name(path, k, w->done, sizeof(w->done)) != 0)
			break;
		if (platform_rename_new(w->tmp, w->done) == 0)
			return ANTT_OK;
		if (errno != EEXIST)
			break;
		taken = k;
		if (w->mode == BOOK_NEW) {
			w->done[0] = '\0';
			return err_set(err, ANTT_ERR_EXISTS, "%s: tệp đã có (vừa được tạo trong lúc đang ghi, có thể "
				"của người khác) và vẫn nguyên, chưa ghi gì", path);
		}
	}
	w->done[0] = '\0';
	if (taken == BOOK_NAMES)
		return err_set(err, ANTT_ERR_EXISTS, "%s: đã có đủ %d tệp cùng tên, chưa ghi gì; hãy dọn bớt", path, BOOK_NAMES);
	return err_set(err, ANTT_ERR_IO, "%s: không đặt được tên tệp (%s)", path, "kiểm tra quyền ghi");
}

antt_status report_book_close(writer *w, antt_status s, const char *path, antt_err *err)
{
	lxw_error xe;

	report_zip_packing(1);
	xe = workbook_close(w->wb);
	report_zip_packing(0);
	w->wb = NULL;
	for (size_t i = 0; i < w->n_bufs; i++)
		free(w->bufs[i]);
	free(w->bufs);
	w->bufs = NULL;
	w->n_bufs = 0;
	platform_stderr_on(w->quiet);
	if (s == ANTT_OK && xe != LXW_NO_ERROR)
		s = err_set(err, ANTT_ERR_IO, "%s: không ghi xong tệp Excel: %s. Tệp cũ (nếu có) vẫn nguyên.",
			path, close_error_words(xe));
	if (s == ANTT_OK)
		s = book_name(w, path, err);
	if (s != ANTT_OK)
		unlink(w->tmp);
	return s;
}
