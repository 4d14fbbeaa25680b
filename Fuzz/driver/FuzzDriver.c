#include "FuzzDriver.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

int territorio_fuzz_run(int argc, char **argv, TerritorioFuzzTest test) {
    return LLVMFuzzerRunDriver(&argc, &argv, test);
}
