# Batches are signed by their kiosk; the archive takes a kiosk's key from its
# first signed batch and refuses, with no receipt, a batch for that kiosk signed
# by another key or not signed at all, and any batch carrying a record that is
# not its kiosk's own. A keeper can refuse a kiosk in the online space (then
# even its own key is not taken) and take it back. On each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
. "$TESTS/ui/pg.sh"
gen() { # gen BATCH [OPTIONS...] — kiosk K1A2's batch BATCH as frame texts in BATCH.txt
	b=$1
	shift
	"$COP_SYNC_GEN" --kiosk K1A2 --batch "$b" --version 20 --members 10 --text "$b.txt" "$@"
}
import() {
	"$COP_SYNC" import --archive "$a" "$1" >out.txt 2>err.txt
}
count() {
	archive_sql "$a" "SELECT count(*) FROM batches"
}
# A real kiosk's signed loop, read by zbarimg.
demo_db
"$KIOSK" frames --db "$DB" --out loop >/dev/null || die "frames failed"
for f in loop/frame-*.png; do zbarimg --raw -q "$f" 2>/dev/null; done >loop.txt
kiosk_id=$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'kiosk_id'")
public=$(sqlite3 "$DB" "SELECT substr(value, 65) FROM settings WHERE key = 'sign_key'")

for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive archive)
	gen 1 --sign kiosk.key >receipt1
	import 1.txt || die "the kiosk's first signed batch was refused: $(cat err.txt)"
	grep -q "Receipt code: $(cat receipt1)" out.txt || die "no receipt for the first batch"
	[ "$(archive_sql "$a" "SELECT length(signer) FROM kiosks WHERE kiosk = 'K1A2'")" = 64 ] ||
		die "the kiosk's key was not pinned"

	# Another key under the same kiosk id: refused, nothing stored, no receipt.
	gen 2 --sign forger.key --write-records forged.jsonl >/dev/null
	status=0
	import 2.txt || status=$?
	[ "$status" = 1 ] || die "a batch signed by another key exited $status"
	grep -q 'kiosk K1A2 signs its batches with another key: this batch was not made by that kiosk' err.txt ||
		die "no plain reason for the forged batch: $(cat err.txt)"
	grep -q 'Receipt code' out.txt && die "a receipt for a forged batch"
	[ "$(count)" = 1 ] || die "the forged batch was noted"

	# Unsigned, under the kiosk's id: refused too.
	gen 3 >/dev/null
	import 3.txt && die "an unsigned batch for a kiosk that signs was imported"
	[ "$(count)" = 1 ] || die "the unsigned batch was noted"

	# A made-up kiosk carrying kiosk K1A2's record: refused.
	"$COP_SYNC_GEN" --kiosk KX --batch 1 --version 20 --records forged.jsonl --sign other.key --text x.txt >/dev/null
	import x.txt && die "a batch with another kiosk's records was imported"
	grep -q 'record K1A2-[0-9]* is not kiosk KX' err.txt || die "no word of the foreign record: $(cat err.txt)"
	[ "$(count)" = 1 ] || die "the batch with foreign records was noted"

	# The kiosk's own next batch is taken.
	gen 4 --sign kiosk.key >receipt4
	import 4.txt || die "the kiosk's own second batch was refused: $(cat err.txt)"

	# In the online space: a keeper refuses the kiosk; its next batch is refused
	# on the phone with the reason, and taken again once trusted again.
	add_user "$a" keeper
	serve "$a"
	sign_in keeper
	page=$(http "$URL/")
	echo "$page" | grep -q 'Signs its batches with key' || die "the kiosk's key is not shown"
	http --data-urlencode "csrf=$CSRF" --data-urlencode kiosk=K1A2 --data-urlencode refuse=1 "$URL/kiosk" >/dev/null
	[ "$(status)" = 303 ] || die "refusing the kiosk answered $(status)"
	http --data-urlencode kiosk=K1A2 --data-urlencode refuse=0 "$URL/kiosk" >/dev/null
	[ "$(status)" = 403 ] || die "a form without its token changed a kiosk ($(status))"
	gen 5 --sign kiosk.key >receipt5
	frames 5.txt >answer.json
	grep -q '"state":"refused"' answer.json || die "a refused kiosk's batch was taken: $(cat answer.json)"
	grep -q 'kiosk K1A2 was refused in the online space' answer.json || die "no reason on the phone"
	grep -q '"receipt":null' answer.json || die "a receipt for a refused batch"
	http --data-urlencode "csrf=$CSRF" --data-urlencode kiosk=K1A2 --data-urlencode refuse=0 "$URL/kiosk" >/dev/null
	gen 6 --sign kiosk.key >receipt6
	frames 6.txt >answer.json
	grep -q "\"receipt\":\"$(cat receipt6)\"" answer.json || die "the kiosk taken back was not: $(cat answer.json)"
	stop_server

	# A real kiosk signs its loop: its key is the one the archive pins, and its id
	# comes from that key.
	import loop.txt || die "the kiosk's own loop was refused: $(cat err.txt)"
	[ "$(archive_sql "$a" "SELECT signer FROM kiosks WHERE kiosk = '$kiosk_id'")" = "$public" ] ||
		die "the archive did not pin the kiosk's own key"
done
