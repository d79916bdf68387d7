/* pngfile: pictures written as PNG files (pngfile.h). */
#include <png.h>
#include <string.h>

#include "pngfile.h"

int pngfile_write(FILE *f, const unsigned char *px, int w, int h, int channels, char *err, size_t errlen)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
	if (png_image_write_to_stdio(&img, f, 0, px, w * channels, NULL))
		return 0;
	snprintf(err, errlen, "%s", img.message);
	return -1;
}
