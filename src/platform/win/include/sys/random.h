#include "compat.h" /* see src/platform/win/compat.h */
