/* The command table and the helpers every command shares. */
#include <stdio.h>
#include "cli.h"
#include "assess.h"
#include "auth.h"
#include "backup.h"
#include "session.h"
#include "num.h"
#include "platform.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const cli_command commands[] = {
	{ "unit import",   cmd_unit, "TỆP.csv", "nhập danh sách đơn vị (code,parent_code,type,name[,excluded[,managed_above]])", 1, 1 },
	{ "unit list",     cmd_unit, "[--type LOẠI] [--under MÃ] [--search CHỮ] [--year NĂM] [--all]", "liệt kê đơn vị theo cây", 0, 0 },
	{ "unit add",      cmd_unit, "MÃ LOẠI TÊN [--parent MÃ]", "thêm một đơn vị", 1, 1 },
	{ "unit rename",   cmd_unit, "MÃ TÊN_MỚI", "đổi tên đơn vị", 0, 1 },
	{ "unit move",     cmd_unit, "MÃ MÃ_CẤP_TRÊN_MỚI", "chuyển đơn vị sang cấp trên khác (\"-\": lên cấp cao nhất)", 0, 1 },
	{ "unit retire",   cmd_unit, "MÃ [--date NGÀY/THÁNG/NĂM] [--merged-into MÃ]", "giải thể hoặc sáp nhập đơn vị", 0, 1 },
	{ "unit exclude",  cmd_unit, "MÃ [--undo]", "đánh dấu đơn vị không thuộc diện đánh giá", 0, 1 },
	{ "unit managed-above", cmd_unit, "MÃ [--undo]", "đánh dấu đơn vị do cấp trên quản lý (không thuộc thẩm quyền "
	  "hoặc được ủy quyền quản lý của xã): không tính vào tiêu chí 4 của xã", 0, 1 },
	{ "forms check",   cmd_forms_check, "[TỆP.yaml ...]", "kiểm tra các bộ tiêu chí và in tóm tắt; có cơ sở dữ liệu thì báo đánh giá đã lưu nào sẽ đổi kết luận", 0, 0 },
	{ "forms reassess", cmd_forms_reassess, "--year NĂM [--unit MÃ] [--approved]", "đánh giá lại theo bộ tiêu chí hiện hành "
	  "các phiếu mà forms check báo sẽ đổi kết luận (--approved: cả phiếu đã duyệt, do lãnh đạo)", 0, 1 },
	{ "register",      cmd_register, "MÃ NĂM", "ghi nhận đơn vị đăng ký phấn đấu trong năm", 1, 1 },
	{ "answer set",    cmd_answer_set, "MÃ NĂM TIÊU_CHÍ GIÁ_TRỊ [--note GHI_CHÚ] [--exception|--no-exception]",
	  "lưu một câu trả lời (TIÊU_CHÍ \"*\" với \"đạt\": mọi tiêu chí đạt)", 1, 1 },
	{ "answer import", cmd_answer_import, "TỆP.csv", "nhập câu trả lời (unit_code,year,criterion,value[,note])", 1, 1 },
	{ "assess show",   cmd_assess_show, "MÃ NĂM", "xem từng tiêu chí và kết luận của đơn vị", 0, 0 },
	{ "summary",       cmd_summary, "NĂM [--under MÃ]", "tổng hợp theo loại đơn vị: tổng số, đăng ký, đạt, tỷ lệ", 0, 0 },
	{ "submit",        cmd_workflow, "MÃ NĂM | --under MÃ NĂM", "trình lãnh đạo phiếu đã nhập xong (--under: mọi phiếu "
	  "đã nhập xong của các đơn vị trực thuộc)", 0, 1 },
	{ "approve",       cmd_workflow, "MÃ NĂM | --under MÃ NĂM", "lãnh đạo duyệt kết luận; phiếu không sửa được nữa "
	  "(--under: mọi phiếu đã trình của các đơn vị trực thuộc)", 0, 1 },
	{ "return",        cmd_workflow, "MÃ NĂM --reason LÝ_DO", "lãnh đạo trả lại phiếu để sửa", 0, 1 },
	{ "reopen",        cmd_workflow, "MÃ NĂM --reason LÝ_DO", "lãnh đạo mở lại phiếu đã duyệt (rút cả công nhận, nếu có)", 0, 1 },
	{ "recognise list", cmd_recognise, "NĂM [--under MÃ]", "các đơn vị được công nhận trong năm, theo quyết định", 0, 0 },
	{ "recognise import", cmd_recognise, "TỆP.csv",
	  "nhập quyết định công nhận (unit_code,year,decision_no,date,authority[,signer])", 0, 1 },
	{ "recognise withdraw", cmd_recognise, "MÃ NĂM --reason LÝ_DO", "rút công nhận (quyết định bị thu hồi, hủy bỏ)", 0, 1 },
	{ "recognise",     cmd_recognise, "--decision SỐ --date NGÀY/THÁNG/NĂM --by \"CƠ QUAN BAN HÀNH\" [--signer TÊN] NĂM MÃ ...",
	  "ghi quyết định công nhận đạt tiêu chuẩn (của Chủ tịch UBND) cho các đơn vị đã được duyệt đạt", 0, 1 },
	{ "audit",         cmd_audit, "[--unit MÃ] [--year NĂM] [--criterion TIÊU_CHÍ] [--since NGÀY/THÁNG/NĂM]",
	  "nhật ký: ai đổi gì, lúc nào, từ gì thành gì", 0, 0 },
	{ "user add",      cmd_user, "TÊN_ĐĂNG_NHẬP \"Họ tên\" --role entry|reviewer|admin", "thêm tài khoản cán bộ", 1, 1 },
	{ "user passwd",   cmd_user, "TÊN_ĐĂNG_NHẬP", "đổi mật khẩu của mình (hỏi mật khẩu hiện tại); quản trị đặt lại của người khác", 0, 1 },
	{ "user disable",  cmd_user, "TÊN_ĐĂNG_NHẬP", "khóa tài khoản", 0, 1 },
	{ "user role",     cmd_user, "TÊN_ĐĂNG_NHẬP entry|reviewer|admin", "đổi vai trò của tài khoản", 0, 1 },
	{ "user enable",   cmd_user, "TÊN_ĐĂNG_NHẬP", "mở khóa tài khoản (cả khi đang phải đợi vì nhập sai mật khẩu)", 0, 1 },
	{ "user list",     cmd_user, "", "liệt kê tài khoản", 0, 0 },
	{ "export",        cmd_export, "[--under MÃ] [--year NĂM] -o TỆP.antt [--force]",
	  "ghi gói dữ liệu để chép sang máy khác (USB)", 0, 1 },
	{ "import",        cmd_import, "TỆP.antt [--dry-run] [--under MÃ] [--accept-set SHA256]",
	  "kiểm tra và nhập gói từ máy khác; xung đột được giữ lại để người chọn", 1, 1 },
	{ "key",           cmd_key, "", "in mã nhận dạng của máy này (để so qua điện thoại khi máy khác ghi nhận máy này)", 1, 0 },
	{ "trust add",     cmd_trust, "TỆP.antt --under MÃ [--may-approve] [--fingerprint MÃ_NHẬN_DẠNG]",
	  "ghi nhận máy đã ký gói: nhận gói của máy đó cho đơn vị MÃ và các đơn vị trực thuộc", 0, 1 },
	{ "trust list",    cmd_trust, "", "các máy được ghi nhận: mã nhận dạng, phạm vi, quyền gửi kết quả duyệt", 0, 0 },
	{ "trust remove",  cmd_trust, "MÃ_NHẬN_DẠNG", "bỏ ghi nhận một máy gửi", 0, 1 },
	{ "conflicts",     cmd_conflicts, "[--all] | resolve SỐ local|incoming",
	  "xem và giải quyết các xung đột khi nhập gói", 0, 0 },
	{ "score set",     cmd_score, "MÃ NĂM MỤC ĐIỂM_TỰ_CHẤM [ĐIỂM_CẤP_TRÊN]", "chấm điểm phong trào (QĐ 510) một mục", 1, 1 },
	{ "score show",    cmd_score, "MÃ NĂM", "phiếu chấm điểm: từng mục, tổng, chênh lệch, xếp loại", 0, 0 },
	{ "score list",    cmd_score, "NĂM [--under MÃ]", "danh sách chấm điểm của mọi đơn vị: điểm và mức đề xuất phân loại (hồ sơ QĐ 510)", 0, 0 },
	{ "score import",  cmd_score, "TỆP.csv", "nhập điểm (unit_code,year,item,self[,reviewer])", 1, 1 },
	{ "movement",      cmd_movement, "add-model | end-model | add-activity | add-commendation | tipoffs | import | show",
	  "sổ theo dõi phong trào: mô hình, phát động, khen thưởng, tin báo", 1, 0 },
	{ "candidates",    cmd_candidates, "NĂM [--propose MÃ | --withdraw MÃ | --under MÃ]",
	  "đơn vị đạt tiêu chuẩn, xếp loại khá trở lên; đánh dấu đề nghị điển hình", 0, 0 },
	/* a backup rotates the oldest away: it changes what can be restored */
	{ "backup",        cmd_backup, "", "sao lưu ngay (ngoài bản sao lưu tự động mỗi ngày)", 0, 1 },
	{ "restore",       cmd_restore, "TỆP [--yes]", "khôi phục từ bản sao lưu (hỏi lại, sao lưu dữ liệu hiện tại trước)", 0, 1 },
	{ "report",        cmd_report, "--year NĂM [--under MÃ] -o TỆP.xlsx [--force] [--date NGÀY/THÁNG/NĂM] [--summary-only] | --text",
	  "ghi báo cáo Excel theo mẫu của tỉnh (tổng hợp, từng loại đơn vị, đơn vị chưa đạt); --text: in đoạn kết quả", 0, 0 },
	{ "print",         cmd_print, "TÀI_LIỆU [MÃ | --under MÃ | --type LOẠI] --year NĂM -o TỆP.xlsx [--force] [--date NGÀY/THÁNG/NĂM] [--blank]",
	  "in hồ sơ công nhận ra Excel khổ A4 (checklist, bien-ban, cham-diem, to-trinh, quyet-dinh, giay-cong-nhan; \"antt print help\" liệt kê)", 0, 0 },
	{ "demo",          cmd_demo, "[--size district|province] [--scale N]", "tạo dữ liệu mẫu (một huyện giả định; --scale N: N bản dưới một gốc)", 1, 1 },
	{ "settings",      cmd_settings, "[KHÓA [GIÁ_TRỊ]]", "xem hoặc đặt thiết lập của đơn vị", 1, 0 },
};

static void command_usage(FILE *out, const cli_command *c)
{
	fprintf(out, "  antt %s %s\n      %s\n", c->name, c->usage, c->help);
}

/* "antt report --help", "antt unit -h": the usage of the command, or of
 * every command of the group, with no database opened (a new machine
 * has none yet). 1 when it said something. */
static int help_asked(int argc, char **argv)
{
	int said = 0, words = 0;
	size_t n = strlen(argv[0]);

	for (int i = 1; i < argc && !words; i++)
		if (!strcmp(argv[i], "--help") || (i == 1 && !strcmp(argv[i], "-h")))
			words = i;
	if (!words)
		return 0;
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		const cli_command *c = &commands[i];
		const char *sp = strchr(c->name, ' ');
		/* the command itself (its one or two words), or, after the group's
		 * word alone, every command of the group */
		int match = !sp ? !strcmp(c->name, argv[0]) :
			!strncmp(c->name, argv[0], n) && c->name[n] == ' ' &&
			(words == 1 || !strcmp(c->name + n + 1, argv[1]));
		if (match) {
			if (!said++)
				printf("Cách dùng:\n");
			command_usage(stdout, c);
		}
	}
	return said;
}

void cli_usage(FILE *out)
{
	fprintf(out, "Cách dùng: antt [--db TỆP] [LỆNH ...]\n\n"
		"Không có LỆNH: mở chương trình trên cơ sở dữ liệu.\n"
		"Cơ sở dữ liệu: --db, hoặc biến ANTT_DB, hoặc %s\n\n"
		"Các lệnh:\n", PLATFORM_DEFAULT_DB);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		command_usage(out, &commands[i]);
}

/* Core says what is wrong; the command line says how to go on: the
 * status, words of core's message, and the command (the unit and the year
 * go into the two %s, or MÃ and NĂM when the command does not know them). */
static const struct { antt_status st; const char *words, *how; } hows[] = {
	{ ANTT_ERR_DENIED, "chưa có tài khoản lãnh đạo duyệt",
	  "quản trị tạo tài khoản lãnh đạo bằng: antt user add TÊN \"Họ tên\" --role reviewer" },
	{ ANTT_ERR_LOCKED, "đã được duyệt", "lãnh đạo mở lại phiếu bằng: antt reopen %s %s --reason \"...\"" },
	{ ANTT_ERR_LOCKED, "đã trình", "lãnh đạo trả lại phiếu bằng: antt return %s %s --reason \"...\"" },
	{ ANTT_ERR_INVALID, "không thuộc diện đánh giá", "bỏ đánh dấu bằng: antt unit exclude %s --undo" },
	{ ANTT_ERR_INVALID, "cần ghi chú nói rõ sự việc", "ghi chú bằng --note \"...\"" },
	{ ANTT_ERR_INVALID, "cần ghi lý do", "ghi lý do bằng --reason \"...\"" },
	{ ANTT_ERR_NOT_FOUND, "không có tiêu chí", "xem các mã tiêu chí bằng: antt assess show %s %s" },
	{ ANTT_ERR_NOT_FOUND, "không có đơn vị mã", "xem các mã bằng: antt unit list" },
	{ ANTT_ERR_EXISTS, "tệp đã có", "chọn tên khác, hoặc dùng --force để ghi đè" },
	{ ANTT_ERR_IO, "không ghi được vào thư mục này", "chọn nơi khác để lưu: -o THƯ_MỤC_KHÁC/TÊN_TỆP" },
	{ ANTT_ERR_EXISTS, "dữ liệu mẫu chỉ tạo trên", "dùng --db TỆP_MỚI để tạo dữ liệu mẫu ở tệp khác" },
	{ ANTT_ERR_INVALID, "không có thiết lập \"",
	  "xem các thiết lập đã đặt bằng: antt settings; đặt bằng: antt settings KHÓA GIÁ_TRỊ" },
	{ ANTT_ERR_NOT_FOUND, "không có xung đột số", "xem các xung đột đang chờ bằng: antt conflicts" },
	{ ANTT_ERR_NOT_FOUND, "không có tệp cơ sở dữ liệu này", "hoặc tạo dữ liệu mẫu bằng: antt --db TỆP demo" },
	{ ANTT_ERR_DB_CORRUPT, "bị hỏng", "khôi phục bằng: antt --db TỆP_HỎNG restore TỆP_SAO_LƯU" },
	{ ANTT_ERR_NOT_FOUND, "được lãnh đạo duyệt đạt", "lãnh đạo duyệt các phiếu đã trình bằng: antt approve --under %s %s" },
	{ ANTT_ERR_INVALID, "công nhận lập cho một đơn vị cấp xã",
	  "chọn --under MÃ của một đơn vị cấp xã, hoặc bỏ --under để in cho cả đơn vị" },
	{ ANTT_ERR_NOT_FOUND, "để in giấy công nhận",
	  "ghi quyết định công nhận trước bằng lệnh antt recognise (xem antt help), rồi in lại (%s, năm %s)" },
};

int cli_fail_at(antt_status st, const antt_err *err, const char *code, int year)
{
	char y[16] = "NĂM";

	fputs("antt: ", stderr);
	cli_message(stderr, err && err->msg[0] ? err->msg : antt_strerror(st));
	fputc('\n', stderr);
	if (year)
		snprintf(y, sizeof(y), "%d", year);
	for (size_t i = 0; err && i < sizeof(hows) / sizeof(*hows); i++)
		if (st == hows[i].st && strstr(err->msg, hows[i].words)) {
			char *how = NULL;
			int n = snprintf(NULL, 0, hows[i].how, code ? code : "MÃ", y);
			fputs("antt: ", stderr);
			if (n >= 0 && (how = malloc((size_t)n + 1))) {
				snprintf(how, (size_t)n + 1, hows[i].how, code ? code : "MÃ", y);
				cli_message(stderr, how);
			}
			free(how);
			fputc('\n', stderr);
			return CLI_FAIL;
		}
	if (st == ANTT_ERR_DENIED && err && strstr(err->msg, "cần") && strstr(err->msg, "đăng nhập"))
		fprintf(stderr, "antt: đăng nhập bằng cách đặt ANTT_USER=TÊN_ĐĂNG_NHẬP và ANTT_PASSWORD "
			"(hoặc gõ mật khẩu khi được hỏi)\n");
	return CLI_FAIL;
}

int cli_fail(antt_status st, const antt_err *err)
{
	return cli_fail_at(st, err, NULL, 0);
}

/* The heading ends at the line break before the first error of all (or
 * errlist_report's "... và N lỗi khác"): the file's name in it may hold a
 * line break of its own. */
int cli_fail_list(antt_status st, const antt_err *err, char *all)
{
	const char *nl = err ? strchr(err->msg, '\n') : NULL;
	size_t first = all ? strcspn(all, "\n") : 0;
	char *heading;

	if (!all || !nl)
		return cli_fail(st, err);
	for (const char *p = nl; p; p = strchr(p + 1, '\n'))
		if (!strncmp(p, "\n  ", 3) && (!strncmp(p + 3, all, first) || !strncmp(p + 3, "... và ", 7))) {
			nl = p;
			break;
		}
	/* every bad line, not only those the message holds; each shown as
	 * cli_message shows the words typed */
	if (!(heading = strndup(err->msg, (size_t)(nl - err->msg))))
		return cli_fail(st, err);
	fputs("antt: ", stderr);
	cli_message(stderr, heading);
	fputc('\n', stderr);
	free(heading);
	for (char *save = NULL, *line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		fputs("  ", stderr);
		cli_message(stderr, line);
		fputc('\n', stderr);
	}
	return CLI_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	int n;

	fprintf(stderr, "antt %s: ", cmd);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && (msg = malloc((size_t)n + 1))) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
		cli_message(stderr, msg);   /* the words it quotes shown safely */
	}
	free(msg);
	fputc('\n', stderr);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(commands[i].name, cmd) == 0)
			fprintf(stderr, "Cách dùng: antt %s %s\n", commands[i].name, commands[i].usage);
	return CLI_USAGE;
}

int cli_year(const char *s, int *year)
{
	antt_err err = { "" };

	return num_year(s, year, &err) == ANTT_OK;   /* NUM_YEAR_MIN..NUM_YEAR_MAX, whole numbers only */
}

/* ANTT_USER names the account a command acts as; it counts only once its
 * password (ANTT_PASSWORD, or asked on the terminal) is proven. A name
 * with no password is a failed login, never a pass: the command is refused
 * if it would change anything, and otherwise reads as nobody. With no
 * account on this machine the name cannot be proven and is not used. */
static int cli_login(cli_ctx *ctx, int writes)
{
	const char *login = getenv("ANTT_USER"), *pw = getenv("ANTT_PASSWORD");
	char prompt[128];
	antt_err err = { "" };
	antt_status st;
	int wait;

	if (ctx->screens || auth_proven(ctx->db) || !login || !*login || !auth_accounts(ctx->db, ROLE_NONE))
		return CLI_OK;
	if (pw)
		snprintf(ctx->password, sizeof(ctx->password), "%s", pw);
	else {
		snprintf(prompt, sizeof(prompt), "Mật khẩu của %s: ", login);
		if (!cli_read_secret(prompt, ctx->password, sizeof(ctx->password))) {
			if (!writes)
				return CLI_OK;
			fprintf(stderr, "antt: chưa đăng nhập được %s: không có mật khẩu. Đặt ANTT_PASSWORD, "
				"hoặc chạy lệnh trong cửa sổ dòng lệnh để gõ mật khẩu.\n", login);
			return CLI_FAIL;
		}
	}
	st = auth_login(ctx->db, login, ctx->password, &wait, &err);
	if (st != ANTT_OK) {
		explicit_bzero(ctx->password, sizeof(ctx->password));
		return cli_fail(st, &err);
	}
	return CLI_OK;
}

/* A command that changes data (or what the next exchange sends) needs a
 * proven login when the office uses accounts. */
static int cli_require_login(cli_ctx *ctx, const cli_command *c)
{
	if (!c->writes || !auth_required(ctx->db) || auth_proven(ctx->db))
		return CLI_OK;
	fprintf(stderr, "antt: cần đăng nhập để chạy \"antt %s\": đặt ANTT_USER=TÊN_ĐĂNG_NHẬP (và ANTT_PASSWORD, "
		"hoặc gõ mật khẩu khi được hỏi).\n", c->name);
	return CLI_FAIL;
}

/* A copy that takes a while (a national database: a minute and more)
 * says first what it is; a small file is copied at once, without a word */
int cli_copy_sized(long long bytes, char *out, size_t n)
{
	if (bytes < CLI_COPY_SAID)
		return 0;
	if (bytes >= 1000000000LL)
		snprintf(out, n, "%.1f GB", bytes / 1e9);
	else
		snprintf(out, n, "%.0f MB", bytes / 1e6);
	for (char *p = out; *p; p++)
		if (*p == '.')
			*p = ',';
	return 1;
}

/* Before the copy a structure upgrade makes (the screen not yet drawn):
 * what is happening, and not to stop it. Lines within 80 columns (but
 * the path's): a terminal breaks words */
static void say_upgrading(void *ctx, const char *path, long long bytes)
{
	char size[32];

	(void)ctx;
	if (!cli_copy_sized(bytes, size, sizeof(size)))
		return;
	fprintf(stderr, "antt: %s là dữ liệu của bản antt cũ hơn: đang nâng cấp cấu trúc.\n"
		"antt: Trước đó chép một bản sao lưu (%s, vào thư mục antt-backups),\n"
		"antt: có thể mất vài phút. Đừng tắt máy hay đóng cửa sổ.\n", path, size);
	fflush(stderr);
}

static int cli_open_as(cli_ctx *ctx, int create, int writes)
{
	static const session_notice notice = { say_upgrading, NULL };
	antt_err err = { "" };
	antt_status st;

	if (ctx->db)
		return CLI_OK;
	st = session_open_noticed(ctx->db_path, create ? DB_CREATE : 0, &notice, &ctx->db, &err);
	if (st == ANTT_ERR_DB_CORRUPT) {   /* the exact command, with the latest backup */
		char latest[4096];
		if (backup_latest(ctx->db_path, latest, sizeof(latest))) {
			fprintf(stderr, "antt: %s\nantt: khôi phục bằng: antt --db %s restore %s\n", err.msg,
				ctx->db_path, latest);
			return CLI_FAIL;
		}
	}
	if (st != ANTT_OK)
		return cli_fail(st, &err);
	cli_startup_checks(ctx);   /* daily backup, damaged file, leftovers */
	return cli_login(ctx, writes);
}

int cli_open(cli_ctx *ctx, int create)
{
	return cli_open_as(ctx, create, 0);
}

/* Restoring replaces everything: when the current database opens and uses
 * accounts, an admin's proven login is needed. It is opened for writing
 * where it can be, so a wrong password counts (and makes the next try
 * wait) as at any login. A database too damaged to open cannot say who
 * may, and is restored as before (whoever holds the file could replace it
 * anyway). */
static int restore_login(cli_ctx *ctx, const cli_command *c)
{
	antt_err err = { "" };
	antt_db *db = NULL;
	int rc = CLI_OK;

	if (session_open(ctx->db_path, 0, &db, &err) != ANTT_OK &&
	    session_open(ctx->db_path, DB_READONLY, &db, &err) != ANTT_OK)
		return CLI_OK;
	ctx->db = db;
	if (auth_required(db)) {
		if ((rc = cli_login(ctx, 1)) == CLI_OK && (rc = cli_require_login(ctx, c)) == CLI_OK &&
		    auth_require(db, CAN_ADMIN, "khôi phục dữ liệu từ bản sao lưu", &err) != ANTT_OK)
			rc = cli_fail(ANTT_ERR_DENIED, &err);
	}
	ctx->db = NULL;
	db_close(db);
	return rc;
}

int cli_main(cli_ctx *ctx, int argc, char **argv)
{
	char name[64];

	if (argc < 1)
		return CLI_USAGE;
	cli_typed(argc, argv);
	if (!strcmp(argv[0], "help") || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		cli_usage(stdout);
		return CLI_OK;
	}
	if (help_asked(argc, argv))
		return CLI_OK;
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		const cli_command *c = &commands[i];
		const char *sp = strchr(c->name, ' ');
		int words = sp ? 2 : 1;

		if (words == 2) {
			if (argc < 2)
				continue;
			snprintf(name, sizeof(name), "%s %s", argv[0], argv[1]);
		} else {
			snprintf(name, sizeof(name), "%s", argv[0]);
		}
		if (strcmp(name, c->name) != 0)
			continue;
		/* forms check needs no database; restore must work on a damaged one */
		if (strcmp(c->name, "forms check") != 0 && strcmp(c->name, "restore") != 0) {
			int rc = cli_open_as(ctx, c->creates, c->writes);
			if (rc == CLI_OK)
				rc = cli_require_login(ctx, c);
			if (rc != CLI_OK)
				return rc;
		} else if (!strcmp(c->name, "restore")) {
			int rc = restore_login(ctx, c);
			if (rc != CLI_OK)
				return rc;
		}
		/* commands see argv from their last word, so argv[0] is it */
		return c->fn(ctx, argc - (words - 1), argv + (words - 1));
	}
	fputs("antt: không có lệnh \"", stderr);
	cli_message(stderr, argv[0]);
	if (argc > 1) {
		fputc(' ', stderr);
		cli_message(stderr, argv[1]);
	}
	fputs("\". Gõ \"antt help\" để xem các lệnh.\n", stderr);
	return CLI_USAGE;
}
