/* One status enum for the whole project, with the message an officer reads.
 * Functions that can fail return an antt_status; the details (which file,
 * which line, what SQLite said) go into an antt_err the caller prints. */
#ifndef ANTT_STATUS_H
#define ANTT_STATUS_H

#include <stddef.h>

/* printf-like checks; the Windows build says gnu_printf (MinGW's ANSI stdio) */
#ifndef ANTT_PRINTF
#define ANTT_PRINTF printf
#endif

#define ANTT_STATUS_LIST(X) \
	X(ANTT_OK,              "thành công") \
	X(ANTT_ERR_NOMEM,       "hết bộ nhớ") \
	X(ANTT_ERR_IO,          "không đọc hoặc ghi được tệp") \
	X(ANTT_ERR_USAGE,       "lệnh gõ chưa đúng cú pháp") \
	X(ANTT_ERR_DB,          "lỗi cơ sở dữ liệu") \
	X(ANTT_ERR_DB_BUSY,     "cơ sở dữ liệu đang bị một chương trình khác khóa") \
	X(ANTT_ERR_DB_READONLY, "cơ sở dữ liệu chỉ đọc, không ghi được") \
	X(ANTT_ERR_DB_NEWER,    "cơ sở dữ liệu do phiên bản antt mới hơn tạo ra") \
	X(ANTT_ERR_DB_CORRUPT,  "tệp cơ sở dữ liệu bị hỏng hoặc không phải của antt") \
	X(ANTT_ERR_DB_FULL,     "ổ đĩa đầy, không ghi được") \
	X(ANTT_ERR_NOT_FOUND,   "không tìm thấy") \
	X(ANTT_ERR_EXISTS,      "đã tồn tại") \
	X(ANTT_ERR_INVALID,     "giá trị không hợp lệ") \
	X(ANTT_ERR_FORM,        "tệp bộ tiêu chí có lỗi") \
	X(ANTT_ERR_CSV,         "tệp CSV có lỗi") \
	X(ANTT_ERR_RULE,        "quy tắc đánh giá có lỗi") \
	X(ANTT_ERR_DENIED,      "không có quyền làm việc này") \
	X(ANTT_ERR_LOCKED,      "phiếu đã trình hoặc đã duyệt, không sửa được") \
	X(ANTT_ERR_LIBRARY,     "máy thiếu một thư viện antt cần: nhờ người quản trị cài lại")

typedef enum {
#define X(name, msg) name,
	ANTT_STATUS_LIST(X)
#undef X
	ANTT_STATUS_COUNT
} antt_status;

/* The officer-facing message for a status (static string, never NULL). */
const char *antt_strerror(antt_status st);

/* Where a failing function leaves its details. A NULL antt_err is allowed
 * everywhere: the details are then dropped. */
typedef struct {
	char msg[1024];
} antt_err;

/* Set the detail message; returns st so callers can `return err_set(...)`. */
antt_status err_set(antt_err *err, antt_status st, const char *fmt, ...)
	__attribute__((format(ANTT_PRINTF, 3, 4)));
void err_clear(antt_err *err);

#endif
