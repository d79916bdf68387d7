# A data file that is not a CoP Kiosk database: the kiosk keeps running, says
# so on screen and on stderr, and never writes to the file.
. "$TESTS/ui/lib.sh"
head -c 20000 /dev/urandom >"$DB"
cp "$DB" original
kiosk --demo --script - >out 2>err <<EOF
expect "This kiosk cannot use its data file"
expect "is not a CoP Kiosk data file"
expect "Nothing has been changed"
shot broken.png
dump
EOF
grep -Eq '"text":"(Check in|Facilitator)"' out && die "actions are offered with no data file to store them in"
grep -q 'is not a CoP Kiosk data file' err || die "stderr does not say why: $(cat err)"
cmp -s "$DB" original || die "the corrupt file was changed"
[ ! -e "$DB-wal" ] || die "a WAL file was created beside the corrupt file"

# A data file in a folder that does not exist: the same, naming the folder.
kiosk --db missing/dir/kiosk.db --script - >out 2>err <<EOF
expect "This kiosk cannot use its data file"
expect "does not exist"
EOF
[ ! -e missing ] || die "the folder was created"
