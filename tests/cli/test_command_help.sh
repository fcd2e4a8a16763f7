# "antt COMMAND --help" (or -h right after it): the command's usage on
# stdout, exit 0, with no database opened — an officer asks on a machine
# that has none yet. Before, it tried the database first ("không có tệp cơ
# sở dữ liệu này"), then getopt's English "unrecognized option '--help'".
# After a group's word alone (antt unit --help) every command of the group.
. "$(dirname "$0")/lib.sh"

run report --help
expect_rc 0 "report --help"
expect_out "antt report --year NĂM" "report --help: its usage"
expect_eq "$err" "" "report --help: nothing on stderr (no getopt English)"
[ ! -e "$DB" ] && ok "report --help: no database made or opened" || not_ok "report --help made $DB"

run report -h
expect_rc 0 "report -h"
expect_out "antt report --year NĂM" "report -h: its usage"

run unit --help
expect_rc 0 "unit --help"
expect_out "antt unit import TỆP.csv" "unit --help: the group's commands"
expect_out "antt unit rename MÃ TÊN_MỚI" "unit --help: every one of them"
expect_no_out "antt report" "unit --help: not the other commands"

run unit add X01 --help
expect_rc 0 "unit add ... --help"
expect_out "antt unit add MÃ LOẠI TÊN" "unit add --help: its usage"
expect_no_out "antt unit rename" "unit add --help: that command alone"
[ ! -e "$DB" ] && ok "unit add --help: nothing added, no database" || not_ok "unit add --help made $DB"

run nosuch --help
expect_rc 2 "an unknown command with --help"
expect_err "Gõ \"antt help\"" "an unknown command still points to antt help"
finish
