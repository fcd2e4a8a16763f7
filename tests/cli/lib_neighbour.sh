# Helpers for the tests of what commune X1's packages may do to commune
# X2 at their district office (test_attack_neighbour*.sh): the office and
# both communes set up, each enrolled for its own commune with
# --may-approve, each X?-K1 approved and taken; forged packages signed
# again with X1's key; what the office holds of X2's, and of everything.
A() { db=$1; shift; "$ANTT" --db "$T/$db" "$@"; }
R() { /usr/bin/python3 "$(dirname "$0")/resign.py" "$@"; }
LD="env ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1"
QT="env ANTT_USER=qt ANTT_PASSWORD=quantri1"
uuid_of() { sqlite3 "$T/$1" "SELECT uuid FROM units WHERE code = '$2'"; }
form_of() { sqlite3 "$T/$1" "SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '$2' AND a.year = 2024"; }
OFFICE=office.db
# everything the office holds of X2's (as test_attack_neighbour.sh)
x2_state() {
	sqlite3 "$T/$OFFICE" "WITH RECURSIVE s(id) AS (SELECT id FROM units WHERE code = 'X2'
		UNION SELECT u.id FROM units u JOIN s ON u.parent_id = s.id)
	SELECT group_concat(x, '|') FROM (
		SELECT u.uuid || ':' || u.code || ':' || u.name || ':' || coalesce(u.parent_id, '') || ':' || coalesce(u.merged_into, '') AS x
		 FROM units u WHERE u.id IN s
		UNION ALL SELECT a.uuid || ':' || a.status || ':' || a.verdict || ':' || a.reason FROM assessments a WHERE a.unit_id IN s
		UNION ALL SELECT x.uuid || ':' || x.criterion || ':' || quote(x.value) || ':' || x.note FROM answers x
		 JOIN assessments a ON a.id = x.assessment_id WHERE a.unit_id IN s
		UNION ALL SELECT r.uuid || ':' || coalesce(r.withdrawn_at, '') || ':' || d.number || ':' || d.date || ':' || d.authority || ':' || d.signer
		 FROM recognitions r JOIN assessments a ON a.id = r.assessment_id JOIN decisions d ON d.id = r.decision_id WHERE a.unit_id IN s
		UNION ALL SELECT 'b:' || key || ':' || rev || ':' || content FROM sync_base WHERE substr(key, 1, 36) IN (SELECT uuid FROM units WHERE id IN s)
		UNION ALL SELECT 'c:' || key || ':' || coalesce(resolution, '') FROM conflicts WHERE substr(key, 1, 36) IN (SELECT uuid FROM units WHERE id IN s)
		UNION ALL SELECT 'h:' || count(*) FROM audit WHERE scope IN (SELECT uuid FROM units WHERE id IN s
		 UNION SELECT uuid FROM assessments WHERE unit_id IN s)
		ORDER BY 1)" | md5sum
}
whole() {
	sqlite3 "$T/$OFFICE" "SELECT group_concat(x, '|') FROM (
		SELECT uuid || ':' || code || ':' || coalesce(parent_id, '') || ':' || rev AS x FROM units
		UNION ALL SELECT uuid || ':' || status || ':' || verdict || ':' || rev FROM assessments
		UNION ALL SELECT uuid || ':' || criterion || ':' || quote(value) || ':' || rev FROM answers
		UNION ALL SELECT 'r:' || uuid || ':' || coalesce(withdrawn_at, '') FROM recognitions
		UNION ALL SELECT 'd:' || uuid || ':' || signer FROM decisions
		UNION ALL SELECT 'b:' || key || ':' || rev FROM sync_base
		UNION ALL SELECT 'audit:' || count(*) FROM audit UNION ALL SELECT 'conflicts:' || count(*) FROM conflicts
		ORDER BY 1)" | md5sum
}
office_import() { ANTT_USER=qt ANTT_PASSWORD=quantri1 DB="$T/$OFFICE" run import "$1"; }
# forge NAME FROM SQL: X1's package FROM, edited, signed again with X1's own key
forge() {
	cp "$T/$2" "$T/$1"
	sqlite3 "$T/$1" "$3"
	R "$T/$1" --key-from "$T/c1.db" > /dev/null
}
refused() {
	b=$(whole)
	office_import "$T/$1"
	expect_rc 1 "$2: refused"
	expect_eq "$(whole)" "$b" "  $2: nothing written"
}

# neighbours_set_up: as the header says
neighbours_set_up() {
	two_communes 3 || not_ok "the office and its two communes set up"
	leaders "$T/c1.db" || not_ok "X1 accounts"
	leaders "$T/c2.db" || not_ok "X2 accounts"
	$QT "$ANTT" --db "$T/office.db" trust add "$T/c1-0.antt" --under X1 --may-approve > /dev/null || not_ok "office enrols X1"
	$QT "$ANTT" --db "$T/office.db" trust add "$T/c2-0.antt" --under X2 --may-approve > /dev/null || not_ok "office enrols X2"
	for c in 1 2; do
		$QT "$ANTT" --db "$T/c$c.db" answer set X$c-K1 2024 '*' đạt > /dev/null || not_ok "X$c answers K1"
		A c$c.db submit X$c-K1 2024 > /dev/null
		$LD "$ANTT" --db "$T/c$c.db" approve X$c-K1 2024 > /dev/null || not_ok "X$c approves K1"
		A c$c.db export --under X$c -o "$T/c$c-1.antt" > /dev/null
		office_import "$T/c$c-1.antt"
		expect_rc 0 "the office takes X$c's genuine package"
	done
}
