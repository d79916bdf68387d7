# The Sync loop as a hand-held phone films it: each frame `cop-kiosk frames`
# writes is pasted into the Sync screen's screenshot, filmed by the camera
# model (tests/camera_model.py: 45 cm, 20 degrees of tilt, the panel's RGB
# stripes, 2 px of motion blur, JPEG q60 at 1280x720) and read by ZXing; at
# least 90% of the frames are read, the texts read complete the batch in
# cop-sync, and the receipt cop-sync prints, tapped on the kiosk's code pad,
# is the one the kiosk takes. A
# portrait panel of the same size shows the same module.
. "$TESTS/ui/lib.sh"
demo_db
{
	unlock
	printf 'tap "Sync"\nexpect "1 / "\ntap "Pause"\nshot screen.png\n'
} | kiosk --script - >out || die "the Sync screen did not show: $(tail -3 out)"
"$KIOSK" frames --db "$DB" --out codes >made || die "frames failed: $(cat made)"
grep -q "QR version 7, 8 px a module" made || die "not the measured size on the 7\" panel: $(cat made)"
"$KIOSK" frames --db "$DB" --out tall --size 480x800 >tall.txt || die "frames failed in portrait"
grep -q "QR version 7, 8 px a module" tall.txt || die "portrait is not the same code: $(cat tall.txt)"
"$KIOSK" frames --db "$DB" --out big --size 1920x1080 --panel-mm 477x268 >big.txt || die "frames failed at 1080p"
grep -q "QR version 7, 1[0-9] px a module" big.txt || die "a 21.5\" panel: not version 7 of 1.5 mm or more: $(cat big.txt)"

/usr/bin/python3 "$TESTS/camera_model.py" read screen.png codes 155x86 45 read.txt >rate.txt ||
	die "the camera model failed"
read -r _ got _ total _ <rate.txt
[ $((got * 10)) -ge $((total * 9)) ] || die "ZXing read under 90% of the frames: $(cat rate.txt)"
"$COP_SYNC" import --archive archive.db read.txt >imported 2>err || die "the frames read did not complete the batch: $(tail -2 err)"
code=$(sed -n 's/.*Receipt code: \([0-9A-Z-]*\).*/\1/p' imported)
[ -n "$code" ] || die "no receipt: $(cat imported)"
# Typed on the Sync screen's code pad, key by key (its keys are the receipt's
# own alphabet: no I, L, O or U).
{
	unlock
	printf 'tap "Sync"\ntap "Enter receipt"\ndump\n'
	printf '%s\n' "$code" | tr -d - | fold -w1 | sed 's/.*/tap "&"/'
	printf 'expect "%s"\ntap "Done"\nexpect "is synced"\n' "$code"
} | kiosk --script - >out || die "the kiosk did not take the receipt $code: $(tail -3 out)"
grep -q '"role":"button","text":"Z"' out || die "no code pad: $(grep role out | head -5)"
if grep -q '"role":"button","text":"[ILOU]"' out; then
	die "the code pad has a key outside the receipt's alphabet"
fi
