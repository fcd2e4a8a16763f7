# End to end: the movement's registers built from CSV files give the
# seed-style figures (32 launches, 66 models kept, 16 new, 11 bằng khen,
# 25 giấy khen), the score sheets give classes and candidates, and all of it
# is in the workbook.
. "$(dirname "$0")/lib.sh"

"$ANTT" --db "$DB" demo > /dev/null
communes=$(sql "SELECT code FROM units WHERE type IN ('xa', 'phuong', 'thi-tran') ORDER BY code")
set -- $communes
{
	echo "unit_code,year,kind,date,participants,note"
	i=0; while [ $i -lt 32 ]; do eval c=\${$(( i % $# + 1 ))}; echo "$c,2024,phat-dong,2024-0$(( i % 9 + 1 ))-1$(( i % 9 )),$(( 100 + i )),"; i=$((i + 1)); done
	echo "X001,2023,phat-dong,2023-03-01,50,năm trước"
} > "$T/act.csv"
{
	echo "unit_code,name,kind,year_started,places,teams,members"
	i=0; while [ $i -lt 66 ]; do eval c=\${$(( i % $# + 1 ))}; echo "$c,Mô hình duy trì $i,Tổ nhân dân tự quản,$(( 2019 + i % 5 )),1,1,10"; i=$((i + 1)); done
	i=0; while [ $i -lt 16 ]; do eval c=\${$(( i % $# + 1 ))}; echo "$c,Mô hình mới $i,Camera giám sát an ninh,2024,2,1,5"; i=$((i + 1)); done
} > "$T/models.csv"
{
	echo "unit_code,year,level,collective,recipient,reason,decision_no,decision_date"
	i=0; while [ $i -lt 11 ]; do eval c=\${$(( i % $# + 1 ))}; echo "$c,2024,Bằng khen của Bộ trưởng Bộ Công an,1,,Thành tích xuất sắc,$i/QĐ-BCA,2024-12-0$(( i % 9 + 1 ))"; i=$((i + 1)); done
	i=0; while [ $i -lt 25 ]; do eval c=\${$(( i % $# + 1 ))}; echo "$c,2024,giay-khen-giam-doc,0,Cán bộ $i,Có thành tích,$i/QĐ-CAT,2024-11-2$(( i % 9 ))"; i=$((i + 1)); done
} > "$T/comm.csv"
run movement import activities "$T/act.csv"; expect_rc 0 "activities imported"
run movement import models "$T/models.csv"; expect_rc 0 "models imported"
run movement import commendations "$T/comm.csv"; expect_rc 0 "commendations imported"
run movement show 2024
expect_out "32 cuộc phát động" "32 launches"
expect_out "82 mô hình: 66 duy trì, 16 mới" "66 models kept and 16 new"
expect_out "11 Bằng khen của Bộ trưởng Bộ Công an" "11 bằng khen"
expect_out "25 Giấy khen của Giám đốc Công an tỉnh" "25 giấy khen"

# refusals name the line and the field
printf 'unit_code,year,kind,date,participants\nX001,2024,phat-dong,2025-01-02,10\nX999,2024,phat-dong,2024-01-02,10\n' > "$T/bad.csv"
run movement import activities "$T/bad.csv"
expect_rc 1 "bad register file"
expect_err "dòng 2: ngày 2025-01-02 không thuộc năm 2024" "date outside the year"
expect_err "dòng 3: không có đơn vị mã \"X999\"" "unknown unit"
# a row with the wrong number of columns says which columns the register has
printf 'unit_code,name,kind,year_started\nX001,Camera,camera,2024\n' > "$T/cols.csv"
run movement import models "$T/cols.csv"
expect_rc 1 "models: too few columns"
expect_err "dòng 2: có 4 cột, sổ mô hình cần 7 cột: unit_code,name,kind,year_started,places,teams,members" "models: the columns named"
printf 'unit_code,year,total\nX001,2024,3\n' > "$T/cols.csv"
run movement import tipoffs "$T/cols.csv"
expect_err "dòng 2: có 3 cột, sổ tin báo cần 4 hoặc 5 cột: unit_code,year,total,valuable[,outcome]" "tipoffs: the columns named"

# score sheets: classes and candidates
printf 'unit_code,year,item,self,reviewer\nX001-CQ02,2024,6,34,34\nX001-CQ02,2024,7,30,30\nX001-CQ02,2024,5,20,18\nX001-CQ02,2024,1,3,3\nX001-CQ02,2024,2,0,0\nX001-CQ02,2024,3,0,0\nX001-CQ02,2024,4a,0,0\nX001-CQ02,2024,4b,0,0\nX001-CQ02,2024,8,0,0\nX001-CQ01,2024,6,30,30\n' > "$T/scores.csv"
run score import "$T/scores.csv"; expect_rc 1 "reviewer's scores need a proven leader"
expect_err "cần lãnh đạo duyệt đăng nhập" "the refusal says who may"
leaders
ANTT_USER=lanhdao run score import "$T/scores.csv"; expect_rc 1 "a leader's name with no password is refused"
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run score import "$T/scores.csv"; expect_rc 0 "scores imported by the leader"
run score show X001-CQ02 2024
expect_out "Tổng: tự chấm 87,0, cấp trên chấm 85,0; chênh lệch -2,0" "totals and the difference"
expect_out "Xếp loại: Khá" "class from the reviewer's score"
run score show X001-CQ01 2024
expect_out "Xếp loại: chưa chấm xong (còn 8 mục)" "a half-scored sheet has no class yet"
printf 'unit_code,year,item,self\nX001-CQ02,2024,1,4\n' > "$T/over.csv"
run score import "$T/over.csv"
expect_rc 1 "score above the item's maximum"
expect_err "mục 1, điểm tự chấm: 4 vượt điểm chuẩn 3" "the message names item and field"
run candidates 2024
expect_no_out "X001-CQ02" "đạt by its own verdict is not enough: a candidate must be recognised"
run submit X001-CQ02 2024
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run approve X001-CQ02 2024
ANTT_USER=lanhdao ANTT_PASSWORD=lanhdao1 run recognise --decision "45/QĐ-UBND" --date 10/11/2024 \
	--by "Chủ tịch UBND xã Hòa Bình" 2024 X001-CQ02
expect_rc 0 "the unit is recognised"
run candidates 2024
expect_out "X001-CQ02" "the candidate is listed"
run candidates 2024 --propose X001-CQ02
# the dossier's list: every scored unit with its score and proposed class,
# the yếu and the half-scored ones too (QĐ 510: danh sách chấm điểm)
printf 'unit_code,year,item,self\nX001-K01,2024,1,5\nX001-K01,2024,2,5\nX001-K01,2024,3,5\nX001-K01,2024,4,5\nX001-K01,2024,5,0\n' > "$T/low.csv"
run score import "$T/low.csv"; expect_rc 0 "a low score sheet"
run score list 2024
expect_rc 0 "score list"
expect_eq "$(printf '%s\n' "$out" | grep -c 'X001-K01 .*20,0 .*Yếu')" 1 "a unit rated yếu is listed with its score"
expect_eq "$(printf '%s\n' "$out" | grep -c 'X001-CQ02 .*85,0 .*Khá')" 1 "a khá unit is listed with the reviewer's score"
expect_eq "$(printf '%s\n' "$out" | grep -c 'X001-CQ01 .*chưa chấm xong')" 1 "a half-scored unit is listed as not finished"
run score list 2024 --under X002
expect_no_out "X001-K01" "the list keeps to the unit asked for"
run score list 2024 --under X999
expect_rc 1 "an unknown unit is refused, not shown as an empty list"
run report --year 2024 -o "$T/bc.xlsx" --date 2024-11-20
expect_rc 0 "report"
got=$(/usr/bin/python3 - "$T/bc.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ph = {r[0].value: r[1].value for r in wb["Phong trào"].iter_rows(min_row=4) if r[0].value}
cand = [[c.value for c in r] for r in wb["Đề nghị điển hình"].iter_rows(min_row=4) if r[1].value]
cls = [[c.value for c in r] for r in wb["Xếp loại"].iter_rows(min_row=4) if r[0].value == "Tổng cộng" and r[1].value == "Cơ quan"]
lst = {r[1].value: (r[4].value, r[5].value) for r in wb["Danh sách chấm điểm"].iter_rows(min_row=4) if r[1].value}
fmt = [r[4].number_format for r in wb["Danh sách chấm điểm"].iter_rows(min_row=4) if r[1].value == "Thôn Đông Hòa Bình"]
ws = wb["Phong trào"]
print(ph["Cuộc phát động phong trào"], ph["   trong đó duy trì từ các năm trước"], ph["   trong đó xây dựng mới trong năm"],
      ph["Bằng khen của Bộ trưởng Bộ Công an"], ph["Giấy khen của Giám đốc Công an tỉnh"],
      cand[0][1], cand[0][5], cand[0][6], cls[0][1], cls[0][3],
      ws.page_setup.paperSize, ws.print_title_rows,
      lst.get("Thôn Đông Hòa Bình"), lst.get("Trạm Y tế xã Hòa Bình"), lst.get("Ủy ban nhân dân xã Hòa Bình"),
      fmt[0].endswith("0.0"))
PY
)
expect_eq "$got" "32 66 16 11 25 Trạm Y tế xã Hòa Bình Khá Đề nghị Cơ quan 1 9 \$3:\$3 (20, 'Yếu') (85, 'Khá') (None, 'Chưa chấm xong') True" "workbook: figures, candidates, classes and every unit's score (one decimal)"
finish
