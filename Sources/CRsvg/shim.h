// librsvg (SVG rendering onto a cairo image surface) and libpng's simplified write API
// (png_image_*: errors come back as return values, never through setjmp/longjmp).
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <png.h>
