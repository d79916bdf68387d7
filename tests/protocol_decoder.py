#!/usr/bin/python3
"""A second decoder of the CoP Kiosk sync protocol, written from sync/PROTOCOL.md
alone (not from the C code), to show that the document is enough: it decodes
frames to the batch's records, checks the signature, opens sealed batches and
computes the receipt. Python 3 with Debian's python3-nacl (Ed25519, sealed boxes).

  protocol_decoder.py vectors DIR          checks every vector in DIR (sync/vectors)
  protocol_decoder.py decode FRAMES [KEY]  prints the receipt of a batch's frames
"""
import hashlib
import sys
import zlib

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import PrivateKey, SealedBox
from nacl.signing import VerifyKey

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PROTOCOLS = (1, 2)
MAX_PARTS = 4096
MAX_PAYLOAD = 64 << 20
MAX_INT = 2**53 - 1
M64 = (1 << 64) - 1


class Refused(Exception):
    """A frame, batch or record the protocol says to refuse."""


# ---- Base45 (RFC 9285), strict -------------------------------------------------

def base45_decode(text):
    if len(text) % 3 == 1:
        raise Refused("base45: bad length")
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = text[i:i + 3]
        if any(c not in BASE45 for c in chunk):
            raise Refused("base45: bad character")
        v = sum(BASE45.index(c) * 45**k for k, c in enumerate(chunk))
        if len(chunk) == 3:
            if v > 0xFFFF:
                raise Refused("base45: triple above 65535")
            out += v.to_bytes(2, "big")
        else:
            if v > 0xFF:
                raise Refused("base45: pair above 255")
            out.append(v)
    return bytes(out)


# ---- frames ------------------------------------------------------------------------

def parse_number(text, top):
    if not text or not text.isdigit() or not text.isascii() or text[0] == "0":
        raise Refused("bad number in the header")
    v = int(text)
    if v > top:
        raise Refused("number out of range in the header")
    return v


def parse_frame(line):
    """(protocol, tag, seq, count, body bytes) of one frame's text."""
    line = line.rstrip("\r\n")
    if not line.startswith("CK"):
        raise Refused("not a frame")
    if len(line) < 4 or not line[2].isdigit() or int(line[2]) not in PROTOCOLS or line[3] != "/":
        raise Refused("a protocol this decoder does not know")
    fields = line.split("/", 5)  # the body, after the fifth "/", may hold more
    if len(fields) != 6:
        raise Refused("too few fields")
    _, check, tag, seq, count, body = fields
    if len(check) != 7 or any(c not in BASE36 for c in check):
        raise Refused("bad check")
    covered = line[line.index("/", 4) + 1:]
    if int(check, 36) != zlib.crc32(covered.encode("ascii")):
        raise Refused("bad checksum")
    if len(tag) != 6 or any(c not in BASE36 for c in tag):
        raise Refused("bad tag")
    return (int(line[2]), tag, parse_number(seq, 2**32 - 1), parse_number(count, MAX_PARTS),
            base45_decode(body))


class Xoshiro:
    def __init__(self, tag, seq):
        seed = hashlib.sha256(seq.to_bytes(4, "big") + tag.encode("ascii")).digest()
        self.s = [int.from_bytes(seed[8 * i:8 * i + 8], "big") for i in range(4)]

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M64

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def next_double(self):
        return (self.next() >> 11) * 2.0**-53


def frame_parts(protocol, tag, seq, count):
    """The parts (ascending) frame seq mixes: PROTOCOL.md, "Fountain frames"."""
    if seq <= count:
        return [seq - 1]
    rng = Xoshiro(tag, seq)
    if protocol == 2:
        parts = []
        for w in range((count + 63) // 64):
            x = rng.next()
            parts += [64 * w + b for b in range(64) if 64 * w + b < count and x >> b & 1]
        return parts or [(seq - 1) % count]
    total = 0.0
    for i in range(1, count + 1):
        total += 1.0 / i
    r = rng.next_double() * total
    degree, acc = count, 0.0
    for d in range(1, count):
        acc += 1.0 / d
        if r < acc:
            degree = d
            break
    remaining, parts = list(range(count)), []
    for _ in range(degree):
        k = min(int(rng.next_double() * len(remaining)), len(remaining) - 1)
        parts.append(remaining.pop(k))
    return sorted(parts)


class Decoder:
    """One batch's frames as equations over GF(2), solved by Gauss-Jordan."""

    def __init__(self):
        self.shape = None
        self.rows = {}  # leading part -> (mask of parts, data as an integer)

    def add(self, line):
        protocol, tag, seq, count, body = parse_frame(line)
        if self.shape is None:
            self.shape = (protocol, tag, count, len(body))
        elif self.shape != (protocol, tag, count, len(body)):
            raise Refused("a frame of another batch, or inconsistent")
        mask = sum(1 << p for p in frame_parts(protocol, tag, seq, count))
        data = int.from_bytes(body, "big")
        for lead, (rmask, rdata) in self.rows.items():
            if mask >> lead & 1:
                mask ^= rmask
                data ^= rdata
        if not mask:
            return False
        lead = (mask & -mask).bit_length() - 1
        for other, (rmask, rdata) in list(self.rows.items()):
            if rmask >> lead & 1:
                self.rows[other] = (rmask ^ mask, rdata ^ data)
        self.rows[lead] = (mask, data)
        return True

    def complete(self):
        return self.shape is not None and len(self.rows) == self.shape[2]

    def message(self):
        _, _, count, plen = self.shape
        return b"".join(self.rows[p][1].to_bytes(plen, "big") for p in range(count))


def envelope_data(dec):
    """The checked envelope of a complete batch: (sealed, data)."""
    m = dec.message()
    if len(m) < 22 or m[0] != 1 or m[1] & ~1:
        raise Refused("unknown envelope version or flags")
    n = int.from_bytes(m[2:6], "big")
    plen, count = dec.shape[3], dec.shape[2]
    if 22 + n > len(m) or 22 + n <= (count - 1) * plen or any(m[22 + n:]):
        raise Refused("bad length or padding")
    data = m[22:22 + n]
    digest = hashlib.blake2b(data, digest_size=16).digest()
    tag = int.from_bytes(digest[:4], "big") >> 2
    tag_text = "".join(BASE36[tag // 36**i % 36] for i in range(5, -1, -1))
    if digest != m[6:22] or tag_text != dec.shape[1]:
        raise Refused("hash or tag mismatch")
    return bool(m[1] & 1), data


def inflate(data):
    z = zlib.decompressobj(-15)
    out = z.decompress(data, MAX_PAYLOAD + 1)
    if len(out) > MAX_PAYLOAD or not z.eof or z.unused_data or z.unconsumed_tail:
        raise Refused("does not inflate to one whole stream")
    return out


def payload_of(lines, seckey=None):
    """The payload of the batch of the first good frame; other lines (not
    frames, misread, another batch) are skipped, as a camera's would be."""
    dec = Decoder()
    for line in lines:
        try:
            dec.add(line)
        except Refused:
            pass
    if not dec.complete():
        raise Refused("incomplete")
    sealed, data = envelope_data(dec)
    if sealed:
        if seckey is None:
            raise Refused("sealed, and no key")
        try:
            data = SealedBox(PrivateKey(seckey)).decrypt(data)
        except CryptoError as e:
            raise Refused("sealed for another key") from e
    return inflate(data)


# ---- JSON Lines, strict -------------------------------------------------------------

class Json:
    """One flat JSON object by PROTOCOL.md's rules: a list of (key, value)."""

    ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

    def __init__(self, text):
        self.t, self.i = text, 0

    def ws(self):
        while self.i < len(self.t) and self.t[self.i] in " \t":
            self.i += 1

    def eat(self, c):
        self.ws()
        if not self.t.startswith(c, self.i):
            raise Refused(f"expected {c!r}")
        self.i += len(c)

    def hex4(self):
        h = self.t[self.i:self.i + 4]
        if len(h) != 4 or any(c not in "0123456789abcdefABCDEF" for c in h):
            raise Refused("bad \\u escape")
        self.i += 4
        return int(h, 16)

    def string(self):
        self.eat('"')
        out = []
        while True:
            if self.i >= len(self.t):
                raise Refused("unterminated string")
            c = self.t[self.i]
            self.i += 1
            if c == '"':
                return "".join(out)
            if ord(c) < 0x20:
                raise Refused("raw control character")
            if c != "\\":
                out.append(c)
                continue
            e = self.t[self.i:self.i + 1]
            self.i += 1
            if e in self.ESCAPES:
                out.append(self.ESCAPES[e])
                continue
            if e != "u":
                raise Refused("unknown escape")
            cp = self.hex4()
            if 0xD800 <= cp <= 0xDBFF:
                if not self.t.startswith("\\u", self.i):
                    raise Refused("lone surrogate")
                self.i += 2
                lo = self.hex4()
                if not 0xDC00 <= lo <= 0xDFFF:
                    raise Refused("unpaired surrogate")
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
            elif 0xDC00 <= cp <= 0xDFFF or cp == 0:
                raise Refused("lone surrogate or NUL")
            out.append(chr(cp))

    def value(self):
        self.ws()
        rest = self.t[self.i:]
        if rest.startswith('"'):
            return self.string()
        for word, v in (("true", True), ("false", False), ("null", None)):
            if rest.startswith(word):
                self.i += len(word)
                return v
        j = 1 if rest.startswith("-") else 0
        k = j
        while k < len(rest) and rest[k] in "0123456789":
            k += 1
        digits = rest[j:k]
        if not digits or (digits[0] == "0" and len(digits) > 1):
            raise Refused("bad value")
        if k < len(rest) and rest[k] in ".eE":
            raise Refused("not a whole number")
        v = int(rest[:k])
        if abs(v) > MAX_INT:
            raise Refused("a number beyond 2^53 - 1")
        self.i += k
        return v

    def object(self):
        self.eat("{")
        pairs = []
        self.ws()
        if self.t.startswith("}", self.i):
            self.i += 1
        else:
            while True:
                key = self.string()
                if not (1 <= len(key) <= 32 and all(c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in key)):
                    raise Refused("bad key")
                if any(k == key for k, _ in pairs):
                    raise Refused("a key twice")
                self.eat(":")
                pairs.append((key, self.value()))
                self.ws()
                if self.t.startswith(",", self.i):
                    self.i += 1
                    continue
                self.eat("}")
                break
        self.ws()
        if self.i != len(self.t):
            raise Refused("text after the object")
        return dict(pairs)


def is_id(v):
    return isinstance(v, str) and 1 <= len(v) <= 40 and all(
        c.isascii() and (c.isalnum() or c in "._-") for c in v)


def is_gid(v):
    if not (isinstance(v, str) and 3 <= len(v) <= 95 and all(
            c.isascii() and (c.isalnum() or c in "._-") for c in v)):
        return False
    head, _, seq = v.rpartition("-")
    return bool(head) and seq.isdigit() and seq.isascii()


def is_hex(v, n):
    return isinstance(v, str) and len(v) == n and all(c in "0123456789abcdefABCDEF" for c in v)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def receipt_of(secret, kiosk, batch):
    h = hashlib.blake2b(b"cop-kiosk receipt 1\n" + kiosk.encode() + b"\n" + batch.encode(),
                        key=secret, digest_size=5).digest()
    v = int.from_bytes(h, "big")
    code = "".join(CROCKFORD[v >> (5 * i) & 31] for i in range(7, -1, -1))
    return code[:4] + "-" + code[4:]


def parse_batch(payload):
    """(batch line, records, receipt, signer key or None) of a payload."""
    if not payload.endswith(b"\n"):
        raise Refused("the last line has no newline")
    try:
        text = payload.decode("utf-8")  # refuses overlongs, surrogates, > U+10FFFF
    except UnicodeDecodeError as e:
        raise Refused("invalid UTF-8") from e
    lines = text.split("\n")[:-1]
    head = Json(lines[0]).object()
    if head.get("type") != "batch" or head.get("protocol") != 1 or head.get("protocol") is True:
        raise Refused("not a batch line of payload protocol 1")
    if not (is_id(head.get("kiosk")) and is_id(head.get("batch")) and is_int(head.get("created"))):
        raise Refused("bad kiosk, batch or created")
    if not is_int(head.get("records")) or head["records"] != len(lines) - 1:
        raise Refused("records does not count the lines")
    secret = head.get("secret")
    if not is_hex(secret, 32):
        raise Refused("bad secret")
    records = []
    for line in lines[1:]:
        r = Json(line).object()
        t = r.get("type")
        if not (isinstance(t, str) and 1 <= len(t) <= 32 and all(c in "abcdefghijklmnopqrstuvwxyz_" for c in t)) or t == "batch":
            raise Refused("bad type")
        if not is_gid(r.get("gid")) or not is_int(r.get("changed")) or r["changed"] < 0:
            raise Refused("no gid or changed")
        records.append(r)
    signer = None
    if ("signer" in head) != ("signature" in head):
        raise Refused("signer without signature, or the other way")
    if "signer" in head:
        if not is_hex(head["signer"], 64) or not is_hex(head["signature"], 128):
            raise Refused("signer or signature is not hex of the right length")
        signer = bytes.fromhex(head["signer"])
        message = ("cop-kiosk batch 1\n%s\n%s\n%d\n%s\n" % (head["kiosk"], head["batch"], head["created"], secret)).encode()
        message += payload[len(lines[0].encode()) + 1:]
        try:
            VerifyKey(signer).verify(message, bytes.fromhex(head["signature"]))
        except (BadSignatureError, ValueError) as e:
            raise Refused("the signature does not hold") from e
    return head, records, receipt_of(bytes.fromhex(secret), head["kiosk"], head["batch"]), signer


# ---- the vectors --------------------------------------------------------------------

def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def expect_refused(what, fn, *args):
    try:
        fn(*args)
    except Refused:
        return
    raise AssertionError(f"{what} was taken")


def check_base45(d):
    for line in read(f"{d}/base45.txt").splitlines():
        text, enc = line.split("\t")
        assert base45_decode(enc) == text.encode(), line
    for line in read(f"{d}/base45_invalid.txt").splitlines():
        expect_refused(f"base45 {line!r}", base45_decode, line)


def check_fountain(d):
    n = 0
    for line in read(f"{d}/fountain.txt").splitlines():
        if line.startswith("#") or not line:
            continue
        protocol, tag, count, seq, parts = line.split("\t")
        got = frame_parts(int(protocol), tag, int(seq), int(count))
        assert got == [int(p) for p in parts.split()], f"fountain.txt: {line[:40]}"
        n += 1
    return n


def check_batch(d, name, receipt, records, signer=None, key=None, drop=()):
    lines = read(f"{d}/{name}").splitlines()
    kept = [line for i, line in enumerate(lines) if i not in drop]
    head, recs, code, key_used = parse_batch(payload_of(kept, key))
    params = dict(p.split("=", 1) for p in read(f"{d}/batch-7.params").split())
    assert head["kiosk"] == params["kiosk"] and head["batch"] == params["batch"], name
    assert head["created"] == int(params["created"]) and head["secret"] == params["secret"], name
    assert code == receipt, f"{name}: receipt {code}"
    assert key_used == signer, f"{name}: signer"
    payload = payload_of(kept, key)
    assert payload[payload.index(b"\n") + 1:] == records, f"{name}: records differ"
    assert len(recs) == records.count(b"\n")
    return payload


def check_vectors(d):
    check_base45(d)
    n = check_fountain(d)
    receipt = read(f"{d}/batch-7.receipt").strip()
    records = read(f"{d}/batch-7.records.jsonl", "rb")
    signer = bytes.fromhex(read(f"{d}/signer.key").strip())[32:]
    archive_key = bytes.fromhex(read(f"{d}/archive.key").strip())
    assert PrivateKey(archive_key).public_key.encode().hex() == read(f"{d}/archive.pub").strip()
    check_batch(d, "batch-7.frames.txt", receipt, records)
    check_batch(d, "batch-7.frames.txt", receipt, records, drop=(0, 1))  # fountain frames fill in
    # Lines that are not frames of the batch, and a misread one, are skipped.
    frames = read(f"{d}/batch-7.frames.txt").splitlines()
    noisy = ["", "HELLO", frames[3].replace("/", "/X", 5)[:60], read(f"{d}/batch-7-v1.frames.txt").splitlines()[0]]
    assert parse_batch(payload_of(noisy[:3] + frames + noisy[3:]))[2] == receipt
    expect_refused("frames that do not determine the batch", payload_of, frames[2:10])
    check_batch(d, "batch-7-v1.frames.txt", receipt, records, drop=(1, 2))
    payload = check_batch(d, "batch-7-signed.frames.txt", receipt, records, signer)
    check_batch(d, "batch-7-sealed.frames.txt", receipt, records, signer, archive_key)
    sealed = read(f"{d}/batch-7-sealed.frames.txt").splitlines()
    expect_refused("a sealed batch without its key", payload_of, sealed)
    expect_refused("a sealed batch with another key", payload_of, sealed, bytes(32))
    # A record changed after signing: the signature no longer holds.
    expect_refused("an altered signed batch", parse_batch, payload.replace(b"Quarterly", b"Quarterlz", 1))
    ok = read(f"{d}/json-accepted.jsonl", "rb")
    accepted = ok.count(b"\n")
    parse_batch(batch_line(accepted) + ok)
    refused = 0
    for line in read(f"{d}/json-refused.txt", "rb").splitlines():
        why, record = line.split(b"\t", 1)
        expect_refused(why.decode(), parse_batch, batch_line(1) + record + b"\n")
        refused += 1
    print(f"every vector reproduced: base45, {n} fountain frames, 5 batches "
          f"(plain, signed, sealed, protocol 1, with lost frames), "
          f"{accepted} accepted and {refused} refused JSON records")


def batch_line(n):
    return (b'{"type":"batch","protocol":1,"kiosk":"K1","batch":"1","created":1767225600,'
            b'"records":%d,"secret":"000102030405060708090a0b0c0d0e0f"}\n' % n)


def main(argv):
    if len(argv) == 3 and argv[1] == "vectors":
        check_vectors(argv[2])
        return 0
    if len(argv) in (3, 4) and argv[1] == "decode":
        key = bytes.fromhex(read(argv[3]).strip()) if len(argv) == 4 else None
        head, records, code, signer = parse_batch(payload_of(read(argv[2]).splitlines(), key))
        print(f"batch {head['batch']} from kiosk {head['kiosk']}: {len(records)} records, "
              f"{'signed' if signer else 'unsigned'}, receipt {code}")
        return 0
    print(__doc__, file=sys.stderr)
    return 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Refused as e:
        print(f"protocol_decoder: refused: {e}", file=sys.stderr)
        sys.exit(1)
