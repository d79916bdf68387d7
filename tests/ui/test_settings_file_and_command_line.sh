# The settings file (INI) sets the data file, the screen size and the
# inactivity timeout; the command line wins over it; a bad line stops the
# kiosk with the file and line named.
. "$TESTS/ui/lib.sh"
demo_db
cat >kiosk.conf <<EOF
[kiosk]
db = $PWD/$DB
size = 720x1280
inactivity_seconds = 10
EOF
"$KIOSK" --config kiosk.conf --script - >out <<EOF || die "the settings file was not used: $(cat out)"
expect "Frailty Community of Practice: Autumn meeting"
shot portrait.png
tap "Post-it"
wait 11000
expect "No one has checked in yet"
EOF
[ "$(png_size portrait.png)" = 720x1280 ] || die "size from the file not used: $(png_size portrait.png)"
"$KIOSK" --config kiosk.conf --size 800x480 --script - >/dev/null <<EOF || die "the command line did not win"
shot landscape.png
EOF
[ "$(png_size landscape.png)" = 800x480 ] || die "--size did not win over the file"
printf '[kiosk]\nsize = 720x1280\nrotate = 45\n' >bad.conf
status=0
echo quit | "$KIOSK" --config bad.conf --script - >/dev/null 2>err || status=$?
[ "$status" -eq 1 ] || die "a bad settings file gave exit $status"
grep -q '^cop-kiosk: bad.conf:3: rotate is 0, 90, 180 or 270' err || die "the bad line is not named: $(cat err)"
status=0
echo quit | "$KIOSK" --config missing.conf --script - >/dev/null 2>err || status=$?
[ "$status" -eq 1 ] || die "a missing named settings file gave exit $status"
