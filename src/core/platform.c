/* Both sides of platform.h.  The only #ifdef _WIN32 of the sources. */
#include <stdio.h>
#include "platform.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#include <bcrypt.h>
#include <conio.h>
#include <shlobj.h>
#else
#include <fcntl.h>
#include <sys/random.h>
#include <termios.h>
#endif

int platform_random(void *buf, size_t n)
{
#ifdef _WIN32
	return BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0 ? 0 : -1;
#else
	for (size_t got = 0; got < n;) {
		ssize_t k = getrandom((char *)buf + got, n - got, 0);
		if (k < 0 && errno != EINTR)
			return -1;
		if (k > 0)
			got += (size_t)k;
	}
	return 0;
#endif
}

void platform_sync_dir(const char *dir)
{
#ifdef _WIN32
	(void)dir;
#else
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
#endif
}

#ifdef _WIN32
int platform_rename_new(const char *from, const char *to)
{
	DWORD e;

	/* the manifest's UTF-8 code page: the A call takes antt's paths */
	if (MoveFileExA(from, to, MOVEFILE_WRITE_THROUGH))
		return 0;
	e = GetLastError();
	errno = e == ERROR_ALREADY_EXISTS || e == ERROR_FILE_EXISTS ? EEXIST
	      : e == ERROR_ACCESS_DENIED || e == ERROR_SHARING_VIOLATION ? EACCES : ENOENT;
	/* a folder under the name is "access denied" to MoveFileEx: taken,
	 * as on Linux, so the screens go on to the next name */
	if (errno == EACCES && GetFileAttributesA(to) != INVALID_FILE_ATTRIBUTES)
		errno = EEXIST;
	return -1;
}
#else
/* The name claimed by an empty file of ours, then from renamed over it;
 * the claim goes again if the rename fails and it is still ours. */
static int rename_over_claim(const char *from, const char *to)
{
	struct stat mine, there;
	int fd, e;

	if (access(from, F_OK) != 0)
		return -1;
	if ((fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return -1;   /* EEXIST when taken */
	if (rename(from, to) != 0) {
		e = errno;
		if (fstat(fd, &mine) == 0 && stat(to, &there) == 0 && mine.st_dev == there.st_dev &&
		    mine.st_ino == there.st_ino)
			unlink(to);
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

int platform_rename_new(const char *from, const char *to)
{
	const char *way = getenv("ANTT_TEST_RENAME");

	if (!way || (strcmp(way, "link") && strcmp(way, "claim"))) {
		if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
			return -1;
	}
	if (!way || strcmp(way, "claim")) {
		if (link(from, to) == 0) {
			unlink(from);
			return 0;
		}
		/* no hard links here (FAT, exFAT): EPERM; else a real answer */
		if (errno != EPERM && errno != ENOSYS && errno != ENOTSUP && errno != EMLINK)
			return -1;
	}
	return rename_over_claim(from, to);
}
#endif

char *platform_data_dir(void)
{
	char path[4096];
#ifdef _WIN32
	const char *local = getenv("LOCALAPPDATA");

	snprintf(path, sizeof(path), "%s/antt", local && *local ? local : ".");
	for (char *p = path; *p; p++)
		if (*p == '\\')
			*p = '/';
#else
	const char *home = getenv("HOME"), *data = getenv("XDG_DATA_HOME");

	if (data && *data)
		snprintf(path, sizeof(path), "%s/antt", data);
	else
		snprintf(path, sizeof(path), "%s/.local/share/antt", home ? home : ".");
#endif
	for (char *p = path + 1; *p; p++)
		if (*p == '/' && p[-1] != ':') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	mkdir(path, 0700);
	return strdup(path);
}

int platform_documents_dir(char *buf, size_t n)
{
#ifdef _WIN32
	wchar_t w[MAX_PATH];
	const char *profile = getenv("USERPROFILE");

	if (SHGetFolderPathW(NULL, CSIDL_PERSONAL, NULL, SHGFP_TYPE_CURRENT, w) == S_OK &&
	    WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)n, NULL, NULL) > 0)
		return 0;
	return snprintf(buf, n, "%s", profile && *profile ? profile : ".") < (int)n ? 0 : -1;
#else
	const char *home = getenv("HOME");

	return snprintf(buf, n, "%s", home && *home ? home : ".") < (int)n ? 0 : -1;
#endif
}

#ifdef _WIN32
const char *platform_path_shown(const char *path, char *buf, size_t n)
{
	size_t k = 0;

	if (strlen(path) >= n)
		return path;
	for (const char *p = path; *p; p++) {
		int sep = *p == '/' || *p == '\\';
		/* a run of separators is one, but \\server\share keeps its two */
		if (sep && k > 1 && buf[k - 1] == '\\')
			continue;
		buf[k++] = sep ? '\\' : *p;
	}
	buf[k] = '\0';
	return buf;
}

/* the console itself (CONIN$/CONOUT$), not stdin/stdout, as /dev/tty */
int platform_ask(const char *prompt, char *buf, size_t n, int echo)
{
	HANDLE in = CreateFileA("CONIN$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
	                        NULL, OPEN_EXISTING, 0, NULL);
	HANDLE out = CreateFileA("CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
	                         NULL, OPEN_EXISTING, 0, NULL);
	DWORD mode = 0, k = 0;
	int ok = -1;

	if (in != INVALID_HANDLE_VALUE && out != INVALID_HANDLE_VALUE && GetConsoleMode(in, &mode) && n > 1) {
		WriteFile(out, prompt, (DWORD)strlen(prompt), &k, NULL);
		if (!echo)
			SetConsoleMode(in, mode & ~(DWORD)ENABLE_ECHO_INPUT);
		ok = ReadFile(in, buf, (DWORD)(n - 1), &k, NULL) && k > 0;
		buf[ok ? k : 0] = '\0';
		SetConsoleMode(in, mode);
		if (!echo)
			WriteFile(out, "\r\n", 2, &mode, NULL);
		buf[strcspn(buf, "\r\n")] = '\0';
	}
	if (in != INVALID_HANDLE_VALUE)
		CloseHandle(in);
	if (out != INVALID_HANDLE_VALUE)
		CloseHandle(out);
	return ok;
}

/* MinGW's stderr cannot be assigned: point descriptor 2 at NUL instead */
void *platform_stderr_off(void)
{
	int nul = _open("NUL", _O_WRONLY), saved;

	if (nul < 0)
		return NULL;
	fflush(stderr);
	saved = _dup(2);
	_dup2(nul, 2);
	_close(nul);
	return saved < 0 ? NULL : (void *)(intptr_t)(saved + 1);
}

void platform_stderr_on(void *saved)
{
	if (!saved)
		return;
	fflush(stderr);
	_dup2((int)(intptr_t)saved - 1, 2);
	_close((int)(intptr_t)saved - 1);
}

/* No fopencookie in msvcrt: descriptors 1 and 2 become pipes, and a
 * thread for each hands what comes through to the filter, which writes to
 * a copy of the original descriptor.  At exit the pipes are closed and the
 * threads drained, so nothing written is lost. */
struct relay {
	platform_write_fn w;
	platform_close_fn c;
	void *cookie;
	int from;
	HANDLE thread;
};
static struct relay relays[2];

static DWORD WINAPI relay_run(void *arg)
{
	struct relay *r = arg;
	char buf[4096];
	int n;

	while ((n = _read(r->from, buf, sizeof(buf))) > 0)
		if (r->w(r->cookie, buf, (size_t)n) < 0)
			break;
	r->c(r->cookie);
	_close(r->from);
	return 0;
}

static void relay_stop(void)
{
	fflush(stdout);
	fflush(stderr);
	_close(1);
	_close(2);
	for (int i = 0; i < 2; i++)
		if (relays[i].thread)
			WaitForSingleObject(relays[i].thread, 10000);
}

static int relay_start(struct relay *r, int fd, int *sink_fd)
{
	int p[2], saved;

	if (_pipe(p, 65536, _O_BINARY | _O_NOINHERIT) != 0)
		return -1;
	if ((saved = _dup(fd)) < 0) {
		_close(p[0]);
		_close(p[1]);
		return -1;
	}
	_setmode(saved, _O_BINARY);
	*sink_fd = saved;
	_dup2(p[1], fd);
	_close(p[1]);
	r->from = p[0];
	r->thread = CreateThread(NULL, 0, relay_run, r, 0, NULL);
	return r->thread ? 0 : -1;
}

int platform_filter_stdio(platform_write_fn w, platform_close_fn c, void *out, void *err,
                          int *out_fd, int *err_fd)
{
	relays[0] = (struct relay){ .w = w, .c = c, .cookie = out };
	relays[1] = (struct relay){ .w = w, .c = c, .cookie = err };
	fflush(stdout);
	fflush(stderr);
	if (relay_start(&relays[0], 1, out_fd) != 0)
		return 0;
	atexit(relay_stop);
	return relay_start(&relays[1], 2, err_fd) == 0;
}
#else
const char *platform_path_shown(const char *path, char *buf, size_t n)
{
	(void)buf, (void)n;
	return path;
}

int platform_ask(const char *prompt, char *buf, size_t n, int echo)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	int ok = 0;

	if (!tty)
		return -1;
	fprintf(tty, "%s", prompt);
	fflush(tty);
	if (echo)
		ok = fgets(buf, (int)n, tty) != NULL;
	else if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		ok = fgets(buf, (int)n, tty) != NULL;
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
		fprintf(tty, "\n");
	}
	fclose(tty);
	if (ok)
		buf[strcspn(buf, "\r\n")] = '\0';
	return ok;
}

/* glibc lets stderr be assigned; descriptor 2 is left alone, so a
 * sanitizer's report still gets through */
void *platform_stderr_off(void)
{
	FILE *saved = stderr, *null = fopen("/dev/null", "we");

	if (!null)
		return NULL;
	fflush(stderr);
	stderr = null;
	return saved;
}

void platform_stderr_on(void *saved)
{
	if (!saved)
		return;
	fclose(stderr);
	stderr = saved;
}

/* glibc's exit flushes the streams but closes none: what a filter holds
 * at the end (a letter begun, output.c) is given it to finish here, as
 * the relay threads do at exit on Windows */
static platform_close_fn end_fn;
static void *end_cookies[2];

static void filters_end(void)
{
	fflush(stdout);
	fflush(stderr);
	for (int i = 0; i < 2; i++)
		if (end_cookies[i])
			end_fn(end_cookies[i]);
}

static FILE *cookie(platform_write_fn w, platform_close_fn c, void *cookie, int mode)
{
	cookie_io_functions_t io = { .write = w, .close = c };
	FILE *f = fopencookie(cookie, "w", io);

	if (f)
		setvbuf(f, NULL, mode, BUFSIZ);
	return f;
}

int platform_filter_stdio(platform_write_fn w, platform_close_fn c, void *out, void *err,
                          int *out_fd, int *err_fd)
{
	FILE *o = cookie(w, c, out, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	FILE *e = cookie(w, c, err, _IONBF);

	(void)out_fd, (void)err_fd;
	fflush(stdout);
	fflush(stderr);
	if (o)
		stdout = o;
	if (e)
		stderr = e;
	end_fn = c;
	end_cookies[0] = o ? out : NULL;
	end_cookies[1] = e ? err : NULL;
	atexit(filters_end);
	return o && e;
}
#endif
