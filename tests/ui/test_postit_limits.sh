# An empty note cannot be stuck (a message says so, nothing is stored); a note
# stops at 280 characters with the counter at "280 / 280".
. "$TESTS/ui/lib.sh"
demo_db
long=$(printf 'é%.0s' $(seq 1 300))
kiosk --script - >out <<EOF || die "script failed: $(tail -5 out)"
tap "Post-it"
tap "Going well"
tap "Stick it"
expect "An empty note cannot be stuck."
type "   "
tap "Stick it"
expect "An empty note cannot be stuck."
tap "Delete"
tap "Delete"
tap "Delete"
type "$long"
expect "280 / 280"
tap "Stick it"
expect "Thank you!"
EOF
[ "$(sqlite3 "$DB" 'select count(*) from notes')" = 1 ] || die "the empty note was stored"
[ "$(sqlite3 "$DB" 'select length(body) from notes')" = 280 ] || die "the note is not 280 characters"
