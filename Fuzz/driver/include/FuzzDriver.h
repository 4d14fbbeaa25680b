// libFuzzer's driver, called from each harness's entry point (SwiftPM names an executable's
// `main` after its module, so libFuzzer's own `main` cannot be used).
#include <stddef.h>
#include <stdint.h>

typedef int (*TerritorioFuzzTest)(const uint8_t *data, size_t size);

/// Runs libFuzzer with the command line and the function that tests one input.
int territorio_fuzz_run(int argc, char **argv, TerritorioFuzzTest test);
