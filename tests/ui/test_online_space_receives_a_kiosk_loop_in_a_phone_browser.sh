# The facilitator with only a phone: the receive page in a real browser
# (headless Chromium, its fake camera filming the kiosk's own Sync loop) reads
# the QR codes, the online space imports the batch and the page shows the
# receipt; typed on the kiosk, it marks exactly that batch synced, and the
# archive's attendance CSV is the kiosk's byte for byte. The same joined
# half-way through the loop with a fifth of the codes missed, and with the loop
# encrypted for the archive's key (which only the server holds).
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
"$MAKE_FIXTURE" plain.db >/dev/null || die "make_fixture failed"
"$MAKE_FIXTURE" sealed.db >/dev/null || die "make_fixture failed"
"$COP_SYNC" keygen --out archive >/dev/null || die "keygen failed"
"$KIOSK" sync-key --db sealed.db archive.pub >/dev/null || die "sync-key failed"
add_user archive.db keeper
serve archive.db --key archive.key

# From the start of the loop.
kiosk_loop plain.db plain plain.mjpeg --cycles 2
code=$(phone plain.mjpeg --shot receipt.png) || die "the phone got no receipt"
echo "receipt on the phone: $code"
grep -q "\"POST /api/frames\" 200" server.log || die "no frame reached the server"
type_receipt plain.db "$code"
same_csv plain.db archive.db
[ "$(sqlite3 archive.db "SELECT count(*) FROM batches")" = 1 ] || die "not one batch"

# Joined half-way, a fifth of the codes missed: the next cycle and the
# fountain frames make up for them. Encrypted: the page never sees a record.
kiosk_loop sealed.db sealed sealed.mjpeg --cycles 3 --start 0.5 --drop 0.2
code=$(phone sealed.mjpeg) || die "the phone got no receipt for the encrypted loop"
type_receipt sealed.db "$code"
same_csv sealed.db archive.db
[ "$(sqlite3 archive.db "SELECT count(*) FROM batches")" = 2 ] || die "the encrypted batch was not stored"
[ "$(sqlite3 archive.db "SELECT count(DISTINCT kiosk) FROM records")" = 2 ] || die "two kiosks' records not side by side"
stop_server
