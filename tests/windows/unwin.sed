# antt.exe names files the Windows way (\tmp\antt-cli-x\antt-backups\a.db,
# D:\tmp\...); the tests, which gave it Unix paths, read them back as such
s#(^|[^[:alnum:]\\])([A-Z]:)?\\(tmp|work)\\#\1/\3/#g
:a
s#(/(tmp|work)/[^[:space:]\\]*)\\#\1/#
ta
