#!/bin/sh
# What a database costs per answer, table by table (SQLite's dbstat):
# bytes of each table and index divided by the number of answers, largest
# first, and the whole file. usage: bench/dbsize.sh DB [ROWS]
set -eu
db=$1
sqlite3 "$db" "SELECT printf('%8.1f  %s', sum(pgsize) * 1.0 / (SELECT count(*) FROM answers), name) FROM dbstat
	GROUP BY name ORDER BY sum(pgsize) DESC LIMIT ${2:-10};
	SELECT printf('%8.1f  byte một câu trả lời: %s câu trả lời, %.1f MiB',
	 sum(pgsize) * 1.0 / (SELECT count(*) FROM answers), (SELECT count(*) FROM answers), sum(pgsize) / 1048576.0) FROM dbstat;"
