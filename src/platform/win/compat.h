/* POSIX names antt uses that MinGW (msvcrt) lacks or gets wrong, supplied
 * on Windows only: the Windows build passes `-include compat.h` and puts
 * include/ (glob.h, pwd.h, ... that just include this file) on the path, so
 * the sources keep their POSIX calls and carry no #ifdef _WIN32.  What is
 * more than a name (data folder, terminal prompt, stdio filtering) is in
 * src/core/platform.c instead. */
#ifndef ANTT_WIN_COMPAT_H
#define ANTT_WIN_COMPAT_H

#define __USE_MINGW_ANSI_STDIO 1
#define _POSIX_THREAD_SAFE_FUNCTIONS 200112L
#define ANTT_PRINTF gnu_printf

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <errno.h>
#include <sys/types.h>

/* mkdir(path, mode): Windows has no modes; the folder inherits its ACL */
int compat_mkdir(const char *path);
#define mkdir(p, ...) compat_mkdir(p)

/* rename over an existing file: MoveFileEx with REPLACE_EXISTING */
int compat_rename(const char *from, const char *to);
#define rename(a, b) compat_rename(a, b)

/* fopen: drops glibc's "e" (close-on-exec) and maps /dev/null to NUL */
FILE *compat_fopen(const char *path, const char *mode);
#define fopen(p, m) compat_fopen(p, m)

int compat_fsync(int fd);
#define fsync(fd) compat_fsync(fd)

#define timegm(tm) _mkgmtime(tm)

void compat_explicit_bzero(void *p, size_t n);
#define explicit_bzero(p, n) compat_explicit_bzero(p, n)

char *compat_strptime(const char *s, const char *fmt, struct tm *tm);
#define strptime(s, f, tm) compat_strptime(s, f, tm)

char *compat_strndup(const char *s, size_t n);
#define strndup(s, n) compat_strndup(s, n)

/* the executable's own path for "/proc/self/exe" (GetModuleFileName) */
ssize_t compat_readlink(const char *path, char *buf, size_t n);
#define readlink(p, b, n) compat_readlink(p, b, n)
#define realpath(p, r) _fullpath((r), (p), 0)

/* access(path, W_OK) by trying: msvcrt's only reads the read-only
 * attribute, which says nothing for a folder, an ACL or read-only media */
int compat_access(const char *path, int mode);
#define access(p, m) compat_access(p, m)

/* kill(pid, 0): whether a process lives; ESRCH if not */
int compat_kill(int pid, int sig);
#define kill(p, s) compat_kill(p, s)
#ifndef ESRCH
#define ESRCH 3
#endif

#define lstat(p, sb) stat(p, sb)
#ifndef S_ISLNK
#define S_ISLNK(m) 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC _O_NOINHERIT
#endif

/* fcntl(fd, F_SETLK, {F_WRLCK, start, len}): LockFileEx, as SQLite's own
 * Windows locks are, so the -shm test in backup.c means the same */
#define F_SETLK 6
#define F_WRLCK 1
#define F_RDLCK 0
#define F_UNLCK 2
struct flock {
	short l_type, l_whence;
	long long l_start, l_len;
	int l_pid;
};
int compat_fcntl(int fd, int cmd, struct flock *fl);
#define fcntl(fd, c, fl) compat_fcntl(fd, c, fl)

/* glob.h */
typedef struct {
	size_t gl_pathc;
	char **gl_pathv;
	size_t gl_offs;
} glob_t;
#define GLOB_NOSPACE 1
#define GLOB_ABORTED 2
#define GLOB_NOMATCH 3
int compat_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g);
void compat_globfree(glob_t *g);
#define glob(p, f, e, g) compat_glob(p, f, e, g)
#define globfree(g) compat_globfree(g)

/* pwd.h: the Windows account name */
struct passwd {
	char *pw_name;
	char *pw_dir;
};
struct passwd *compat_getpwuid(int uid);
#define getpwuid(u) compat_getpwuid(u)
#define getuid() 0

/* setlocale: see utf8.c (linked with --wrap=setlocale) */

/* langinfo.h */
#define CODESET 14
#define nl_langinfo(x) "UTF-8"

/* sys/statvfs.h */
struct statvfs {
	unsigned long long f_bavail, f_frsize, f_blocks, f_bsize;
};
int compat_statvfs(const char *path, struct statvfs *sv);
#define statvfs(p, s) compat_statvfs(p, s)

/* sys/random.h: BCryptGenRandom */
ssize_t compat_getrandom(void *buf, size_t n, unsigned flags);
#define getrandom(b, n, f) compat_getrandom(b, n, f)

#endif
