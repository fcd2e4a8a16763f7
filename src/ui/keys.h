/* Every key binding of the application in one table: the screens look
 * actions up here, and the help screen and the hint bar are drawn from it,
 * so neither can drift from what the keys do. */
#ifndef ANTT_UI_KEYS_H
#define ANTT_UI_KEYS_H

#include <curses.h>
#include <wchar.h>

/* Screens, as bits, for the table's scope column. */
enum {
	SC_UNITS = 1, SC_CHECK = 2, SC_PROGRESS = 4, SC_SETTINGS = 8, SC_HELP = 16, SC_WELCOME = 32,
	SC_LOGIN = 64, SC_HISTORY = 128, SC_CONFLICTS = 256, SC_SCORE = 512, SC_REGISTERS = 1024, SC_ERRORS = 2048,
	SC_PRINT = 4096, SC_EXCHANGE = 8192,
	SC_LISTS = SC_UNITS | SC_CHECK | SC_PROGRESS | SC_SETTINGS | SC_HELP | SC_HISTORY | SC_CONFLICTS | SC_SCORE | SC_REGISTERS
	         | SC_ERRORS | SC_PRINT | SC_EXCHANGE,
	SC_ALL = 16383,
};

/* A function key (ncurses KEY_*) as opposed to a typed character. */
#define KC(k) ((k) | 0x1000000)

/* X(action, screens, key, other key, label, help, word in the hint bar or NULL) */
#define UI_KEYS(X) \
	X(ACT_HELP,      SC_ALL,      KC(KEY_F(1)), 0,   "F1",     "Trợ giúp: bảng phím này", "Trợ giúp") \
	X(ACT_QUIT,      SC_ALL,      KC(KEY_F(10)), 'q', "F10 q",  "Thoát (mọi câu trả lời đã được lưu)", "Thoát") \
	X(ACT_BACK,      SC_ALL,      27, KC(KEY_BACKSPACE), "Esc", "Quay lại màn hình trước", "Quay lại") \
	X(ACT_TELEX,     SC_ALL,      KC(KEY_F(2)), 0,   "F2",     "Bật / tắt bộ gõ Telex có sẵn (khi máy không có bộ gõ)", NULL) \
	X(ACT_UP,        SC_LISTS,    KC(KEY_UP), 0,     "↑",      "Lên một dòng", NULL) \
	X(ACT_DOWN,      SC_LISTS,    KC(KEY_DOWN), 0,   "↓",      "Xuống một dòng", NULL) \
	X(ACT_PGUP,      SC_LISTS,    KC(KEY_PPAGE), 0,  "PgUp",   "Lên một trang", NULL) \
	X(ACT_PGDN,      SC_LISTS,    KC(KEY_NPAGE), 0,  "PgDn",   "Xuống một trang", NULL) \
	X(ACT_HOME,      SC_LISTS,    KC(KEY_HOME), 0,   "Home",   "Về đầu danh sách", NULL) \
	X(ACT_END,       SC_LISTS,    KC(KEY_END), 0,    "End",    "Đến cuối danh sách", NULL) \
	X(ACT_OPEN,      SC_UNITS,    '\n', KC(KEY_ENTER), "Enter", "Mở phiếu tiêu chí của đơn vị đang chọn", "Mở phiếu") \
	X(ACT_SEARCH,    SC_UNITS,    '/', 0,            "/",      "Tìm đơn vị theo tên hoặc mã, không cần gõ dấu", "Tìm") \
	X(ACT_NEXT,      SC_UNITS | SC_CHECK, 'n', 0,    "n",      "Đến đơn vị (hoặc tiêu chí) tiếp theo chưa xong", "Tiếp") \
	X(ACT_TYPE,      SC_UNITS,    't', 0,            "t",      "Lọc theo loại đơn vị (bấm lại để đổi loại)", NULL) \
	X(ACT_STATUS,    SC_UNITS,    's', 0,            "s",      "Lọc theo trạng thái (bấm lại để đổi)", NULL) \
	X(ACT_YEAR_PREV, SC_UNITS | SC_PROGRESS, '[', 0, "[",      "Năm trước", NULL) \
	X(ACT_YEAR_NEXT, SC_UNITS | SC_PROGRESS, ']', 0, "]",      "Năm sau", NULL) \
	X(ACT_PROGRESS,  SC_UNITS,    'p', '\t',         "p Tab",  "Tiến độ theo loại đơn vị và theo xã", "Tiến độ") \
	X(ACT_SETTINGS,  SC_UNITS | SC_PROGRESS, KC(KEY_F(9)), 0, "F9", "Thiết lập: tên đơn vị, người ký, chỉ tiêu, năm", NULL) \
	X(ACT_REPORT,    SC_UNITS | SC_PROGRESS, KC(KEY_F(5)), 0, "F5", "Xuất báo cáo Excel theo mẫu của tỉnh (hỏi năm và tên tệp)", "Báo cáo") \
	X(ACT_ADD,       SC_UNITS,    'a', KC(KEY_IC), "a Ins",  "Sửa đơn vị: thêm đơn vị trực thuộc đơn vị đang chọn", NULL) \
	X(ACT_RENAME,    SC_UNITS,    'r', 0,            "r",      "Sửa đơn vị: đổi tên", NULL) \
	X(ACT_MOVE,      SC_UNITS,    'm', 0,            "m",      "Sửa đơn vị: chuyển sang đơn vị cấp trên khác", NULL) \
	X(ACT_EXCLUDE,   SC_UNITS,    'x', 0,            "x",      "Sửa đơn vị: đánh dấu / bỏ đánh dấu không thuộc diện", NULL) \
	X(ACT_RETIRE,    SC_UNITS,    'd', 0,            "d",      "Sửa đơn vị: giải thể hoặc sáp nhập", NULL) \
	X(ACT_ALL_HOLD,  SC_CHECK,    '*', 0,            "*",      "Mọi tiêu chí đều đạt (sau đó chỉ sửa các ngoại lệ)", "Đạt hết") \
	X(ACT_ANSWER,    SC_CHECK,    '\n', KC(KEY_ENTER), "Enter", "Trả lời hoặc sửa dòng đang chọn", "Trả lời") \
	X(ACT_EDIT,      SC_SETTINGS, '\n', KC(KEY_ENTER), "Enter", "Sửa dòng đang chọn", "Sửa") \
	X(ACT_SELF_SCORE, SC_SCORE,   '\n', KC(KEY_ENTER), "Enter", "Nhập điểm tự chấm cho mục đang chọn", "Tự chấm") \
	X(ACT_SCORE,     SC_CHECK,    KC(KEY_F(3)), 0,   "F3",     "Phiếu chấm điểm phong trào (QĐ 510) của đơn vị: tự chấm, cấp trên chấm, xếp loại", "Chấm điểm") \
	X(ACT_REVIEWER,  SC_SCORE,    'r', 0,            "r",      "Nhập điểm cấp trên chấm cho mục đang chọn (lãnh đạo)", "Cấp trên chấm") \
	X(ACT_YES,       SC_CHECK,    'c', '1',          "c 1",    "Trả lời \"có\" (đạt)", "Có") \
	X(ACT_NO,        SC_CHECK,    'k', '0',          "k 0",    "Trả lời \"không\"", "Không") \
	X(ACT_EXCEPTION, SC_CHECK,    'e', 0,            "e",      "Ngoại lệ: bất khả kháng hoặc đã xử lý kịp thời (cần ghi chú)", "Ngoại lệ") \
	X(ACT_NOTE,      SC_CHECK,    'g', 0,            "g",      "Ghi chú cho tiêu chí", "Ghi chú") \
	X(ACT_CLEAR,     SC_CHECK,    KC(KEY_DC), 0,     "Del",    "Xóa câu trả lời của tiêu chí", NULL) \
	X(ACT_UNDO,      SC_CHECK,    'u', 26,           "u ^Z",   "Hoàn tác lần sửa gần nhất (bấm lại để lùi thêm một bước)", "Hoàn tác") \
	X(ACT_JUMP,      SC_CHECK,    ':', 0,            ":",      "Đến tiêu chí theo mã, ví dụ : 4b Enter", NULL) \
	X(ACT_HISTORY,   SC_CHECK,    'l', 0,            "l",      "Lịch sử của tiêu chí đang chọn: ai đổi, lúc nào, từ gì thành gì", "Lịch sử") \
	X(ACT_SUBMIT,    SC_CHECK,    KC(KEY_F(6)), 0,   "F6",     "Trình lãnh đạo duyệt phiếu đã nhập xong", "Trình") \
	X(ACT_APPROVE,   SC_CHECK,    KC(KEY_F(7)), 0,   "F7",     "Lãnh đạo: duyệt kết luận (phiếu không sửa được nữa; công nhận là quyết định của Chủ tịch UBND)", NULL) \
	X(ACT_RETURN,    SC_CHECK,    KC(KEY_F(8)), 0,   "F8",     "Lãnh đạo: trả lại phiếu đã trình, hoặc mở lại phiếu đã duyệt (kèm lý do)", NULL) \
	X(ACT_CONFLICTS, SC_UNITS | SC_PROGRESS, KC(KEY_F(4)), 0, "F4", "Xung đột khi nhập gói từ máy khác: xem và chọn bản giữ lại", NULL) \
	X(ACT_PACKAGES,  SC_PROGRESS, 'g', 0,            "g",      "Xem xã nào đã gửi gói dữ liệu, gửi lúc nào (bấm lại để quay về)", "Gói") \
	X(ACT_KEEP_LOCAL, SC_CONFLICTS, '1', 0,          "1",      "Giữ bản ở máy này", "Giữ bản máy này") \
	X(ACT_TAKE_INCOMING, SC_CONFLICTS, '2', 0,       "2",      "Lấy bản trong gói", "Lấy bản trong gói") \
	X(ACT_REGISTERS, SC_UNITS,    'o', 0,            "o",      "Sổ theo dõi phong trào của đơn vị đang chọn (mô hình, phát động, khen thưởng, tin báo)", "Sổ") \
	X(ACT_ADD_MODEL, SC_REGISTERS, 'm', 0,           "m",      "Thêm mô hình", "Mô hình") \
	X(ACT_ADD_ACTIVITY, SC_REGISTERS, 'h', 0,        "h",      "Thêm hoạt động: phát động, diễn đàn, tuyên truyền", "Hoạt động") \
	X(ACT_ADD_COMMENDATION, SC_REGISTERS, 'k', 0,    "k",      "Thêm khen thưởng", "Khen") \
	X(ACT_END_MODEL, SC_REGISTERS, 'x', 0,           "x",      "Mô hình đang chọn dừng hoạt động từ năm sau", NULL) \
	X(ACT_IMPORT,    SC_REGISTERS, 'i', 0,           "i",      "Nhập sổ từ tệp CSV (mô hình, hoạt động, khen thưởng, tin báo)", "Nhập CSV") \
	X(ACT_WELCOME_IMPORT, SC_WELCOME, '1', 0,        "1",      "Nhập danh sách đơn vị từ tệp CSV", "Nhập CSV") \
	X(ACT_WELCOME_DEMO,   SC_WELCOME, '2', 0,        "2",      "Mở dữ liệu mẫu", "Dữ liệu mẫu") \
	X(ACT_WELCOME_PACKAGE, SC_WELCOME, '3', 0,       "3",      "Nhận gói dữ liệu của công an cấp trên (tệp .antt trên USB): máy mới có ngay đơn vị, bộ tiêu chí và phiếu", "Nhận gói") \
	X(ACT_QUEUE,     SC_UNITS,    'v', 0,            "v",      "Lãnh đạo: đến phiếu tiếp theo đang chờ duyệt (đã trình)", "Chờ duyệt") \
	X(ACT_MARK,      SC_UNITS,    ' ', 0,            "Space",  "Đánh dấu / bỏ đánh dấu đơn vị đang chọn (để ghi một quyết định công nhận cho nhiều đơn vị; Esc: bỏ hết)", NULL) \
	X(ACT_RECOGNISE, SC_UNITS,    'c', 0,            "c",      "Lãnh đạo: ghi quyết định công nhận (số, ngày, cơ quan ban hành, người ký) cho các đơn vị đã đánh dấu", NULL) \
	X(ACT_SUBMIT_ALL, SC_UNITS,   KC(KEY_F(6)), 0,   "F6",     "Trình mọi phiếu đã nhập xong của đơn vị đang chọn và các đơn vị trực thuộc (hỏi trước, nói số phiếu)", NULL) \
	X(ACT_APPROVE_ALL, SC_UNITS,  KC(KEY_F(7)), 0,   "F7",     "Lãnh đạo: duyệt mọi phiếu đã trình của đơn vị đang chọn và các đơn vị trực thuộc (hỏi trước)", NULL) \
	X(ACT_PRINT,     SC_UNITS,    'i', 0,            "i",      "In hồ sơ của đơn vị đang chọn: phiếu để trống, biên bản, chấm điểm, tờ trình, quyết định, giấy công nhận", NULL) \
	X(ACT_PRINT_DOC, SC_PRINT,    '\n', KC(KEY_ENTER), "Enter", "In tài liệu đang chọn ra một tệp Excel khổ A4 mới (không ghi đè tệp nào)", "In") \
	X(ACT_EXCHANGE,  SC_UNITS,    'g', 0,            "g",      "Gói dữ liệu (USB): ghi gói của đơn vị đang chọn để gửi đi, hoặc nhận gói từ máy khác", NULL) \
	X(ACT_EXCHANGE_DO, SC_EXCHANGE, '\n', KC(KEY_ENTER), "Enter", "Làm việc đang chọn: ghi một tệp gói mới (không ghi đè tệp nào), hoặc nhận gói (xem trước rồi mới nhập)", "Chọn") \
	X(ACT_MANAGED,   SC_UNITS,    'b', 0,            "b",      "Sửa đơn vị: đánh dấu / bỏ đánh dấu do cấp trên quản lý (tiêu chí 4 của xã)", NULL) \
	X(ACT_LOGIN,     SC_LOGIN,    '\n', KC(KEY_ENTER), "Enter", "Đăng nhập: gõ tên đăng nhập, Enter, rồi mật khẩu", "Đăng nhập")

typedef enum {
	ACT_NONE,
#define X(a, sc, k1, k2, label, help, bar) a,
	UI_KEYS(X)
#undef X
	ACT_COUNT
} ui_action;

typedef struct {
	ui_action action;
	int screens;
	int key, key2;
	const char *label, *help;
	const char *bar;
} ui_key;

extern const ui_key ui_keys[];
extern const int ui_key_count;

/* The hint bar's order on a screen: its keys in the order an officer uses
 * them there, ending in ACT_NONE (NULL: the table's order). Keys not named
 * follow in the table's order; the bar shows as many as fit, and F1 lists
 * them all. */
const ui_action *ui_bar_order(int screen);

/* The action for a key on a screen. is_code: ch is a KEY_* code. */
ui_action ui_key_action(int screen, int is_code, wint_t ch);

#endif
