# The two set-up commands of the README:
#   make run    builds the tool and runs the bundled pipeline.json over input/ into output/
#   make test   builds and runs the whole test suite
# Both install missing system packages first (scripts/setup.sh).

SWIFT ?= swift

.PHONY: run test build golden docs clean

run:
	./scripts/setup.sh
	$(SWIFT) build -c release --product exercise-pipeline
	.build/release/exercise-pipeline run --config pipeline.json

test:
	./scripts/setup.sh --test
	$(SWIFT) test

build:
	./scripts/setup.sh
	$(SWIFT) build

# Re-record the committed output/ after an intended change (review `git diff output/` before committing).
golden: build
	.build/debug/exercise-pipeline run --config pipeline.json --quiet

# Regenerate the generated reference pages after editing the vocabularies or a diagnostic code
# (tests check both are current).
docs: build
	.build/debug/exercise-pipeline taxonomy reference > docs/taxonomy-reference.md
	.build/debug/exercise-pipeline diagnostics > docs/diagnostics.md

clean:
	rm -rf .build
