# territorio — the two commands:
#   make demo   installs what is missing, builds, and writes the embedded default into out/
#   make test   installs what is missing (also the test tools), builds, and runs every test
SWIFT ?= swift
OUT ?= out

.PHONY: demo test build bootstrap clean

demo:
	@scripts/bootstrap.sh --runtime
	@$(SWIFT) build --quiet --product territorio
	@.build/debug/territorio demo --out $(OUT)

test:
	@scripts/bootstrap.sh
	@$(SWIFT) build --quiet
	@$(SWIFT) test --quiet

build:
	@scripts/bootstrap.sh --runtime
	@$(SWIFT) build --quiet

bootstrap:
	@scripts/bootstrap.sh

clean:
	rm -rf .build $(OUT)
