// spatialite.h does not include sqlite3.h: include it first.
#include <sqlite3.h>
#include <spatialite.h>
