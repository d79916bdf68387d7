# The Accounts page of the online space, on SQLite and on a real PostgreSQL 15,
# through HTTP: an admin of A sees A's accounts with their roles, adds an
# account (a first password typed twice, the rules of `cop-sync user add`) that
# can then sign in, gives, changes and takes away roles in A; they cannot touch
# B's memberships, nor step down as A's last admin (and are told why); keepers
# and critical friends get 403 and no link; every form needs its CSRF token;
# what is typed comes back escaped.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/web.sh"
. "$TESTS/ui/pg.sh"
start_pg
A="Patient safety CoP" B="Wound care CoP"

# role_of ARCHIVE NAME — the roles `cop-sync user list` gives NAME.
role_of() {
	"$COP_SYNC" user list --archive "$1" | awk -F '\t' -v n="$2" '$1 == n { print $3 }'
}

# post PATH FIELD=VALUE... — a form sent with the session's CSRF token.
post() {
	path=$1
	shift
	for f in "$@"; do
		set -- "$@" --data-urlencode "$f"
		shift
	done
	http --data-urlencode "csrf=$CSRF" "$@" "$URL$path"
}

for ARCHIVE in arc.db "$PG_ARCHIVE"; do
	rm -f jar
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" admin-a --community "$A" --role admin >/dev/null
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" keeper-a --community "$A" --role keeper >/dev/null
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" admin-b --community "$B" --role admin >/dev/null
	echo "$PASSWORD" | "$COP_SYNC" user add --archive "$ARCHIVE" friend-b --community "$B" --role friend >/dev/null
	serve "$ARCHIVE"

	# A keeper and a critical friend: no link, 403 for the page and the forms.
	for who in keeper-a friend-b; do
		rm -f jar
		sign_in "$who"
		http "$URL/" | grep -q 'href="/accounts"' && die "$who is offered the Accounts page"
		http "$URL/accounts" >/dev/null
		[ "$(status)" = 403 ] || die "$who got $(status) for the Accounts page on $ARCHIVE"
		post /accounts/role "name=$who" "community=$A" role=admin >/dev/null
		[ "$(status)" = 403 ] || die "$who made themselves admin ($(status)) on $ARCHIVE"
	done
	[ "$(role_of "$ARCHIVE" keeper-a)" = "keeper of $A" ] || die "keeper-a's role changed"

	# The admin of A: the link, A's accounts and not B's.
	rm -f jar
	sign_in admin-a
	http "$URL/" | grep -q 'href="/accounts">Accounts<' || die "no Accounts link for the admin"
	http "$URL/accounts" >accounts.html
	[ "$(status)" = 200 ] || die "the admin of A got $(status) for Accounts on $ARCHIVE"
	grep -q "<h3>$A</h3>" accounts.html && grep -q '<dt>keeper-a</dt><dd><p>Keeper</p>' accounts.html ||
		die "A's accounts not listed: $(head -c 2000 accounts.html)"
	grep -q 'friend-b\|admin-b\|Wound' accounts.html && die "B's accounts shown to the admin of A"

	# Adding an account: the password's rules, twice the same, a name taken.
	post /accounts/add "name=new-friend" "password=short" "again=short" "community=$A" role=friend >add.html
	[ "$(status)" = 400 ] && grep -q 'must be 10 to 1024 characters' add.html ||
		die "a short password: $(status)"
	grep -q 'value="new-friend"' add.html || die "the name typed is not kept"
	post /accounts/add "name=new-friend" "password=$PASSWORD" "again=$PASSWORD!" "community=$A" role=friend >add.html
	[ "$(status)" = 400 ] && grep -q 'The two passwords are not the same' add.html ||
		die "two different passwords: $(status)"
	post /accounts/add "name=a b" "password=$PASSWORD" "again=$PASSWORD" "community=$A" role=friend >add.html
	[ "$(status)" = 400 ] && grep -q 'no spaces' add.html || die "a name with a space: $(status)"
	post /accounts/add "name=keeper-a" "password=$PASSWORD" "again=$PASSWORD" "community=$A" role=friend >add.html
	[ "$(status)" = 400 ] && grep -q 'There is already an account keeper-a' add.html ||
		die "a name taken: $(status)"
	post /accounts/add "name=new-b" "password=$PASSWORD" "again=$PASSWORD" "community=$B" role=keeper >/dev/null
	[ "$(status)" = 403 ] || die "the admin of A added an account to B ($(status))"
	"$COP_SYNC" user list --archive "$ARCHIVE" | grep -q '^new-b' && die "new-b was added"
	post /accounts/add "name=new-friend" "password=$PASSWORD" "again=$PASSWORD" "community=$A" role=friend >/dev/null
	[ "$(status)" = 303 ] || die "adding new-friend: $(status) $(head -c 500 body.out)"
	[ "$(role_of "$ARCHIVE" new-friend)" = "friend of $A" ] || die "new-friend: $(role_of "$ARCHIVE" new-friend)"
	# Escaped, never markup: a name typed with < and " comes back as text.
	post /accounts/add 'name=<b>"x"' "password=short" "again=short" "community=$A" role=friend >add.html
	grep -q '<b>"x"' add.html && die "a typed name reached the page unescaped"
	grep -q 'value="&lt;b&gt;&quot;x&quot;"' add.html || die "the typed name is not kept escaped"

	# Roles: changed, given, taken away; B's memberships out of reach.
	post /accounts/role name=new-friend "community=$A" role=keeper >/dev/null
	[ "$(status)" = 303 ] && [ "$(role_of "$ARCHIVE" new-friend)" = "keeper of $A" ] ||
		die "changing a role: $(status) $(role_of "$ARCHIVE" new-friend)"
	post /accounts/role name=friend-b "community=$A" role=friend >/dev/null
	[ "$(status)" = 303 ] || die "giving friend-b a role in A: $(status)"
	[ "$(role_of "$ARCHIVE" friend-b)" = "friend of $A, friend of $B" ] ||
		die "friend-b: $(role_of "$ARCHIVE" friend-b)"
	post /accounts/role name=friend-b "community=$B" role=remove >/dev/null
	[ "$(status)" = 403 ] || die "the admin of A removed friend-b from B ($(status))"
	post /accounts/role name=admin-b "community=$B" role=keeper >/dev/null
	[ "$(status)" = 403 ] || die "the admin of A changed B's admin ($(status))"
	post /accounts/role name=friend-b "community=*" role=admin >/dev/null
	[ "$(status)" = 403 ] || die "the admin of A made someone admin of every community ($(status))"
	post /accounts/role name=friend-b "community=$A" role=remove >/dev/null
	[ "$(status)" = 303 ] && [ "$(role_of "$ARCHIVE" friend-b)" = "friend of $B" ] ||
		die "taking friend-b out of A: $(status) $(role_of "$ARCHIVE" friend-b)"
	post /accounts/role name=nobody "community=$A" role=keeper >role.html
	[ "$(status)" = 400 ] && grep -q 'There is no user nobody' role.html || die "an unknown account: $(status)"

	# The last admin of A cannot step down; with a second admin they can.
	post /accounts/role name=admin-a "community=$A" role=keeper >role.html
	[ "$(status)" = 400 ] && grep -q 'admin-a is the last admin of Patient safety CoP' role.html ||
		die "the last admin stepped down: $(status)"
	post /accounts/role name=admin-a "community=$A" role=remove >/dev/null
	[ "$(status)" = 400 ] || die "the last admin left: $(status)"
	[ "$(role_of "$ARCHIVE" admin-a)" = "admin of $A" ] || die "admin-a: $(role_of "$ARCHIVE" admin-a)"
	post /accounts/role name=new-friend "community=$A" role=admin >/dev/null
	post /accounts/role name=admin-a "community=$A" role=keeper >/dev/null
	[ "$(status)" = 303 ] && [ "$(role_of "$ARCHIVE" admin-a)" = "keeper of $A" ] ||
		die "stepping down beside another admin: $(status)"
	http "$URL/accounts" >/dev/null
	[ "$(status)" = 403 ] || die "a former admin still sees Accounts ($(status))"

	# Forms without the session's token are refused.
	CSRF=0000 post /accounts/role name=keeper-a "community=$A" role=admin >/dev/null
	[ "$(status)" = 403 ] || die "a role form without its token: $(status)"

	# The account added on the page signs in with its first password.
	rm -f jar
	sign_in new-friend
	http "$URL/accounts" | grep -q '<dt>admin-a</dt><dd><p>Keeper</p>' || die "new-friend's Accounts page"
	stop_server
done
