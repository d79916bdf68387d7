# The Welsh catalogue translates every word the code marks, and only those:
# the template from the sources (as `make po` makes it) against
# kiosk/po/cy.po and the committed kiosk/po/cop-kiosk.pot; msgfmt --check
# (formats as the English has them, plural forms) with nothing fuzzy or
# untranslated.
. "$TESTS/ui/lib.sh"
top="$TESTS/.."
(cd "$top" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
	--keyword=NC_:1c,2 --add-comments=TRANSLATORS: -o "$OLDPWD/fresh.pot" \
	kiosk/*.c kiosk/*/*.c kiosk/*.h kiosk/*/*.h) || die "xgettext failed"
words=$(grep -c '^msgid ' fresh.pot)
[ "$words" -gt 500 ] || die "only $words words marked in the sources"

msgcmp "$top/kiosk/po/cy.po" fresh.pot 2>missing ||
	die "words with no Welsh (run make po, then translate): $(cat missing)"
msgcmp --use-untranslated fresh.pot "$top/kiosk/po/cy.po" 2>stale ||
	die "Welsh for words the code no longer has (run make po): $(cat stale)"
for a in "$top/kiosk/po/cop-kiosk.pot fresh.pot" "fresh.pot $top/kiosk/po/cop-kiosk.pot"; do
	# shellcheck disable=SC2086 # two files
	msgcmp --use-untranslated $a 2>old || die "kiosk/po/cop-kiosk.pot is out of date (run make po): $(cat old)"
done

msgfmt --check --statistics -o cy.mo "$top/kiosk/po/cy.po" 2>stats || die "msgfmt: $(cat stats)"
grep -qx "[0-9]* translated messages\." stats || die "the catalogue is not whole: $(cat stats)"
exit 0
