"""TAP lines for the readers of antt's workbooks and PDFs: check() prints
"ok - ..." or "not ok - ..."; failed() is 1 once any check failed."""
_failed = 0


def check(cond, what):
    global _failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        _failed = 1
    return cond


def failed():
    return _failed
