# antt — build, run, test, install.  `make V=1` shows full command lines.

PREFIX   ?= /usr/local
BUILD    ?= build
CC       ?= cc
SAN      ?=

PKGS     := sqlite3 yaml-0.1 nettle hogweed
UI_PKGS  := ncursesw
REPORT_PKGS := xlsxwriter
CPPFLAGS += -D_GNU_SOURCE -Isrc -Isrc/core $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -Wall -Wextra -Werror
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring -lcsv -lcrypt -lm

ifneq ($(SAN),)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

ifeq ($(V),)
Q = @
say = @printf '  %-6s %s\n' $(1) $(2);
endif

CORE_SRC := $(sort $(wildcard src/core/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c)) src/main.c
UI_SRC   := $(sort $(wildcard src/ui/*.c))
REPORT_SRC := $(sort $(wildcard src/report/*.c))
SYNC_SRC := $(sort $(wildcard src/sync/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
MIGRATIONS := $(sort $(wildcard db/[0-9][0-9][0-9]_*.sql))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/db_migrations.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/%.o)
REPORT_OBJ := $(REPORT_SRC:%.c=$(BUILD)/%.o)
SYNC_OBJ := $(SYNC_SRC:%.c=$(BUILD)/%.o)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN      := $(if $(filter build,$(BUILD)),antt,$(BUILD)/antt)

DEMO_DB  ?= demo.db

.PHONY: all run check unit-tests bench install clean deps demo stress valgrind fuzz FORCE
all: $(BIN)

deps:
	$(Q)./scripts/deps.sh

$(BUILD)/%.o: %.c
	$(call say,CC,$<)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The names of the migrations, rewritten only when they change: one taken
# away (or renamed) makes the embedded SQL again, as one added or edited
# does; otherwise a binary kept a migration removed from db/.
$(BUILD)/gen/migrations.list: FORCE
	@mkdir -p $(dir $@); echo '$(MIGRATIONS)' | cmp -s - $@ || echo '$(MIGRATIONS)' > $@

$(BUILD)/gen/db_migrations.c: $(MIGRATIONS) $(BUILD)/gen/migrations.list scripts/embed-sql.sh
	$(call say,GEN,$@)mkdir -p $(dir $@)
	$(Q)./scripts/embed-sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

FORCE:

$(BUILD)/gen/db_migrations.o: $(BUILD)/gen/db_migrations.c
	$(call say,CC,$<)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# every module but the screens and the command line, so that the report
# writer and the exchange of packages have unit tests too
$(BUILD)/libantt.a: $(CORE_OBJ) $(REPORT_OBJ) $(SYNC_OBJ)
	$(call say,AR,$@)rm -f $@
	$(Q)$(AR) rcs $@ $^

# only src/ui sees curses, only src/report sees xlsxwriter
$(UI_OBJ): CPPFLAGS += $(shell pkg-config --cflags $(UI_PKGS) 2>/dev/null)
$(REPORT_OBJ): CPPFLAGS += $(shell pkg-config --cflags $(REPORT_PKGS) 2>/dev/null) $(XLSX_CPPFLAGS)

# libxlsxwriter opened by name when the first workbook is made, not linked
# (src/report/xlsx.h): its name read from the shared library the linker
# would take. None found (no shared library, a cross build): linked as
# before. The minizip and libxlsxwriter calls report_zip.c takes must then be exported
# by hand: the linker exports them only to a library it links.
XLSX_SONAME := $(if $(REPORT_PKGS),$(shell objdump -p "$$($(CC) -print-file-name=libxlsxwriter.so 2>/dev/null)" 2>/dev/null | sed -n 's/^ *SONAME *//p'))
ifneq ($(XLSX_SONAME),)
XLSX_CPPFLAGS := -DANTT_XLSX_SONAME='"$(XLSX_SONAME)"'
XLSX_LIBS := -Wl,--export-dynamic-symbol=zipOpenNewFileInZip4_64,--export-dynamic-symbol=zipWriteInFileInZip \
  -Wl,--export-dynamic-symbol=zipCloseFileInZip,--export-dynamic-symbol=lxw_tmpfile
else
XLSX_LIBS = $(shell pkg-config --libs $(REPORT_PKGS) 2>/dev/null)
endif
# ISA-L's deflate, four times zlib's speed at its fastest level for a
# smaller file, opened by name when a workbook part is first deflated
# (report_deflate.c): no ISA-L where it is built, zlib as before
ISAL_SONAME := $(if $(REPORT_PKGS),$(shell objdump -p "$$($(CC) -print-file-name=libisal.so 2>/dev/null)" 2>/dev/null | sed -n 's/^ *SONAME *//p'))
ISAL_CPPFLAGS := $(if $(ISAL_SONAME),-DANTT_ISAL_SONAME='"$(ISAL_SONAME)"')
XLSX_CPPFLAGS += $(ISAL_CPPFLAGS)

$(BIN): $(CLI_OBJ) $(UI_OBJ) $(REPORT_OBJ) $(SYNC_OBJ) $(BUILD)/libantt.a
	$(call say,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs $(UI_PKGS) 2>/dev/null) $(XLSX_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libantt.a
	$(call say,CC,$<)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(XLSX_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libantt.a $(LDLIBS) $(XLSX_LIBS) -lcmocka

# test_report_deflate inflates what it deflated: zlib linked, as libxlsxwriter links it;
# ISA-L too where built with it, to deflate one stream to measure against
$(BUILD)/tests/test_report_deflate: LDLIBS += -lz $(if $(ISAL_SONAME),-lisal)

# test_nomem refuses the Nth allocation of the code under test
$(BUILD)/tests/test_nomem: LDFLAGS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup

unit-tests: $(TESTS)

# Opens the application on the demo database, creating it the first time.
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)[ -f $(DEMO_DB) ] || ./antt --db $(DEMO_DB) demo
	$(Q)./antt --db $(DEMO_DB)

# the builds that make check and make windows start themselves use every
# core unless make was given its own -j
JOBS_FLAG = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(shell nproc 2>/dev/null || echo 2))

# Every test, then the unit tests again under ASan + UBSan. Like run, it
# installs what is missing first: on a fresh machine it is the first command.
# The benchmark's floor is built too: it links what antt opens by name.
check: deps
	$(Q)$(MAKE) --no-print-directory $(JOBS_FLAG) all unit-tests $(BUILD)/bench/xlsx_floor
	$(Q)$(MAKE) --no-print-directory $(JOBS_FLAG) BUILD=build/san SAN=1 unit-tests build/san/antt
	$(Q)./tests/run.sh

bench: all $(BUILD)/bench/xlsx_floor
	$(Q)./bench/run.sh

# the report's floor: libxlsxwriter alone writing a report's cells. It
# links the library, so its zip level's interposer is compiled as for a
# linked one (RTLD_NEXT), not antt's, which finds minizip through the
# handle xlsx_load opens (xlsx.h)
$(BUILD)/bench/xlsx_floor: bench/xlsx_floor.c $(BUILD)/bench/report_zip.o $(BUILD)/bench/report_deflate.o
	$(call say,LD,$@)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(shell pkg-config --cflags $(REPORT_PKGS) 2>/dev/null) $(CFLAGS) -o $@ $^ \
	  $(shell pkg-config --libs $(REPORT_PKGS) 2>/dev/null) -lz -ldl -pthread

$(BUILD)/bench/report_%.o: src/report/report_%.c
	$(call say,CC,$<)mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(shell pkg-config --cflags $(REPORT_PKGS) 2>/dev/null) $(ISAL_CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# make stress: 200 kill -9 trials in the middle of entry (make check runs 3)
stress: all
	$(Q)TRIALS=$${TRIALS:-200} ANTT=$(CURDIR)/antt ANTT_FORMS=$(CURDIR)/forms sh tests/ui/test_crash.sh | tee build/stress.log | grep -c '^ok' > /dev/null; \
	  grep -E '^not ok' build/stress.log || echo "stress: $$(grep -c '^ok' build/stress.log) checks passed, 0 failed"

# make valgrind: the unit tests, then every end-to-end test, under memcheck,
# leaks included (tests/valgrind.sh wraps each run of the binary)
valgrind: unit-tests $(BIN)
	$(Q)fail=0; for t in $(TESTS); do \
	  ANTT_FORMS=$(CURDIR)/forms valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 $$t > build/valgrind-$$(basename $$t).log 2>&1 || { echo "  FAIL   $$t (build/valgrind-$$(basename $$t).log)"; fail=1; }; \
	done; [ $$fail -eq 0 ] && echo "valgrind: every unit test clean"
	$(Q)sh tests/valgrind.sh

# make fuzz: libFuzzer (clang) on the form loader, the CSV importers and the
# package importer, FUZZ_RUNS executions each (not in CI)
FUZZ_RUNS ?= 1000000
FUZZ_TARGETS ?= form csv package
fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build/fuzz/libantt.a $(SYNC_SRC:%.c=build/fuzz/%.o)
	$(Q)for t in $(FUZZ_TARGETS); do \
	  clang $(CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	    $(SYNC_SRC:%.c=build/fuzz/%.o) build/fuzz/libantt.a $(LDLIBS) || exit 1; \
	  mkdir -p build/fuzz/corpus-$$t; \
	  echo "fuzz_$$t: $(FUZZ_RUNS) runs (log: build/fuzz/run-$$t.log)"; \
	  ANTT_FORMS=$(CURDIR)/forms build/fuzz/fuzz_$$t -runs=$(FUZZ_RUNS) -max_len=65536 -timeout=10 \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/crash-$$t- build/fuzz/corpus-$$t tests/fuzz/corpus/$$t \
	    > build/fuzz/run-$$t.log 2>&1 || { tail -30 build/fuzz/run-$$t.log; echo "fuzz_$$t: FAILED"; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done' build/fuzz/run-$$t.log; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/antt/forms $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 antt $(DESTDIR)$(PREFIX)/bin/antt
	cp -R forms/. $(DESTDIR)$(PREFIX)/share/antt/forms/
	install -m 644 doc/antt.1 $(DESTDIR)$(PREFIX)/share/man/man1/antt.1

clean:
	rm -rf build antt

# make windows, make check-windows: windows.mk
include windows.mk

-include $(shell find $(BUILD) -path build/windows -prune -o -name '*.d' -type f -print 2>/dev/null)
