/* What differs between Linux and Windows beyond a function's name: where
 * the data lives, asking on the terminal without echo, the stdio streams,
 * random bytes.  One file, platform.c, holds both sides; the plain POSIX
 * names MinGW lacks come from src/platform/win/compat.h instead. */
#ifndef ANTT_PLATFORM_H
#define ANTT_PLATFORM_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* n random bytes from the system (getrandom, BCryptGenRandom); 0 on success */
int platform_random(void *buf, size_t n);

/* Syncs the folder dir's entries (a file renamed into it survives a power
 * cut); nothing on Windows, where a rename is written through. */
void platform_sync_dir(const char *dir);

/* Renames from to to only while no file (or folder) is named to: 0 when
 * done; -1 with errno EEXIST when the name is taken, which is then left
 * byte for byte, and from too, for the caller to try another name or
 * remove.  For a file promised new (rename() replaces silently: another
 * officer's signed document on a shared folder).  Linux: renameat2 with
 * RENAME_NOREPLACE; where the file system refuses that flag, link() then
 * unlink(); where it has no hard links either (FAT, exFAT on a USB stick),
 * the name is claimed by an empty file made with O_EXCL and from renamed
 * over that claim (only a program that replaces blindly could slip in
 * between; antt no longer does).  NFS refuses the flag: the hard link
 * is checked by the server.  Windows: MoveFileEx without REPLACE_EXISTING, written
 * through.  ANTT_TEST_RENAME=link or claim starts at that fallback (the
 * tests: this machine's file systems all have the first). */
int platform_rename_new(const char *from, const char *to);

/* The folder for the default database, created if missing (malloc'd):
 * $XDG_DATA_HOME/antt or ~/.local/share/antt; %LOCALAPPDATA%\antt. */
char *platform_data_dir(void);

/* The folder a file the officer asked for goes to when no path was given
 * (the report, the printed checklists): $HOME; on Windows the Documents
 * folder (Tài liệu), else %USERPROFILE%; "." when there is none.  Written
 * into buf (n bytes); 0, or -1 when it does not fit. */
int platform_documents_dir(char *buf, size_t n);

/* Where that is, in words for help texts (creates nothing). */
#ifdef _WIN32
#define PLATFORM_DEFAULT_DB "%LOCALAPPDATA%\\antt\\antt.db"
#else
#define PLATFORM_DEFAULT_DB "~/.local/share/antt/antt.db"
#endif

/* The path as the system writes it, for messages: on Windows '\' between
 * folders and no doubled separators (D:\antt-backups\antt-….db, not
 * D:\/antt-backups/…); elsewhere path itself.  Uses buf (n bytes); when
 * the path does not fit there it is returned unchanged, never cut. */
const char *platform_path_shown(const char *path, char *buf, size_t n);

/* Prints prompt on the terminal (not stdout) and reads one line into buf,
 * without echo unless echo; the line break is dropped.  1 when a line was
 * read, 0 at end of input, -1 when there is no terminal (a script, CI). */
int platform_ask(const char *prompt, char *buf, size_t n, int echo);

/* Sends the C library's stderr nowhere until platform_stderr_on: for
 * libraries that print English over the screen (libxlsxwriter). */
void *platform_stderr_off(void);
void platform_stderr_on(void *saved);

/* Routes stdout and stderr through write(cookie, buf, n): fopencookie on
 * glibc; on Windows a pipe on descriptors 1 and 2 read by a thread, and
 * the cookies must then write to *out_fd and *err_fd (the console or file
 * the descriptors had).  0 when it could not: the streams are as they were. */
typedef ssize_t (*platform_write_fn)(void *cookie, const char *buf, size_t n);
typedef int (*platform_close_fn)(void *cookie);
int platform_filter_stdio(platform_write_fn w, platform_close_fn c, void *out, void *err,
                          int *out_fd, int *err_fd);

#endif
