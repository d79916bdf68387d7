/* csvfield: the one writer of CSV fields (csvfield.h). */
#include <string.h>

#include "csvfield.h"

void csv_field(FILE *out, const char *text, bool last, bool quote_all)
{
	bool formula = text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
	bool quote = quote_all || strpbrk(text, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
	fputs(last ? "\r\n" : ",", out);
}
