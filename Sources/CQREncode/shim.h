#ifndef KASIR_CQRENCODE_SHIM_H
#define KASIR_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
