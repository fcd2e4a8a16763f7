# An attacker's tool for the package tests: after editing a package with
# sqlite3, recompute its SHA-256 with antt's own algorithm (package.c,
# sync_checksum) and sign it again, with a key of one's own or with the
# private key read out of a database file one holds.
#   resign.py PACKAGE [--foreign | --key-from DB | --strip]
#     --foreign      sign with a new key, but leave the sender's key named
#     --impersonate  sign with a new key and name that key as the sender
#     --key-from DB  sign with the machine key stored in DB (machine_key)
#     --strip        remove the signature, recompute the checksum only
import hashlib, sqlite3, struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

TABLES = [
    ("manifest", "key NOT IN ('sha256', 'signature')", "key"),
    ("units", None, "uuid"),
    ("criteria_sets", None, "sha256"),
    ("assessments", None, "unit_uuid, year"),
    ("answers", None, "unit_uuid, year, criterion"),
    ("audit", None, "id"),
    ("decisions", None, "uuid"),
    ("recognitions", None, "uuid"),
]
TYPES = {"integer": 1, "real": 2, "text": 3, "blob": 4, "null": 5}


def checksum(db):
    h = hashlib.sha256()
    for table, where, order in TABLES:
        cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % table)]
        sel = ", ".join("typeof(%s), CASE WHEN typeof(%s) = 'blob' THEN %s ELSE CAST(%s AS TEXT) END"
                        % (c, c, c, c) for c in cols)
        q = "SELECT %s FROM %s%s ORDER BY %s" % (sel, table, " WHERE " + where if where else "", order)
        for row in db.execute(q):
            for i in range(0, len(row), 2):
                t, v = row[i], row[i + 1]
                data = b"" if v is None else (v if isinstance(v, bytes) else str(v).encode("utf-8"))
                h.update(bytes([TYPES[t]]))
                h.update(struct.pack("<I", len(data)))
                h.update(data)
    return h.hexdigest()


def fingerprint(pub):
    d = hashlib.sha256(pub).hexdigest().upper()[:24]
    return "-".join(d[i:i + 4] for i in range(0, 24, 4))


def raw_pub(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def main():
    path, mode = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "--foreign"
    db = sqlite3.connect(path)
    if mode == "--key-from":
        src = sqlite3.connect(sys.argv[3])
        key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(
            src.execute("SELECT private_key FROM machine_key").fetchone()[0]))
    else:
        key = Ed25519PrivateKey.generate()
    if mode in ("--impersonate", "--key-from"):
        pub = raw_pub(key)
        db.execute("INSERT OR REPLACE INTO manifest VALUES ('sender_key', ?)", (pub.hex(),))
        db.execute("INSERT OR REPLACE INTO manifest VALUES ('sender_fingerprint', ?)", (fingerprint(pub),))
    for t in ("units", "assessments", "answers", "audit"):
        n = db.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
        db.execute("INSERT OR REPLACE INTO manifest VALUES (?, ?)", ("rows_" + t, str(n)))
    sha = checksum(db)
    db.execute("INSERT OR REPLACE INTO manifest VALUES ('sha256', ?)", (sha,))
    if mode == "--strip":
        db.execute("DELETE FROM manifest WHERE key = 'signature'")
    else:
        sig = key.sign(b"antt-package-v1\n" + sha.encode())
        db.execute("INSERT OR REPLACE INTO manifest VALUES ('signature', ?)", (sig.hex(),))
    db.commit()
    print(fingerprint(raw_pub(key)))


main()
