# antt.exe for Windows, cross-built with mingw-w64 (README: "Windows").
# scripts/windows-deps.sh builds the libraries once into build/windows/deps;
# the sources are compiled again by this Makefile's own rules into
# build/windows/obj, with src/platform/win/compat.h supplying the POSIX names.
WIN_HOST := x86_64-w64-mingw32
WIN_DIR  := build/windows
WIN_DEPS := $(WIN_DIR)/deps
WIN_EXE  := $(WIN_DIR)/antt.exe

WIN_ZIP  := $(WIN_DIR)/antt-windows.zip

.PHONY: windows windows-deps check-windows
windows-deps:
	$(Q)JOBS=$${JOBS:-2} ./scripts/windows-deps.sh

windows: windows-deps $(BUILD)/gen/db_migrations.c
	$(Q)$(MAKE) --no-print-directory $(JOBS_FLAG) BUILD=$(WIN_DIR)/obj CC=$(WIN_HOST)-gcc AR=$(WIN_HOST)-ar \
	  PKGS= UI_PKGS= REPORT_PKGS= CFLAGS="-O2 -std=c11 -Wall -Wextra -Werror" \
	  CPPFLAGS="-D_GNU_SOURCE -Isrc -Isrc/core -Isrc/platform/win -Isrc/platform/win/include \
	    -include compat.h -I$(WIN_DEPS)/include -I$(WIN_DEPS)/include/ncursesw \
	    -DNCURSES_STATIC -DNCURSES_WIDECHAR=1 -DYAML_DECLARE_STATIC" \
	  LDFLAGS="-static -s -Wl,--wrap=setlocale,--wrap=zipOpenNewFileInZip4_64,--wrap=zipWriteInFileInZip,--wrap=zipCloseFileInZip,--wrap=lxw_tmpfile -L$(WIN_DEPS)/lib" \
	  LDLIBS="-lxlsxwriter -lsqlite3 -lyaml -lhogweed -lnettle -lunistring -lcsv -lcrypt \
	    -lncursesw -lz -lbcrypt -lshell32 -lwinpthread -lm" \
	  $(WIN_EXE) $(WIN_ZIP)

# what an office copies: antt.exe, forms/, the README and a short guide
# (text files with CRLF line ends, for Notepad)
$(WIN_ZIP): $(WIN_EXE) $(shell find forms -type f) README.md doc/HUONG-DAN-WINDOWS.txt
	$(call say,ZIP,$@)rm -rf $(WIN_DIR)/zip $@ && mkdir -p $(WIN_DIR)/zip/antt
	$(Q)cp -R $(WIN_EXE) forms README.md doc/HUONG-DAN-WINDOWS.txt $(WIN_DIR)/zip/antt/
	$(Q)cd $(WIN_DIR)/zip && zip -qr ../antt-windows.zip antt -x '*.txt' -x '*.md' && \
	  zip -qlr ../antt-windows.zip antt -i '*.txt' -i '*.md'

# only in the sub-make above (BUILD is then build/windows/obj)
$(WIN_EXE): $(CLI_OBJ) $(UI_OBJ) $(REPORT_OBJ) $(SYNC_OBJ) $(BUILD)/libantt.a $(BUILD)/src/platform/win/compat.o $(BUILD)/src/platform/win/utf8.o \
  $(BUILD)/src/platform/win/antt_rc.o $(wildcard $(WIN_DEPS)/lib/*.a)
	$(call say,LD,$@)$(CC) $(LDFLAGS) -o $@ $(filter %.o build/windows/obj/%.a,$^) $(LDLIBS)
	$(Q)$(WIN_HOST)-objdump -p $@ | sed -n 's/^\tDLL Name: //p' | tr '\n' ' ' | sed 's/^/  DLLs   /; s/$$/\n/'

$(BUILD)/src/platform/win/antt_rc.o: src/platform/win/antt.rc src/platform/win/antt.manifest
	$(call say,RC,$<)mkdir -p $(dir $@)
	$(Q)$(WIN_HOST)-windres -I src/platform/win -o $@ $<

# the CLI suite on antt.exe under wine (not part of make check: see README)
check-windows: windows
	$(Q)./tests/windows/run.sh
