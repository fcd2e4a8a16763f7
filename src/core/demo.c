/* The demo data: a realistic fictional district (about 20 communes, 150 khu dân
 * cư, 40 cơ quan, 15 doanh nghiệp, 35 cơ sở giáo dục, two years of answers),
 * or with --size province a province-size database for the benchmarks.
 * Past years are closed (approved, recognised by decisions); in the last
 * year communes are at every step of the season.
 * Deterministic: the same seed gives the same data. */
#include "demo.h"
#include "assess.h"
#include "answer.h"
#include "recognise.h"
#include "session.h"
#include "unit.h"
#include "grow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const place[] = {
	"Hòa Bình", "An Phú", "Tân Lập", "Đồng Tâm", "Quảng Ngãi Hạ", "Yên Thế", "Phú Xuân",
	"Thạch Đà", "Hưng Đạo", "Nghĩa Hưng", "Minh Khai", "Đông Sơn", "Xuân Trường", "Cẩm Giàng",
	"Vĩnh Lộc", "Lạc Thủy", "Bình Minh", "Hải Đường", "Tiên Lữ", "Kim Đường", "Thượng Ấm",
	"Đức Phổ", "Hồng Hà", "Tràng An", "Phước Điền", "Nậm Ty", "Trung Sơn", "Thủy Nguyên",
	"Quế Lâm", "Ngọc Lặc", "Mường Khến", "Bản Vược", "Điện Quang", "Ea Tóh", "Ô Loan",
};
static const char *const hamlet[] = {
	"Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "Đình", "Chùa", "Bến", "Đồng Cả",
	"Gò Mít", "Bãi Sậy", "Cầu Đá", "Đầm Sen", "Rừng Thông",
};
/* the first AGENCY_OF_COMMUNE are named after the commune with its kind:
 * "Trạm Y tế thị trấn Cẩm Giàng", not "xã" under a thị trấn */
enum { AGENCY_OF_COMMUNE = 3 };
static const char *const agency[] = {
	"Ủy ban nhân dân %s", "Trạm Y tế %s", "Bưu điện văn hóa %s",
	"Hợp tác xã nông nghiệp %s", "Quỹ tín dụng nhân dân %s",
};
static const char *const firm[] = {
	"Công ty TNHH May mặc %s", "Công ty Cổ phần Gạch Tuynel %s", "Công ty TNHH Chế biến Nông sản %s",
	"Công ty Cổ phần Xây dựng %s", "Công ty TNHH Gỗ Mỹ nghệ %s",
};
static const char *const school[] = {
	"Trường THCS %s", "Trường THPT %s", "Trường Tiểu học %s", "Trung tâm GDNN-GDTX %s",
};

struct demo {
	antt_db *db;
	uint64_t rng;
	antt_err *err;
	int units, answers;
	char origin[13];   /* the database's uuid origin (db/018) */
};

static unsigned pick(struct demo *d, unsigned n)
{
	d->rng ^= d->rng << 13;
	d->rng ^= d->rng >> 7;
	d->rng ^= d->rng << 17;
	return (unsigned)(d->rng % n);
}

static antt_status add(struct demo *d, const char *code, const char *type, const char *name,
                       const char *parent, int excluded)
{
	d->units++;
	return unit_add_tx(d->db, code, type, name, parent, excluded, d->err);
}

/* The forms and answers of a commune's units as if typed on the
 * commune's own machine and brought here in its packages: under an
 * origin of their own (db_uuid), one for each commune, so a province's
 * rows lie in a hundred runs of every uuid index, as a real province's
 * would, not in one. The units above the communes keep the database's. */
static void commune_origin(struct demo *d, const char *code)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	size_t n = strcspn(code, "-");
	char hex[16];

	if (code[0] != 'X') {
		db_uuid_origin_set(d->db, NULL);
		return;
	}
	for (const char *p = d->origin; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)code[i]) * 1099511628211ULL;
	/* mixed (MurmurHash3's finish): FNV alone gave neighbouring
	 * communes' codes origins that differ in a few bits */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	snprintf(hex, sizeof(hex), "%012llx", (unsigned long long)(h >> 16));
	db_uuid_origin_set(d->db, hex);
}

/* One unit's year: usually everything holds; sometimes a realistic failure
 * or an exception with its note; a few left half-entered. */
static antt_status answer_year(struct demo *d, const char *code, int year, int last)
{
	static const struct { const char *type, *crit, *value, *note; int exception; } quirks[] = {
		{ "khu-dan-cu", "4b", "không", "Vụ cố ý gây thương tích nghiêm trọng tháng 6, chưa xử lý xong", 0 },
		{ "khu-dan-cu", "4b", "không", "Vụ trộm cắp tài sản lớn, đã phát hiện, bắt giữ và báo cáo kịp thời", 1 },
		{ "khu-dan-cu", "1.2", "96", NULL, 0 },
		{ "khu-dan-cu", "3e", "không", "Tranh chấp đất đai giữa hai dòng họ kéo dài", 0 },
		{ "khu-dan-cu", "4d", "không", "Lũ quét tháng 9 làm sập cầu tạm (bất khả kháng)", 1 },
		{ "co-quan", "3g", "không", "Cháy kho lưu trữ, thiệt hại lớn", 0 },
		{ "co-quan", "1.3", "85", NULL, 0 },
		{ "doanh-nghiep", "3d", "không", "Ngừng việc tập thể 2 ngày do chậm lương", 0 },
		{ "co-so-giao-duc", "4", "không", "Một vụ bạo lực học đường lớp 8", 0 },
		{ "xa", "3.2", "không", "Một cán bộ bị kỷ luật khiển trách", 0 },
	};
	unit_row u;
	antt_status s;
	unsigned roll = pick(d, 1000);

	if ((s = unit_get(d->db, code, &u, d->err)) != ANTT_OK)
		return s;
	if (u.excluded)
		return ANTT_OK;
	commune_origin(d, code);
	if (roll < 5)    /* did not register this year */
		return ANTT_OK;
	if (last && roll < 30) { /* registered, nothing entered yet */
		return assess_register_tx(d->db, &u, year, d->err);
	}
	if ((s = answer_set_tx(d->db, &u, year, "*", "đạt", NULL, 0, d->err)) != ANTT_OK)
		return s;
	d->answers++;
	if (roll < 110) {
		for (size_t i = 0; i < sizeof(quirks) / sizeof(*quirks); i++) {
			size_t k = (roll + i) % (sizeof(quirks) / sizeof(*quirks));
			if (strcmp(quirks[k].type, u.type) != 0)
				continue;
			s = answer_set_tx(d->db, &u, year, quirks[k].crit, quirks[k].value,
				quirks[k].note, quirks[k].exception, d->err);
			if (s != ANTT_ERR_NOT_FOUND) /* the older set may lack it: try another */
				return s;
		}
	}
	return ANTT_OK;
}

/* How far a commune's year has gone: 0 still being entered, 1 submitted,
 * 2 approved by the leader, 3 recognised by decisions. Past years are
 * closed; in the last one a few communes are at each earlier step, and the
 * first five are left being entered (the tests work on them). */
static int stage_of(int commune, int last)
{
	int k = (commune - 1) % 20 + 1;

	if (!last)
		return 3;
	return k <= 5 ? 0 : k <= 7 ? 1 : k <= 9 ? 2 : 3;
}

/* One SQL statement with a text and an int parameter. */
static antt_status exec2(struct demo *d, const char *sql, const char *text, int year)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(d->db, sql, &st, d->err);
	int rc;

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE && rc != SQLITE_ROW)
		s = db_fail(d->db, rc, d->err, "dữ liệu mẫu");
	sqlite3_finalize(st);
	return s;
}

/* Submit (stage 1) or approve (2, 3) the complete forms: of the units
 * under a commune, or of the commune itself. */
static antt_status advance(struct demo *d, const char *commune, int year, int stage, int itself)
{
	char sql[512];

	if (stage == 0)
		return ANTT_OK;
	snprintf(sql, sizeof(sql), "UPDATE assessments SET status = '%s', updated_by = 'demo'"
		" WHERE year = ?2 AND verdict <> 'missing' AND status IN ('registered', 'draft') AND unit_id IN"
		" (SELECT id FROM units WHERE %s = (SELECT id FROM units WHERE code = ?1))",
		stage == 1 ? "submitted" : "approved", itself ? "id" : "parent_id");
	return exec2(d, sql, commune, year);
}

/* A decision recognising the approved đạt units under a commune (or the
 * commune itself, by the level above). */
static antt_status decide(struct demo *d, const char *commune, int year, int itself, const char *authority, int number)
{
	static const char *const signers[] = { "Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Quốc Bảo" };
	sqlite3_stmt *st = NULL;
	char **codes = NULL, num[32], date[16];
	size_t n = 0;
	int added = 0;
	antt_status s;

	s = db_prepare(d->db, itself ?
		"SELECT u.code FROM units u JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" WHERE u.code = ?1 AND a.status = 'approved' AND a.verdict = 'pass'" :
		"SELECT u.code FROM units u JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" WHERE u.parent_id = (SELECT id FROM units WHERE code = ?1) AND a.status = 'approved'"
		" AND a.verdict = 'pass' ORDER BY u.code", &st, d->err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, commune, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while (s == ANTT_OK && sqlite3_step(st) == SQLITE_ROW) {
		char **g = grow_one(codes, n, sizeof(*g));
		if (!g || !(g[n] = strdup((const char *)sqlite3_column_text(st, 0)))) {
			s = ANTT_ERR_NOMEM;
			if (g)
				codes = g;
			break;
		}
		codes = g;
		n++;
	}
	sqlite3_finalize(st);
	snprintf(num, sizeof(num), "%d/QĐ-UBND", number);
	snprintf(date, sizeof(date), "%02d/11/%d", itself ? 25 : 10, year % 10000);
	if (s == ANTT_OK && n > 0)
		s = recognise_record_tx(d->db, &(recognise_decision){ num, date, authority, signers[number % 4] },
			year, (const char *const *)codes, n, &added, d->err);
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	return s;
}

/* Take a year's forms through submission, approval and recognition as
 * far as each commune's stage: the units first, then (their verdicts now
 * counting the recognised units) the communes. */
static antt_status close_year(struct demo *d, int year, int last, const char *upper)
{
	sqlite3_stmt *st = NULL;
	char (*communes)[2][320] = NULL;
	char authority[400];
	size_t n = 0;
	antt_status s;

	s = db_prepare(d->db, "SELECT u.code, lower(t.name) || ' ' || substr(u.name, length(t.name) + 2) FROM units u"
		" JOIN unit_types t ON t.code = u.type AND t.commune ORDER BY u.code", &st, d->err);
	if (s != ANTT_OK)
		return s;
	while (sqlite3_step(st) == SQLITE_ROW) {
		void *g = grow_one(communes, n, sizeof(*communes));
		if (!g) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		communes = g;
		snprintf(communes[n][0], sizeof(communes[n][0]), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(communes[n][1], sizeof(communes[n][1]), "%s", (const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; s == ANTT_OK && i < n; i++) {
		int stage = stage_of((int)i + 1, last);
		snprintf(authority, sizeof(authority), "Chủ tịch UBND %s", communes[i][1]);
		if ((s = advance(d, communes[i][0], year, stage, 0)) == ANTT_OK && stage == 3)
			s = decide(d, communes[i][0], year, 0, authority, 20 + (int)i * 7 % 80);
	}
	if (s == ANTT_OK)
		s = assess_recompute_year(d->db, year, d->err);
	snprintf(authority, sizeof(authority), "Chủ tịch UBND %s", upper);
	for (size_t i = 0; s == ANTT_OK && i < n; i++) {
		int stage = stage_of((int)i + 1, last);
		if ((s = advance(d, communes[i][0], year, stage, 1)) == ANTT_OK && stage == 3)
			s = decide(d, communes[i][0], year, 1, authority, 150 + (int)i);
	}
	free(communes);
	return s;
}

struct year_walk {
	struct demo *d;
	int year, last;
	antt_status st;
};

static int answer_unit(const unit_row *u, void *ctx)
{
	struct year_walk *w = ctx;

	if (!strcmp(u->type, "huyen") || !strcmp(u->type, "tinh"))
		return 0;
	w->st = answer_year(w->d, u->code, w->year, w->last);
	return w->st != ANTT_OK;
}

static const char *commune_type(int c)
{
	return c % 10 == 3 ? "thi-tran" : c % 15 == 7 ? "phuong" : "xa";
}

static antt_status build(struct demo *d, int communes, int kdc_per, int agencies, int firms,
                         int schools, const int *years, int n_years, const char *root_type,
                         const char *root_name, const char *upper)
{
	char code[96], pcode[16], name[512], tmp[128];
	antt_status s;
	int y, c, k;

	if ((s = add(d, "DV", root_type, root_name, NULL, 0)) != ANTT_OK)
		return s;
	for (c = 0; c < communes; c++) {
		const char *type = commune_type(c);
		const char *pl = place[c % (sizeof(place) / sizeof(*place))];

		snprintf(pcode, sizeof(pcode), "X%03d", c + 1);
		if (communes > (int)(sizeof(place) / sizeof(*place)))
			snprintf(tmp, sizeof(tmp), "%s %d", pl, c / (int)(sizeof(place) / sizeof(*place)) + 1);
		else
			snprintf(tmp, sizeof(tmp), "%s", pl);
		snprintf(name, sizeof(name), "%s %s", !strcmp(type, "xa") ? "Xã" : !strcmp(type, "phuong") ? "Phường" : "Thị trấn", tmp);
		if ((s = add(d, pcode, type, name, "DV", 0)) != ANTT_OK)
			return s;
		for (k = 0; k < kdc_per + (int)pick(d, 3) - 1; k++) {
			snprintf(code, sizeof(code), "%s-K%02d", pcode, k + 1);
			if (!strcmp(type, "xa"))
				snprintf(name, sizeof(name), "Thôn %s %s", hamlet[k % (sizeof(hamlet) / sizeof(*hamlet))], tmp);
			else
				snprintf(name, sizeof(name), "Tổ dân phố số %d", k + 1);
			if ((s = add(d, code, "khu-dan-cu", name, pcode, 0)) != ANTT_OK)
				return s;
		}
	}
	for (k = 0; k < agencies; k++) {
		c = k % communes;
		snprintf(pcode, sizeof(pcode), "X%03d", c + 1);
		snprintf(code, sizeof(code), "%s-CQ%02d", pcode, k / communes + 1);
		int a = (k / communes) % (int)(sizeof(agency) / sizeof(*agency));
		const char *type = commune_type(c);
		snprintf(tmp, sizeof(tmp), "%s%s", a >= AGENCY_OF_COMMUNE ? "" : !strcmp(type, "xa") ? "xã " :
			!strcmp(type, "phuong") ? "phường " : "thị trấn ", place[c % (sizeof(place) / sizeof(*place))]);
		snprintf(name, sizeof(name), agency[a], tmp);
		if ((s = add(d, code, "co-quan", name, pcode, 0)) != ANTT_OK)
			return s;
	}
	for (k = 0; k < firms; k++) {
		c = (k * 7) % communes;
		snprintf(pcode, sizeof(pcode), "X%03d", c + 1);
		snprintf(code, sizeof(code), "%s-DN%02d", pcode, k / communes + 1);
		snprintf(name, sizeof(name), firm[k % (sizeof(firm) / sizeof(*firm))], place[c % (sizeof(place) / sizeof(*place))]);
		/* a small enterprise is outside the standard's scope */
		if ((s = add(d, code, "doanh-nghiep", name, pcode, k % 13 == 12)) != ANTT_OK)
			return s;
	}
	for (k = 0; k < schools; k++) {
		int kind = (k + k / communes) % 4;
		c = (k * 3) % communes;
		snprintf(pcode, sizeof(pcode), "X%03d", c + 1);
		snprintf(code, sizeof(code), "%s-GD%02d", pcode, k / communes + 1);
		snprintf(name, sizeof(name), school[kind], place[c % (sizeof(place) / sizeof(*place))]);
		/* primary schools are not assessed under TT 124 */
		if ((s = add(d, code, "co-so-giao-duc", name, pcode, kind == 2)) != ANTT_OK)
			return s;
	}

	for (y = 0; y < n_years; y++) {
		unit_filter all = { .year = years[y] };
		struct year_walk w = { d, years[y], y == n_years - 1, ANTT_OK };

		s = unit_list(d->db, &all, answer_unit, &w, d->err);
		if (s == ANTT_OK)
			s = w.st;
		/* verdicts once, units before their communes */
		if (s == ANTT_OK)
			s = assess_recompute_year(d->db, years[y], d->err);
		if (s == ANTT_OK)
			s = close_year(d, years[y], y == n_years - 1, upper);
		if (s != ANTT_OK)
			return s;
	}
	return ANTT_OK;
}

static int first_unit(const unit_row *u, void *ctx)
{
	(void)u;
	*(int *)ctx = 1;
	return 1;
}

static antt_status settings(antt_db *db, const char *const kv[][2], size_t n, antt_err *err)
{
	antt_status s = ANTT_OK;

	for (size_t i = 0; i < n && s == ANTT_OK; i++)
		s = session_setting_set(db, kv[i][0], kv[i][1], err);
	return s;
}

static antt_status first_unit_check(antt_db *db, int *has, antt_err *err)
{
	return unit_list(db, &(unit_filter){ .all = 1 }, first_unit, has, err);
}

antt_status demo_build_scaled(antt_db *db, int province, int copies, int *units, antt_err *err)
{
	static const char *const district_settings[][2] = {
		{ "office_name", "Công an huyện Sông Lam" }, { "parent_agency", "Công an tỉnh Bình Giang" },
		{ "signer_title", "Trưởng Công an huyện" }, { "signer_name", "Thượng tá Nguyễn Văn Bình" },
		{ "report_prefix", "CAH" }, { "place", "Sông Lam" }, { "current_year", "2024" },
	};
	static const char *const province_settings[][2] = {
		{ "office_name", "Phòng PV05 - Công an tỉnh Bình Giang" }, { "parent_agency", "Công an tỉnh Bình Giang" },
		/* the report's signature block, number and place, as the district's
		 * (without them its signed page printed with no one to sign) */
		{ "signer_title", "Trưởng phòng" }, { "signer_name", "Thượng tá Trần Quốc Hưng" },
		{ "report_prefix", "PV05" }, { "place", "Bình Giang" }, { "current_year", "2025" },
		/* a province's PV05 reports to the ministry, not to itself (the
		 * layout's list is a commune's or a district's) */
		{ "recipients", "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc - Bộ Công an (để báo cáo);"
		  " Ban Giám đốc Công an tỉnh (để báo cáo); Lưu: VT, PV05." },
	};
	static const int two_years[] = { 2023, 2024 };
	static const int ten_years[] = { 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025 };
	struct demo d = { .db = db, .rng = 0x9e3779b97f4a7c15ULL, .err = err };
	antt_status s;
	int has = 0;

	*units = 0;
	if ((s = first_unit_check(db, &has, err)) != ANTT_OK)
		return s;
	db_uuid_origin(db, d.origin);
	if (has)
		return err_set(err, ANTT_ERR_EXISTS, "%s đã có đơn vị; dữ liệu mẫu chỉ tạo trên cơ sở dữ liệu "
			"trống", db->path);
	s = province ? settings(db, province_settings, sizeof(province_settings) / sizeof(*province_settings), err)
	             : settings(db, district_settings, sizeof(district_settings) / sizeof(*district_settings), err);
	if (s != ANTT_OK)
		return s;
	/* A big demo is written in one transaction of gigabytes: through the
	 * write-ahead log every page would be written at least twice (and a
	 * page spilled from the cache again and again), so it is built with a
	 * rollback journal (nothing to journal in an empty file), 128 MiB of
	 * pages, and statement journals in memory (on disk, each statement
	 * saved the pages it touched: 16 GB written in three minutes); back to
	 * the log and the defaults when done. */
	if (province)
		sqlite3_exec(db->sql, "PRAGMA cache_size = -131072; PRAGMA journal_mode = DELETE;"
			" PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if (province)
		s = build(&d, 100, 20, 500, 150, 250, ten_years, 10, "tinh", "Tỉnh Bình Giang", "tỉnh Bình Giang");
	else
		s = build(&d, 20, 8, 40, 15, 35, two_years, 2, "huyen", "Huyện Sông Lam", "huyện Sông Lam");
	db_uuid_origin_set(db, NULL);   /* the database's own again */
	if (s == ANTT_OK)
		s = demo_copies_tx(db, copies, err);
	if (s == ANTT_OK) {
		*units = 1 + (d.units - 1) * (copies > 1 ? copies : 1);
		s = db_commit(db, err);
	} else {
		db_rollback(db);
	}
	if (province)   /* SQLite's default cache, and the log as db_open set it */
		sqlite3_exec(db->sql, "PRAGMA cache_size = -2000; PRAGMA journal_mode = WAL; PRAGMA temp_store = DEFAULT",
			NULL, NULL, NULL);
	return s;
}

antt_status demo_build(antt_db *db, int province, int *units, antt_err *err)
{
	return demo_build_scaled(db, province, 1, units, err);
}

