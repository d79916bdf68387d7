#!/bin/sh
# embed.sh WEBDIR OUT — writes OUT.S (every file under WEBDIR but README.md, as
# bytes, by .incbin) and OUT.c (the table of web_files.h: URL path, type, bytes)
# so that cop-sync serve carries its pages' files with it.
set -eu
dir=${1:?usage: embed.sh WEBDIR OUT}
out=${2:?usage: embed.sh WEBDIR OUT}
files=$(cd "$dir" && find . -type f ! -name README.md | sed 's|^\./||' | LC_ALL=C sort)
{
	echo '	.section .rodata'
	i=0
	for f in $files; do
		printf '	.balign 16\n	.globl web_%d\nweb_%d:\n	.incbin "%s/%s"\n	.globl web_%d_end\nweb_%d_end:\n	.byte 0\n' \
			"$i" "$i" "$dir" "$f" "$i" "$i"
		i=$((i + 1))
	done
	echo '	.section .note.GNU-stack,"",%progbits'
} >"$out.S"
{
	echo '/* Made by sync/embed.sh: the files of sync/web, served by cop-sync serve. */'
	echo '#include "webfiles.h"'
	echo
	i=0
	for f in $files; do
		echo "extern const unsigned char web_${i}[], web_${i}_end[];"
		i=$((i + 1))
	done
	echo
	echo 'const web_file web_files[] = {'
	i=0
	for f in $files; do
		case $f in
		*.css) type='text/css; charset=utf-8' ;;
		*.js | *.mjs) type='text/javascript; charset=utf-8' ;;
		*.html) type='text/html; charset=utf-8' ;;
		*.json | *.webmanifest) type='application/json' ;;
		*.wasm) type='application/wasm' ;;
		*.svg) type='image/svg+xml' ;;
		*.png) type='image/png' ;;
		*) type='text/plain; charset=utf-8' ;;
		esac
		case $f in
		sw.js) url=/sw.js ;;
		*) url=/static/$f ;;
		esac
		echo "	{\"$url\", \"$type\", web_$i, web_${i}_end},"
		i=$((i + 1))
	done
	echo '	{0, 0, 0, 0},'
	echo '};'
} >"$out.c"
