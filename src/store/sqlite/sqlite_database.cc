// Placeholder until the backend lands.
#include "store/sqlite/sqlite_database.h"
