/* lang: chooses the catalogue gettext translates the kiosk's words with. */
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"

/* gettext's state is the process's, so the list of languages is too. */
static char codes[LANG_MAX][8] = {"en"};
static int ncodes = 1;
static int current;
static char dir_in_use[1024];

static const struct {
	const char *code, *name;
} names[] = {
	{"cy", "Cymraeg"},
	{"en", "English"},
	{"ga", "Gaeilge"},
	{"gd", "Gàidhlig"},
};

static int by_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

int lang_init(const char *dir)
{
	/* gettext translates nothing in the "C" locale, and a kiosk cannot count
	 * on en_GB or cy_GB being generated: C.UTF-8 is always there. Only the
	 * messages' category moves; LANGUAGE then names the catalogue. */
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		setlocale(LC_MESSAGES, "");
	ncodes = 1;
	current = 0;
	dir_in_use[0] = '\0';
	DIR *d = dir ? opendir(dir) : NULL;
	if (d) {
		snprintf(dir_in_use, sizeof dir_in_use, "%s", dir);
		struct dirent *e;
		while ((e = readdir(d)) && ncodes < LANG_MAX) {
			char mo[1400];
			size_t n = strlen(e->d_name);
			if (e->d_name[0] == '.' || n >= sizeof codes[0] || !strcmp(e->d_name, "en"))
				continue;
			snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/" LANG_DOMAIN ".mo", dir, e->d_name);
			if (access(mo, R_OK) == 0)
				memcpy(codes[ncodes++], e->d_name, n + 1);
		}
		closedir(d);
		qsort(codes + 1, (size_t)ncodes - 1, sizeof codes[0], by_code);
	}
	bindtextdomain(LANG_DOMAIN, dir_in_use[0] ? dir_in_use : ".");
	bind_textdomain_codeset(LANG_DOMAIN, "UTF-8");
	setenv("LANGUAGE", "en", 1);
	textdomain(LANG_DOMAIN);
	return ncodes;
}

int lang_set(const char *code, char *err, size_t errlen)
{
	int i = 0;
	while (i < ncodes && strcmp(codes[i], code))
		i++;
	if (i == ncodes) {
		int n = snprintf(err, errlen, _("there are no words in language '%s'; there are:"), code);
		for (int k = 0; k < ncodes && n >= 0 && (size_t)n < errlen; k++)
			n += snprintf(err + n, errlen - (size_t)n, " %s (%s)%s", codes[k], lang_name(codes[k]),
			              k + 1 < ncodes ? "," : "");
		return -1;
	}
	const char *loc = setlocale(LC_MESSAGES, NULL);
	if (i > 0 && loc && (!strcmp(loc, "C") || !strcmp(loc, "POSIX"))) {
		snprintf(err, errlen, _("this system has no C.UTF-8 locale, which the kiosk needs to show words in %s"),
		         lang_name(code));
		return -1;
	}
	current = i;
	setenv("LANGUAGE", codes[i], 1);
	textdomain(LANG_DOMAIN); /* forgets the translations gettext looked up before */
	return 0;
}

const char *lang_current(void)
{
	return codes[current];
}

const char *lang_code(int i)
{
	return i >= 0 && i < ncodes ? codes[i] : NULL;
}

const char *lang_name(const char *code)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].code, code))
			return names[i].name;
	return code;
}

const char *lang_gettext(const char *text)
{
	return current == 0 ? text : gettext(text);
}

const char *lang_ngettext(const char *one, const char *many, unsigned long n)
{
	return current == 0 ? (n == 1 ? one : many) : (ngettext)(one, many, n); /* libintl's, not the macro */
}

const char *lang_pgettext(const char *context, const char *text)
{
	if (current == 0)
		return text;
	char id[256]; /* how msgfmt keys a msgctxt: context, EOT, text */
	if ((size_t)snprintf(id, sizeof id, "%s\004%s", context, text) >= sizeof id)
		return text;
	const char *t = gettext(id);
	return t == id ? text : t;
}
