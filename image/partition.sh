# shellcheck shell=sh
# partition.sh: sourced by inspect.sh and boot-qemu.sh.
# extract IMAGE N FILE: copies partition N of the disk image IMAGE into FILE.
extract() {
	sfdisk --dump "$1" | sed -n "s/^[^ ]*$2 : start= *\([0-9]*\), size= *\([0-9]*\).*/\1 \2/p" >"$3.at"
	read -r start size <"$3.at"
	rm -f "$3.at"
	[ -n "$size" ] || { echo "$1 has no partition $2" >&2; exit 1; }
	dd if="$1" of="$3" bs=512 skip="$start" count="$size" conv=sparse status=none
}
