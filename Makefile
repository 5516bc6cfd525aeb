# The two set-up commands of the README:
#   make run    builds the tool and runs the bundled pipeline.json over input/ into output/
#   make test   builds and runs the whole test suite
# Both install missing system packages first (scripts/setup.sh).

SWIFT ?= swift

.PHONY: run test build golden docs evaluate clean

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

# Accuracy on the hand-labelled pages of ten outside sites (../shared/corpus/real-pages).
evaluate: build
	@for truth in ../shared/corpus/real-pages/*/truth.jsonl; do .build/debug/exercise-pipeline evaluate "$$truth" --worst 1; echo; done

clean:
	rm -rf .build
