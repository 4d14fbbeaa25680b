# territorio — the two commands:
#   make demo   installs what is missing, builds, and writes the embedded default into out/
#   make test   installs what is missing (also the test tools), builds, and runs every test
SWIFT ?= swift
OUT ?= out

.PHONY: demo test build bootstrap clean surveys bench

demo:
	@scripts/bootstrap.sh --runtime
	@$(SWIFT) build --quiet --product territorio
	@.build/debug/territorio demo --out $(OUT)

test:
	@scripts/bootstrap.sh
	@$(SWIFT) build --quiet
	@$(SWIFT) test --quiet
	@.venv/bin/python -m pytest -q -p no:warnings -p no:cacheprovider Tests/python

# National-scale benchmarks against GDAL/SpatiaLite and PySAL access (docs/performance.md).
bench:
	@scripts/bench.sh

build:
	@scripts/bootstrap.sh --runtime
	@$(SWIFT) build --quiet

bootstrap:
	@scripts/bootstrap.sh

# Regenerates what Surveys/ commits: the XLSForms, the paper templates (from the embedded
# default's consortium and taxonomy) and the synthetic sample exports.
surveys: build
	@python3 Surveys/samples/generate.py
	@rm -rf .build/surveys && .build/debug/territorio demo --out .build/surveys >/dev/null
	@mkdir -p Surveys/forms Surveys/templates
	@for f in user operator; do \
	  .build/debug/territorio survey form --db .build/surveys/territorio.sqlite --form $$f --out Surveys/forms/$$f.xlsx && \
	  .build/debug/territorio survey template --db .build/surveys/territorio.sqlite --form $$f --out Surveys/templates/$$f.csv; \
	done

clean:
	rm -rf .build $(OUT)
