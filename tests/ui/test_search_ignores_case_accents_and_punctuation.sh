# Search matches the start of any word of the name, ignoring case, accents and
# punctuation, and shows name and organisation only — never an email.
. "$TESTS/ui/lib.sh"
demo_db
"$KIOSK" roster import --db "$DB" /dev/stdin >/dev/null <<EOF
First Name,Last Name,Organisation,Email
Rhiannon,Price,Powys Teaching Health Board,rhiannon.price@wales.nhs.uk
EOF
search() { # search QUERY NAME — typing QUERY lists NAME
	kiosk --script - >out <<-EOF || die "\"$1\" does not find $2: $(grep '"item"' out)"
	tap "Check in"
	type "$1"
	expect "$2"
	dump
	EOF
}
search sian "Siân Ó Dálaigh"
search SIAN "Siân Ó Dálaigh"
search oneil "Aoife O'Neil"
search "o'neil" "Aoife O'Neil"
search dal "Siân Ó Dálaigh"
search "sian o" "Siân Ó Dálaigh"
search wisn "Tomasz Wiśniewski"
search gwyn "Dafydd ap Gwŷn"
search zoe "Zoë Ashworth-Hughes"
search hughes "Zoë Ashworth-Hughes"
search rhi "Rhiannon Price"
grep -q '@' out && die "an email is shown: $(grep @ out)"
kiosk --script - >out <<EOF || die "a query matching no one gives no hint"
tap "Check in"
type "xqz"
expect "No one found"
EOF
