#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its ICU declarations clash with the ICU that Foundation brings
// ("'UErrorCode' has different definitions"), which shows only on a clean build. Nothing here
// needs libxml2's ICU API, so switch it off before the other headers see it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// libxml2 prints XPath syntax errors to stderr unless a handler takes them; pipeline.json's
// expressions are checked and reported by the tool itself.
static void cxml_ignore_error(void *ctx, const xmlError *error) { (void)ctx; (void)error; }
static inline void cxml_quiet_errors(void) { xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)cxml_ignore_error); }

// `xmlFree` is a mutable global function pointer, which Swift 6 refuses to read.
static inline void cxml_free(void *p) { xmlFree(p); }

#endif
