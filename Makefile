# territorio — the two commands:
#   make demo   installs what is missing, builds, and writes the embedded default into out/
#   make test   installs what is missing (also the test tools), builds, and runs every test
SWIFT ?= swift
OUT ?= out
PREFIX ?= /usr/local
# One release configuration for `make install` and `make bench`: the Swift runtime linked in, so
# that the installed binary runs where the Debian libraries are but no Swift toolchain is.
RELEASE = $(SWIFT) build -c release --static-swift-stdlib --product territorio

.PHONY: demo test build bootstrap clean surveys bench install serve fuzz load

demo:
	@scripts/bootstrap.sh --runtime
	@$(SWIFT) build --quiet --product territorio
	@.build/debug/territorio demo --out $(OUT)

# The Swift tests run on both backends: a throwaway PostgreSQL/PostGIS server (scripts/postgres.sh)
# is started for them and stopped whatever happens.
test:
	@scripts/bootstrap.sh
	@$(SWIFT) format lint --strict --recursive --configuration .swift-format Sources Tests Plugins Fuzz
	@$(SWIFT) build --quiet
	@pg=$$(scripts/postgres.sh start) && trap 'scripts/postgres.sh stop "$$pg"' EXIT && trap 'exit 130' INT TERM && \
	  TERRITORIO_TEST_POSTGRES="$$pg" $(SWIFT) test --quiet && \
	  FUZZ_SECONDS=$${FUZZ_SECONDS:-5} scripts/fuzz.sh && \
	  TERRITORIO_TEST_POSTGRES="$$pg" .venv/bin/python -m pytest -q -p no:warnings -p no:cacheprovider Tests/python

# The web app on the demo database (built into out/ when missing), with a demo admin account
# whose password is printed once, when the account is made.
serve:
	@scripts/bootstrap.sh --runtime
	@$(SWIFT) build --quiet --product territorio
	@test -f $(OUT)/territorio.sqlite || .build/debug/territorio demo --out $(OUT)
	@if .build/debug/territorio user add --db $(OUT)/territorio.sqlite --org CSP --role admin --name admin \
	    2>/dev/null; then echo "Sign in at http://127.0.0.1:8080/signin as admin with the password above."; \
	else echo "Sign in at http://127.0.0.1:8080/signin as admin (its password was printed when it was made;" \
	    "add accounts with territorio user add)."; fi
	@.build/debug/territorio serve --db $(OUT)/territorio.sqlite

# Coverage-guided fuzzing of the parsers of outside input, FUZZ_SECONDS (60) per target
# (docs/operations.md).
fuzz:
	@scripts/fuzz.sh

# National-scale benchmarks against GDAL/SpatiaLite and PySAL access (docs/performance.md).
bench:
	@scripts/bench.sh

# The web app under load on loopback: wrk on the public directory and the OGC gap layer, with a
# questionnaire entered meanwhile (docs/performance.md).
load:
	@scripts/load.sh

# Installs the self-contained binary (it carries GeoData, the forms and the samples) into PREFIX/bin.
install:
	@scripts/bootstrap.sh --runtime
	@$(RELEASE) --quiet
	@install -d $(DESTDIR)$(PREFIX)/bin
	@install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/territorio" $(DESTDIR)$(PREFIX)/bin/territorio

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
	rm -rf .build .build-fuzz $(OUT)
