# Issue 12: `antt audit` without --unit reads every row, settings included,
# whose values are plain text (an office name), not JSON.
. "$(dirname "$0")/lib.sh"

run settings office_name "Công an huyện Sông Lam"
expect_rc 0 "a setting holding plain text"
run settings office_name "Công an huyện Sông Lam (mới)"
expect_rc 0 "changed once"
run audit
expect_rc 0 "audit without --unit"
expect_out "thiết lập office_name: (chưa đặt) → Công an huyện Sông Lam" "the first setting is listed"
expect_out "Công an huyện Sông Lam → Công an huyện Sông Lam (mới)" "the change is listed"
case "$err" in *malformed*) not_ok "a JSON error";; *) ok "no JSON error";; esac
finish
