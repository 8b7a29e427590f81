// Pango lays out and shapes the letters' text (any script, with the fonts fontconfig finds);
// Cairo writes it as PDF.
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
