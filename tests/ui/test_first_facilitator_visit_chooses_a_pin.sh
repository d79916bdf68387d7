# On a new kiosk the facilitator corner asks for a new PIN, twice; a mismatch
# starts again; the chosen PIN then opens facilitator mode and is stored only
# as an Argon2id hash. Its recovery code is shown once, big, on a confirmation
# panel (not a message a tap clears) that stays until "Continue".
. "$TESTS/ui/lib.sh"
kiosk --script - >out <<EOF
expect "No event is set up yet"
tap "Facilitator"
expect "Choose a facilitator PIN"
tap "1"
tap "2"
tap "OK"
expect "A PIN has 4 to 8 digits"
tap "Delete"
tap "Delete"
tap "7"
tap "3"
tap "9"
tap "1"
tap "OK"
expect "Type the same PIN again"
tap "7"
tap "3"
tap "9"
tap "2"
tap "OK"
expect "The two PINs were different"
tap "7"
tap "3"
tap "9"
tap "1"
tap "OK"
tap "7"
tap "3"
tap "9"
tap "1"
tap "OK"
expect "The new PIN is saved"
expect "Write down its recovery code, shown only now"
tap 400 240
wait 60000
tap 400 240
dump
tap "Continue"
expect "No current event"
tap "Lock"
tap "Facilitator"
expect "Enter the facilitator PIN"
tap "7"
tap "3"
tap "9"
tap "1"
tap "OK"
expect "Facilitator"
expect "Lock"
EOF
# After a minute and two taps the panel still shows the code, over no other
# screen's buttons, with its one way on.
grep -q '"role":"label","text":"[0-9]\{4\} [0-9]\{4\} [0-9]\{4\}"' out || die "the recovery code is not shown: $(grep label out)"
grep -q '"role":"toast"' out && die "the code is in a message, not on a panel"
grep '"role":"button"' out | grep -vq '"text":"Continue"' && die "the panel has more than one button"
if command -v sqlite3 >/dev/null; then
	hash=$(sqlite3 "$DB" "select value from settings where key = 'pin_hash'")
	case "$hash" in '$argon2id$'*) ;; *) die "PIN not stored as Argon2id: $hash" ;; esac
fi
