/* files: finding roster files on mounted USB sticks. */
#ifndef FILES_H
#define FILES_H

#define FILES_PATH_MAX 512

/* Fills out with up to max paths of *.csv files (any case) found under the
 * folders in roots, at most depth levels down, sorted by path; hidden files
 * and folders are skipped. Returns how many were found. */
int files_find_csv(const char *const *roots, int nroots, int depth, char (*out)[FILES_PATH_MAX], int max);

#endif
