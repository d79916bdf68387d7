# pg: a real PostgreSQL 15 server for the archive's tests, started in a new
# temporary folder (initdb, pg_ctl from Debian's postgresql package) as an
# unprivileged user, listening on a Unix socket in that folder only, and
# stopped when the test's shell ends. Sourced after lib.sh.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# as_pg CMD ARGS... — CMD as the server's owner: the test's user, or nobody
# when the tests run as root (PostgreSQL refuses to run as root).
as_pg() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	else
		(cd "$PG_DIR" && setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- "$@")
	fi
}

# start_pg — starts the server with a database "cop" in the C locale; sets
# PG_DIR and PG_ARCHIVE (the --archive URI of that database). Once a test:
# about 2 s.
start_pg() {
	[ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is needed: apt-get install postgresql"
	PG_DIR=$(mktemp -d /tmp/cop-pg.XXXXXX)
	chmod 755 "$PG_DIR"
	[ "$(id -u)" -ne 0 ] || chown nobody "$PG_DIR"
	as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U cop -E UTF8 --locale=C --no-sync \
		>"$PG_DIR/initdb.log" 2>&1 || die "initdb failed: $(tail -3 "$PG_DIR/initdb.log")"
	as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -s \
		-o "-k $PG_DIR -c listen_addresses= -c fsync=off -c full_page_writes=off -c max_connections=100" \
		start >/dev/null || die "PostgreSQL did not start: $(tail -3 "$PG_DIR/server.log")"
	# Stopped when this shell ends, whichever trap the test sets afterwards,
	# by a watcher in a session of its own, so that it outlives the test's
	# process group killed on a timeout (a test waits for its own children by
	# their pids, not with a bare wait).
	# shellcheck disable=SC2016 # the watcher's own script, its arguments after it
	setsid sh -c '
		while kill -0 "$1" 2>/dev/null; do sleep 0.2; done
		if [ "$(id -u)" -ne 0 ]; then
			"$2/pg_ctl" -D "$3/data" -m immediate -s stop
		else
			cd "$3" && setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- \
				"$2/pg_ctl" -D "$3/data" -m immediate -s stop
		fi
		rm -rf "$3"' sh $$ "$PG_BIN" "$PG_DIR" </dev/null >/dev/null 2>&1 &
	"$PG_BIN/../bin/createdb" -h "$PG_DIR" -U cop cop 2>/dev/null ||
		as_pg "$PG_BIN/createdb" -h "$PG_DIR" -U cop cop || die "createdb failed"
	PG_ARCHIVE="postgresql:///cop?host=$PG_DIR&user=cop"
}

# pg_sql SQL — runs SQL on the test's database; prints the rows (psql -At).
pg_sql() {
	psql -X -q -At -h "$PG_DIR" -U cop -d cop -v ON_ERROR_STOP=1 -c "$1"
}

# The archive's engines: each archive test runs once on each, as
#	for engine in $ENGINES; do
#		use_engine $engine
#		a=$(archive a)
#		... "$COP_SYNC" import --archive "$a" ...; archive_sql "$a" "SELECT ..."
#	done
ENGINES="sqlite postgresql"

# use_engine ENGINE — the archives made next are on ENGINE (sqlite or
# postgresql); the first time PostgreSQL is used the test's server starts
# (start_pg: once a test, stopped at its end). A failure names the engine.
use_engine() {
	ENGINE=$1
	case $ENGINE in
	sqlite) ;;
	postgresql) [ -n "${PG_DIR:-}" ] || start_pg ;;
	*) die "no archive engine $ENGINE" ;;
	esac
}

# archive NAME — a new, empty archive NAME on the engine in use, as --archive
# takes it: the SQLite file NAME.db in the test's folder, or a new database
# NAME on the test's PostgreSQL server.
archive() {
	case $ENGINE in
	sqlite)
		[ ! -e "$1.db" ] || die "the archive $1.db is already there"
		echo "$1.db"
		;;
	postgresql)
		"$PG_BIN/createdb" -h "$PG_DIR" -U cop "$1" || die "createdb $1 failed"
		echo "postgresql:///$1?host=$PG_DIR&user=cop"
		;;
	esac
}

# archive_sql ARCHIVE SQL — runs SQL on ARCHIVE, either engine's; prints the
# rows, columns parted by "|" (sqlite3's and psql -At's way alike).
archive_sql() {
	case $1 in
	postgresql:*) psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

# no_archive NAME — an archive NAME that is not there on the engine in use, as
# --archive takes it: no file NAME.db, or no database NAME on the server.
no_archive() {
	case $ENGINE in
	sqlite) echo "$1.db" ;;
	postgresql) echo "postgresql:///$1?host=$PG_DIR&user=cop" ;;
	esac
}
