/* files: finding roster files on mounted USB sticks. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "files.h"

static bool is_csv(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcasecmp(name + n - 4, ".csv");
}

static void walk(const char *dir, int depth, char (*out)[FILES_PATH_MAX], int max, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while (*n < max && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[FILES_PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
			continue;
		struct stat sb;
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode) && depth > 0)
			walk(path, depth - 1, out, max, n);
		else if (S_ISREG(sb.st_mode) && is_csv(e->d_name))
			memcpy(out[(*n)++], path, sizeof path);
	}
	closedir(d);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(a, b);
}

int files_find_csv(const char *const *roots, int nroots, int depth, char (*out)[FILES_PATH_MAX], int max)
{
	int n = 0;
	for (int i = 0; i < nroots; i++)
		walk(roots[i], depth, out, max, &n);
	qsort(out, (size_t)n, sizeof out[0], by_path);
	return n;
}
