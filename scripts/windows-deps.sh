#!/bin/sh
# Cross-builds every library antt links for Windows (x86_64-w64-mingw32),
# from Debian's own source packages, into build/windows/deps/{include,lib}.
# Debian ships only zlib for mingw; the rest is built here, statically.
# Each library leaves a stamp: a second run does nothing.  The deb-src line
# lives in a private apt config under build/windows/apt, so the machine's
# sources list is never changed.  JOBS=2 by default (a shared 2-core box).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/build/windows
DEPS=$W/deps
SRC=$W/src
HOST=x86_64-w64-mingw32
JOBS=${JOBS:-2}
LIBS="zlib sqlite3 libyaml libcsv libxlsxwriter libxcrypt nettle libunistring ncurses"

all_done=1
for l in $LIBS; do [ -f "$DEPS/.done-$l" ] || all_done=0; done
[ $all_done -eq 1 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# --- toolchain and build tools from Debian --------------------------------
PKGS="gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 libz-mingw-w64-dev wine64 wine
autoconf automake libtool cmake tcl make dpkg-dev ncurses-bin zip patch"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "windows-deps: cài$missing"
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi

mkdir -p "$DEPS/include" "$DEPS/lib" "$SRC"

# --- private apt config with deb-src lines of the machine's own archive ---
APT=$W/apt
APTOPT="-o Dir::Etc::SourceList=$APT/sources.list -o Dir::Etc::SourceParts=$APT/parts
-o Dir::State::Lists=$APT/lists -o Dir::Cache=$APT/cache -o APT::Sandbox::User=$(id -un)"
if [ ! -f "$APT/.updated" ]; then
	mkdir -p "$APT/parts" "$APT/lists/partial" "$APT/cache/archives/partial"
	: > "$APT/sources.list"
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && sed -n 's/^deb \(.*\)/deb-src \1/p' "$f" >> "$APT/sources.list"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && sed 's/^Types: deb$/Types: deb-src/' "$f" > "$APT/parts/$(basename "$f")"
	done
	# shellcheck disable=SC2086
	apt-get $APTOPT update -q
	touch "$APT/.updated"
fi

# fetch NAME: unpacks Debian's source of NAME (patches applied) into $SRC/NAME
fetch() {
	[ -d "$SRC/$1" ] && return 0
	rm -rf "$SRC/tmp-$1" && mkdir -p "$SRC/tmp-$1"
	# shellcheck disable=SC2086
	(cd "$SRC/tmp-$1" && apt-get $APTOPT source -q "$1")
	d=$(find "$SRC/tmp-$1" -mindepth 1 -maxdepth 1 -type d | head -1)
	mv "$d" "$SRC/$1" && rm -rf "$SRC/tmp-$1"
}

TC=$W/toolchain.cmake
cat > "$TC" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_C_COMPILER $HOST-gcc)
set(CMAKE_CXX_COMPILER $HOST-g++)
set(CMAKE_RC_COMPILER $HOST-windres)
set(CMAKE_FIND_ROOT_PATH /usr/$HOST $DEPS)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
EOF

CONF="--host=$HOST --prefix=$DEPS --disable-shared --enable-static"
export CFLAGS="-O2"

build_zlib() {
	# Debian's libz-mingw-w64-dev: copy so the deps folder is complete
	cp /usr/$HOST/include/zlib.h /usr/$HOST/include/zconf.h "$DEPS/include/"
	cp /usr/$HOST/lib/libz.a "$DEPS/lib/"
}

build_sqlite3() {
	fetch sqlite3
	b=$SRC/sqlite3-build && rm -rf "$b" && mkdir -p "$b"
	# the amalgamation is made by the host's configure + tclsh
	(cd "$b" && "$SRC/sqlite3/configure" -q >/dev/null && make -s sqlite3.c >/dev/null)
	$HOST-gcc -O2 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 \
		-c -o "$b/sqlite3.o" "$b/sqlite3.c"
	$HOST-ar rcs "$DEPS/lib/libsqlite3.a" "$b/sqlite3.o"
	cp "$b/sqlite3.h" "$b/sqlite3ext.h" "$DEPS/include/" 2>/dev/null ||
		cp "$b/sqlite3.h" "$DEPS/include/"
}

cmake_build() { # NAME [cmake options]
	n=$1; shift
	b=$SRC/$n-build && rm -rf "$b"
	cmake -S "$SRC/$n" -B "$b" -DCMAKE_TOOLCHAIN_FILE="$TC" -DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_INSTALL_PREFIX="$DEPS" -DBUILD_SHARED_LIBS=OFF "$@" >/dev/null
	cmake --build "$b" -j "$JOBS" >/dev/null
	cmake --install "$b" >/dev/null
}

build_libyaml() {
	fetch libyaml
	cmake_build libyaml -DBUILD_TESTING=OFF -DINSTALL_CMAKE_DIR=lib/cmake/yaml
}

build_libxlsxwriter() {
	fetch libxlsxwriter
	# numbers as "%.16G" like Debian's build, so the workbook is the same
	# byte for byte; MinGW's own printf, not msvcrt's (the locale is "C")
	cmake_build libxlsxwriter -DUSE_DTOA_LIBRARY=OFF -DUSE_SYSTEM_MINIZIP=OFF \
		-DCMAKE_C_FLAGS="-O2 -D__USE_MINGW_ANSI_STDIO=1" \
		-DCMAKE_CXX_COMPILER_WORKS=1 -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF \
		-DZLIB_INCLUDE_DIR=/usr/$HOST/include -DZLIB_LIBRARY=/usr/$HOST/lib/libz.a
}

auto_build() { # NAME [configure options]
	n=$1; shift
	b=$SRC/$n-build && rm -rf "$b" && mkdir -p "$b"
	# shellcheck disable=SC2086
	(cd "$b" && "$SRC/$n/configure" $CONF "$@" >/dev/null &&
		make -j "$JOBS" >/dev/null && make install >/dev/null)
}

build_libcsv() {
	fetch libcsv
	auto_build libcsv
}

build_libxcrypt() {
	fetch libxcrypt
	(cd "$SRC/libxcrypt" && [ -f configure ] || autoreconf -fi >/dev/null 2>&1)
	auto_build libxcrypt --disable-werror --enable-hashes=strong --enable-obsolete-api=no \
		--disable-failure-tokens
}

build_nettle() {
	fetch nettle
	# hogweed (Ed25519 for package signatures) on mini-gmp: no GMP to build
	auto_build nettle --enable-mini-gmp --disable-documentation --disable-openssl \
		--libdir="$DEPS/lib"
}

build_libunistring() {
	fetch libunistring
	auto_build libunistring
}

build_ncurses() {
	fetch ncurses
	# typed Vietnamese: keys read as UTF-16, not AsciiChar (see the patch)
	grep -q utf8_pending "$SRC/ncurses/ncurses/tinfo/lib_win32con.c" ||
		patch -d "$SRC/ncurses" -p1 < "$ROOT/scripts/windows/ncurses-utf16-input.patch"
	auto_build ncurses --without-ada --without-cxx-binding --without-manpages \
		--without-progs --without-tests --without-debug --enable-widec \
		--enable-term-driver --enable-sp-funcs --enable-exp-win32 \
		--with-fallbacks=ms-terminal --disable-home-terminfo --without-pkg-config \
		--disable-db-install
}

for l in $LIBS; do
	[ -f "$DEPS/.done-$l" ] && continue
	echo "windows-deps: $l"
	t0=$(date +%s)
	"build_$l"
	touch "$DEPS/.done-$l"
	echo "windows-deps: $l xong sau $(($(date +%s) - t0)) s"
done
