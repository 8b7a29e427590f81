// libxml2 built with ICU would pull in the system's ICU headers, which clash with the copy
// inside Swift's Foundation. The portal never touches the ICU converter fields, so the
// reader API is used without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
