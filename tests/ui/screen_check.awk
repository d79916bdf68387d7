# screen_check.awk: what a person would see wrong on a kiosk screen, read from
# the kiosk's `dump` lines (one JSON object a widget; dumps parted by the
# script's "ok N" lines). Usage:
#   awk -v W=800 -v H=480 [-v WHERE=NAME] [-v SCREENS="L1 L2 ..." -v FIRST=K] \
#       -f screen_check.awk [DATA] DUMPS
# With SCREENS, the script lines of the `dump`s (in order) numbered from
# FIRST (1 unless given): a fault names its screen by that number, as the
# tour's pictures and contact sheets do.
# DATA (optional, a file whose name is "data") holds what people typed, one
# record a line (sqlite3 .dump): a shortened or split line whose end is found
# there is a person's name or title, which lists and charts may shorten; the
# kiosk's own words never are. Prints one line a fault, naming the script line
# after which it was seen, and exits 1 if there was any:
#   cut off     — text that does not fit its place (role "clipped")
#   shortened   — the kiosk's own words ended with "…" or broken inside a word
#   off screen  — a widget not wholly inside W x H
#   small       — a tappable widget under MIN (48) px wide or high
#   overlap     — two tappable widgets whose rectangles intersect
#   covered     — a label drawn over a tappable widget
#   message     — a message ("toast") over a tappable widget
# Tappable: button, off (a greyed-out button), field, item, key, toggle, link,
# note (a post-it on the wall). A "list" line is a scrolling list's view: of
# a row half scrolled out of it only the part inside is seen.
BEGIN {
	if (MIN == "")
		MIN = 48
	if (FIRST == "")
		FIRST = 1
	for (k = split(SCREENS, dumps, " "); k >= 1; k--)
		screen_at[dumps[k]] = FIRST + k - 1
	FS = "\n"
}
FILENAME == "data" && FNR == NR { typed_rows[++rows] = $0; next }
/^ok / { line = substr($0, 4) + 0; check(); next }
/^\{"role":/ { widget($0) }
END { check(); exit bad }

function typed(t,   i) {
	for (i = 1; i <= rows; i++)
		if (index(typed_rows[i], t))
			return 1
	return 0
}

# The text of a dump line, unescaped enough to compare with what was typed.
function text_of(s) {
	sub(/^\{"role":"[a-z]*","text":"/, "", s)
	sub(/"(,"value":"[^"]*")?,"x":-?[0-9]+,"y":-?[0-9]+,"w":[0-9]+,"h":[0-9]+\}$/, "", s)
	gsub(/\\"/, "\"", s)
	gsub(/\\\\/, "\\", s)
	return s
}

function fault(kind, what) {
	print kind (line in screen_at ? " on screen " screen_at[line] : "") (WHERE == "" ? "" : " of " WHERE) \
		" (script line " line "): " what
	bad = 1
}

function widget(s,   role, f, x, y, w, h, t, tail) {
	role = s
	sub(/^\{"role":"/, "", role)
	sub(/".*/, "", role)
	if (!match(s, /"x":-?[0-9]+,"y":-?[0-9]+,"w":[0-9]+,"h":[0-9]+\}$/))
		return
	split(substr(s, RSTART, RLENGTH), f, /[:,}]/)
	x = f[2] + 0; y = f[4] + 0; w = f[6] + 0; h = f[8] + 0
	# Said once the dump's "ok" names its line.
	if (role == "clipped")
		later("cut off", s)
	if (role == "shortened" || role == "split") {
		t = text_of(s)
		tail = length(t) > 12 ? substr(t, length(t) - 11) : t
		if (!typed(tail))
			later("shortened", s)
	}
	if (role == "list") {
		nl++
		lx[nl] = x; ly[nl] = y; lw[nl] = w; lh[nl] = h
		return
	}
	n++
	role_[n] = role; x_[n] = x; y_[n] = y; w_[n] = w; h_[n] = h; s_[n] = s; part_[n] = 0
	scrolled(n)
	if (x_[n] < 0 || y_[n] < 0 || x_[n] + w_[n] > W || y_[n] + h_[n] > H)
		later("off screen", s)
}

# A row of a list scrolled half out of its view: only the part in the view
# shows (and answers a tap), so only that part is checked, and its size is
# not (it is whole once scrolled in).
function scrolled(i,   k, x2, y2) {
	for (k = nl; k >= 1; k--) {
		if (!(x_[i] < lx[k] + lw[k] && lx[k] < x_[i] + w_[i] && y_[i] < ly[k] + lh[k] && ly[k] < y_[i] + h_[i]))
			continue
		if (x_[i] >= lx[k] && y_[i] >= ly[k] && x_[i] + w_[i] <= lx[k] + lw[k] && y_[i] + h_[i] <= ly[k] + lh[k]) {
			# The kiosk may say only the part that shows: a row cut
			# by the view's top or bottom edge.
			part_[i] = h_[i] < MIN && (y_[i] == ly[k] || y_[i] + h_[i] == ly[k] + lh[k])
			return
		}
		x2 = x_[i] + w_[i] < lx[k] + lw[k] ? x_[i] + w_[i] : lx[k] + lw[k]
		y2 = y_[i] + h_[i] < ly[k] + lh[k] ? y_[i] + h_[i] : ly[k] + lh[k]
		x_[i] = x_[i] > lx[k] ? x_[i] : lx[k]
		y_[i] = y_[i] > ly[k] ? y_[i] : ly[k]
		w_[i] = x2 - x_[i]; h_[i] = y2 - y_[i]
		part_[i] = 1
		return
	}
}

function tappable(role) {
	return role ~ /^(button|off|field|item|key|toggle|link|note)$/
}

function meet(i, j) {
	return x_[i] < x_[j] + w_[j] && x_[j] < x_[i] + w_[i] && y_[i] < y_[j] + h_[j] && y_[j] < y_[i] + h_[i]
}

# A label inside a control is the control's own words (a tile's hint, a
# row's detail); one that crosses its edge is drawn over it.
function inside(i, j) {
	return x_[i] >= x_[j] && y_[i] >= y_[j] && x_[i] + w_[i] <= x_[j] + w_[j] && y_[i] + h_[i] <= y_[j] + h_[j]
}

function later(kind, what) {
	pending++
	pending_kind[pending] = kind
	pending_what[pending] = what
}

function check(   i, j) {
	for (i = 1; i <= pending; i++)
		fault(pending_kind[i], pending_what[i])
	pending = 0
	for (i = 1; i <= n; i++) {
		if (!tappable(role_[i]))
			continue
		if (!part_[i] && (w_[i] < MIN || h_[i] < MIN))
			fault("small", s_[i])
		for (j = i + 1; j <= n; j++)
			if (tappable(role_[j]) && meet(i, j))
				fault("overlap", s_[i] " and " s_[j])
		for (j = 1; j <= n; j++) {
			if (role_[j] == "toast" && meet(i, j))
				fault("message", s_[j] " over " s_[i])
			if (role_[j] == "label" && meet(i, j) && !inside(j, i))
				fault("covered", s_[j] " over " s_[i])
		}
	}
	n = nl = 0
}
