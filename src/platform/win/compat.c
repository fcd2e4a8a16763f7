/* Windows implementations of the POSIX calls named in compat.h. */
#include "compat.h"

#include <direct.h>
#include <io.h>
#include <fcntl.h>
#include <windows.h>
#include <bcrypt.h>
#include <ctype.h>

int compat_rename(const char *from, const char *to)
{
	if (MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
		return 0;
	errno = GetLastError() == ERROR_ACCESS_DENIED || GetLastError() == ERROR_SHARING_VIOLATION
		? EACCES : ENOENT;
	return -1;
}

#undef fopen
FILE *compat_fopen(const char *path, const char *mode)
{
	char m[16];
	size_t k = 0;

	for (; *mode && k < sizeof(m) - 1; mode++)
		if (*mode != 'e')
			m[k++] = *mode;
	m[k] = '\0';
	if (!strcmp(path, "/dev/null"))
		path = "NUL";
	return fopen(path, m);
}

int compat_mkdir(const char *path)
{
	return _mkdir(path);
}

int compat_fsync(int fd)
{
	return _commit(fd);
}

void compat_explicit_bzero(void *p, size_t n)
{
	SecureZeroMemory(p, n);
}

static const char *digits(const char *s, int n, int *out)
{
	int v = 0, k = 0;

	while (k < n && isdigit((unsigned char)s[k]))
		v = v * 10 + (s[k++] - '0');
	if (k == 0)
		return NULL;
	*out = v;
	return s + k;
}

/* only what antt asks for: %Y %m %d %H %M %S and literal characters */
char *compat_strptime(const char *s, const char *fmt, struct tm *tm)
{
	int v;

	for (; *fmt && s; fmt++) {
		if (*fmt != '%') {
			if (*s++ != *fmt)
				return NULL;
			continue;
		}
		switch (*++fmt) {
		case 'Y': if ((s = digits(s, 4, &v))) tm->tm_year = v - 1900; break;
		case 'm': if ((s = digits(s, 2, &v))) tm->tm_mon = v - 1; break;
		case 'd': if ((s = digits(s, 2, &v))) tm->tm_mday = v; break;
		case 'H': if ((s = digits(s, 2, &v))) tm->tm_hour = v; break;
		case 'M': if ((s = digits(s, 2, &v))) tm->tm_min = v; break;
		case 'S': if ((s = digits(s, 2, &v))) tm->tm_sec = v; break;
		default: return NULL;
		}
	}
	return (char *)s;
}

char *compat_strndup(const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	char *d = malloc(l + 1);

	if (d) {
		memcpy(d, s, l);
		d[l] = '\0';
	}
	return d;
}

ssize_t compat_readlink(const char *path, char *buf, size_t n)
{
	DWORD k;

	if (strcmp(path, "/proc/self/exe") != 0) {
		errno = EINVAL;
		return -1;
	}
	k = GetModuleFileNameA(NULL, buf, (DWORD)n);
	if (k == 0 || k >= n)
		return -1;
	for (DWORD i = 0; i < k; i++)
		if (buf[i] == '\\')
			buf[i] = '/';
	return (ssize_t)k;
}

#undef access
int compat_access(const char *path, int mode)
{
	DWORD at = GetFileAttributesA(path);
	HANDLE h;

	if (at == INVALID_FILE_ATTRIBUTES) {
		errno = ENOENT;
		return -1;
	}
	if (!(mode & 2)) /* W_OK */
		return _access(path, mode & ~2);
	if (at & FILE_ATTRIBUTE_DIRECTORY) {
		char probe[MAX_PATH + 64];
		snprintf(probe, sizeof(probe), "%s/.antt-probe-%lu", path, (unsigned long)GetCurrentProcessId());
		h = CreateFileA(probe, GENERIC_WRITE, 0, NULL, CREATE_NEW,
		                FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
	} else
		h = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
		                NULL, OPEN_EXISTING, 0, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		errno = EACCES;
		return -1;
	}
	CloseHandle(h);
	return 0;
}

int compat_kill(int pid, int sig)
{
	HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
	DWORD code = 0;
	int alive;

	(void)sig;
	if (!h) {
		errno = GetLastError() == ERROR_ACCESS_DENIED ? EPERM : ESRCH;
		return -1;
	}
	alive = GetExitCodeProcess(h, &code) && code == STILL_ACTIVE;
	CloseHandle(h);
	if (alive)
		return 0;
	errno = ESRCH;
	return -1;
}

int compat_fcntl(int fd, int cmd, struct flock *fl)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	OVERLAPPED ov = { 0 };

	if (cmd != F_SETLK || h == INVALID_HANDLE_VALUE) {
		errno = EINVAL;
		return -1;
	}
	ov.Offset = (DWORD)fl->l_start;
	ov.OffsetHigh = (DWORD)(fl->l_start >> 32);
	if (fl->l_type == F_UNLCK)
		return UnlockFileEx(h, 0, (DWORD)fl->l_len, 0, &ov) ? 0 : -1;
	if (LockFileEx(h, LOCKFILE_FAIL_IMMEDIATELY | (fl->l_type == F_WRLCK ? LOCKFILE_EXCLUSIVE_LOCK : 0),
	               0, (DWORD)fl->l_len, 0, &ov))
		return 0;
	errno = EAGAIN;
	return -1;
}

/* fnmatch for one component: * ? [set] [a-z] [!set] */
static int match(const char *p, size_t pn, const char *s)
{
	const char *pe = p + pn;

	for (; p < pe; p++, s++) {
		if (*p == '*') {
			for (;; s++) {
				if (match(p + 1, (size_t)(pe - p - 1), s))
					return 1;
				if (!*s)
					return 0;
			}
		}
		if (!*s)
			return 0;
		if (*p == '[') {
			const char *q = p + 1;
			int neg = *q == '!' || *q == '^', hit = 0;
			q += neg;
			for (; q < pe && (*q != ']' || q == p + 1 + neg); q++)
				if (q + 2 < pe && q[1] == '-' && q[2] != ']') {
					hit |= (unsigned char)*s >= (unsigned char)*q && (unsigned char)*s <= (unsigned char)q[2];
					q += 2;
				} else
					hit |= *s == *q;
			if (q >= pe || hit == neg)
				return 0;
			p = q;
		} else if (*p != '?' && *p != *s)
			return 0;
	}
	return !*s;
}

static int glob_add(glob_t *g, size_t *cap, const char *path)
{
	char *p;

	if (g->gl_pathc + 2 > *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		char **v = realloc(g->gl_pathv, c * sizeof(*v));
		if (!v)
			return -1;
		g->gl_pathv = v;
		*cap = c;
	}
	if (!(p = strdup(path)))
		return -1;
	g->gl_pathv[g->gl_pathc++] = p;
	g->gl_pathv[g->gl_pathc] = NULL;
	return 0;
}

/* prefix (ending in a separator, or empty) + the rest of the pattern,
 * one path component at a time; wildcards in any component */
static int glob_walk(const char *prefix, const char *rest, glob_t *g, size_t *cap)
{
	size_t cl = strcspn(rest, "/\\"), pl = strlen(prefix);
	int last = rest[cl] == '\0', rc = 0;
	char *path = malloc(pl + MAX_PATH + cl + 2);
	WIN32_FIND_DATAA fd;
	HANDLE h;

	if (!path)
		return -1;
	memcpy(path, prefix, pl);
	memcpy(path + pl, rest, cl);
	path[pl + cl] = '\0';
	if (strcspn(path + pl, "*?[") == cl) { /* no wildcard here */
		DWORD at = GetFileAttributesA(path);
		if (at != INVALID_FILE_ATTRIBUTES && (last || (at & FILE_ATTRIBUTE_DIRECTORY))) {
			if (last)
				rc = glob_add(g, cap, path);
			else {
				path[pl + cl] = '/';
				path[pl + cl + 1] = '\0';
				rc = glob_walk(path, rest + cl + 1, g, cap);
			}
		}
		free(path);
		return rc;
	}
	/* every name, matched here: FindFirstFile knows no [...] and its
	 * "*.db" also matches 8.3 short names */
	memcpy(path + pl, "*", 2);
	h = FindFirstFileA(path, &fd);
	if (h == INVALID_HANDLE_VALUE) {
		free(path);
		return 0;
	}
	do {
		if ((fd.cFileName[0] == '.' && rest[0] != '.') || !match(rest, cl, fd.cFileName))
			continue;
		if (!last && !(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
			continue;
		snprintf(path + pl, MAX_PATH + cl + 2, "%s%s", fd.cFileName, last ? "" : "/");
		rc = last ? glob_add(g, cap, path) : glob_walk(path, rest + cl + 1, g, cap);
	} while (rc == 0 && FindNextFileA(h, &fd));
	FindClose(h);
	free(path);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int compat_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g)
{
	char root[4] = "";
	size_t cap = 0;

	(void)flags;
	(void)errfunc;
	g->gl_pathc = 0;
	g->gl_pathv = NULL;
	g->gl_offs = 0;
	if (*pattern == '/' || *pattern == '\\') { /* from the root */
		root[0] = '/';
		pattern++;
	}
	if (glob_walk(root, pattern, g, &cap) != 0) {
		compat_globfree(g);
		return GLOB_NOSPACE;
	}
	if (!g->gl_pathc)
		return GLOB_NOMATCH;
	qsort(g->gl_pathv, g->gl_pathc, sizeof(char *), by_name);
	return 0;
}

void compat_globfree(glob_t *g)
{
	for (size_t i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[i]);
	free(g->gl_pathv);
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}

struct passwd *compat_getpwuid(int uid)
{
	static struct passwd pw;
	static char name[256];
	DWORD n = sizeof(name);

	(void)uid;
	if (!GetUserNameA(name, &n))
		snprintf(name, sizeof(name), "%s", getenv("USERNAME") ? getenv("USERNAME") : "?");
	pw.pw_name = name;
	pw.pw_dir = getenv("USERPROFILE");
	return &pw;
}

int compat_statvfs(const char *path, struct statvfs *sv)
{
	ULARGE_INTEGER avail, total, free_;

	if (!GetDiskFreeSpaceExA(path, &avail, &total, &free_))
		return -1;
	sv->f_bavail = avail.QuadPart;
	sv->f_blocks = total.QuadPart;
	sv->f_frsize = sv->f_bsize = 1;
	return 0;
}

ssize_t compat_getrandom(void *buf, size_t n, unsigned flags)
{
	(void)flags;
	if (BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

/* msvcrt reads TZ only as "ICT-7" (a name of three letters or more, then
 * the hours west of UTC); anything else, such as "Asia/Ho_Chi_Minh" from an
 * MSYS shell or wine, it takes as UTC.  Such a TZ is dropped so that the
 * time zone set in Windows applies. */
static int tz_is_msvcrt(const char *tz)
{
	size_t i = 0;

	while (isalpha((unsigned char)tz[i]))
		i++;
	if (i < 3)
		return 0;
	if (tz[i] == '+' || tz[i] == '-')
		i++;
	return isdigit((unsigned char)tz[i]);
}

/* Before main: files and the standard streams in binary mode, as on Linux
 * (no CRLF in reports, CSV or output piped to another program), the
 * console told that antt writes UTF-8, and a TZ msvcrt cannot read
 * dropped. */
__attribute__((constructor)) static void compat_start(void)
{
	const char *tz = getenv("TZ");

	if (tz && *tz && !tz_is_msvcrt(tz))
		_putenv("TZ=");
	_fmode = _O_BINARY;
	_setmode(0, _O_BINARY);
	_setmode(1, _O_BINARY);
	_setmode(2, _O_BINARY);
	SetConsoleOutputCP(CP_UTF8);
	SetConsoleCP(CP_UTF8);
}
