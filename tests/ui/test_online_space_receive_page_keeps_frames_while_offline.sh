# No connection at the moment of scanning: the receive page and its decoder
# come from the phone's cache, the codes read are kept on the phone with
# "Saved on this phone" shown, and once the online space answers again (here
# a restarted server, which has forgotten every part) they are all sent and
# the batch completes once: nothing lost, nothing stored twice.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
"$MAKE_FIXTURE" kiosk.db >/dev/null || die "make_fixture failed"
add_user archive.db keeper
serve archive.db
echo "$SERVER" >server.pid
port=${URL##*:}
kiosk_loop kiosk.db loop loop.mjpeg --cycles 2
code=$(phone loop.mjpeg --offline "$COP_SYNC serve --archive archive.db --listen 127.0.0.1:$port" server.pid --shot done.png) ||
	die "no receipt after the connection came back"
SERVER=$(cat server.pid)
grep -q '"POST /api/frames" 200' server-again.log || die "the kept frames were not sent: $(tail -3 server-again.log)"
! grep -q '"POST /api/frames"' server.log || die "frames reached the server before it was stopped"
type_receipt kiosk.db "$code"
same_csv kiosk.db archive.db
[ "$(sqlite3 archive.db 'SELECT count(*) FROM batches')" = 1 ] || die "the batch was stored more than once"
[ "$(sqlite3 archive.db 'SELECT sum(records) FROM batches')" = "$(sqlite3 archive.db 'SELECT count(*) FROM records')" ] ||
	die "records missing or doubled"
# The server started again is not this shell's child: stopped by hand.
kill -TERM "$SERVER"
while kill -0 "$SERVER" 2>/dev/null; do sleep 0.1; done
grep -q '^cop-sync: stopped$' server-again.log || die "no clean stop: $(tail -3 server-again.log)"
trap - EXIT
