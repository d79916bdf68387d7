# sync/PROTOCOL.md is enough to write a decoder: tests/protocol_decoder.py,
# written from the document alone in Python (Debian's python3 and
# python3-nacl), reproduces every vector in sync/vectors (Base45, the fountain's
# choice of parts, the plain, signed, sealed and protocol 1 batches' records and
# receipt, the JSON rules), and decodes a sealed, signed loop the kiosk drew to
# the receipt cop-sync prints for it.
. "$TESTS/ui/lib.sh"
py=/usr/bin/python3
decoder="$TESTS/protocol_decoder.py"
vectors="$TESTS/../sync/vectors"
"$py" "$decoder" vectors "$vectors" >out 2>err || die "the vectors are not reproduced: $(tail -3 err)"
grep -q "every vector reproduced" out || die "no word from the decoder: $(cat out)"

demo_db
"$COP_SYNC" keygen --out archive >/dev/null || die "keygen failed"
"$KIOSK" sync-key --db "$DB" archive.pub >/dev/null || die "sync-key failed"
"$KIOSK" frames --db "$DB" --out loop >/dev/null 2>err || die "frames failed: $(cat err)"
for f in loop/frame-*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >read.txt
"$py" "$decoder" decode read.txt >out 2>err && die "a sealed loop was read without the key"
"$py" "$decoder" decode read.txt archive.key >out 2>err || die "the kiosk's loop does not decode: $(tail -3 err)"
grep -q ", signed, receipt " out || die "the kiosk's batch is not signed: $(cat out)"
"$COP_SYNC" import --archive archive.db --key archive.key read.txt >imported 2>err ||
	die "cop-sync did not import the loop: $(cat err)"
code=$(sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' imported)
grep -q "receipt $code\$" out || die "the receipts differ: $code and $(cat out)"
