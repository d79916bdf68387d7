# cop-sync's usage errors: exit 1 with one line on stderr; a file that is not an
# archive is left as it is. The archive on each engine.
. "$TESTS/ui/lib.sh"
. "$TESTS/ui/pg.sh"
expect_1() {
	set +e
	"$COP_SYNC" "$@" >out.txt 2>err.txt
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || die "cop-sync $*: exit $rc, expected 1"
	[ "$(wc -l <err.txt)" -eq 1 ] || die "cop-sync $*: not one line on stderr: $(cat err.txt)"
}
"$COP_SYNC" --help | grep -q 'cop-sync import --archive PATH' || die "--help"
expect_1
expect_1 frobnicate
expect_1 import
echo 'precious' >notes.txt
cp notes.txt before.txt
"$COP_SYNC_GEN" --text f.txt >/dev/null
expect_1 import --archive notes.txt f.txt
cmp -s notes.txt before.txt || die "a file that is not an archive was changed"
sed 's/^CK2/CK3/' f.txt >newer.txt
for engine in $ENGINES; do
	use_engine "$engine"
	a=$(archive a)
	new=$(archive new)
	expect_1 import --archive "$a" --bogus
	expect_1 export --archive "$(no_archive none)" --format csv
	case $engine in
	sqlite) grep -q '^cop-sync: no archive at none.db$' err.txt ;;
	postgresql) grep -q '^cop-sync: cannot connect to the archive postgresql:///none?' err.txt ;;
	esac || die "no word of the missing archive: $(cat err.txt)"
	echo 'not frames at all' | "$COP_SYNC" import --archive "$a" >/dev/null 2>&1 && die "no frames accepted"
	expect_1 export --archive "$a" --format pdf
	expect_1 import --archive "$a" --key missing.key f.txt
	# Frames of a newer protocol: which version, what to update, nothing imported.
	"$COP_SYNC" import --archive "$new" newer.txt >/dev/null 2>err.txt && die "frames of protocol 3 were taken"
	grep -q 'a frame of sync protocol version 3, and this cop-sync reads versions up to 2: update cop-sync' err.txt ||
		die "no word of the version: $(head -2 err.txt)"
	[ "$(archive_sql "$new" 'SELECT count(*) FROM records')" = 0 ] || die "a newer protocol's frames imported something"
done
