# The two set-up commands of the README:
#   make run    builds the tool and runs the bundled pipeline.json over input/ into output/
#   make test   builds and runs the whole test suite (plain, then under AddressSanitizer)
# Both install missing system packages first (scripts/setup.sh).

SWIFT ?= swift

.PHONY: run test test-asan test-tsan test-leaks fuzz build golden docs evaluate install clean

run:
	./scripts/setup.sh
	$(SWIFT) build -c release --product exercise-pipeline
	.build/release/exercise-pipeline run --config pipeline.json

# The suite, then the suite again under AddressSanitizer (docs/RELIABILITY.md): a few minutes more,
# and use-after-free or overflow in the C interop fails CI. (Linked with lld: gold prints hundreds
# of warnings about ASan's local symbols.)
test:
	./scripts/setup.sh --test
	$(SWIFT) test
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan --toolset scripts/lld-toolset.json
	./scripts/check-install.sh

# The suite under AddressSanitizer (use-after-free and overflows in the C interop, leaks at exit)
# and ThreadSanitizer (races in the concurrent runner), each in a build folder of its own.
test-asan:
	./scripts/setup.sh --test
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp $(SWIFT) test --sanitize=address --scratch-path .build-asan --toolset scripts/lld-toolset.json

test-tsan:
	./scripts/setup.sh --test
	EXERCISE_PIPELINE_SANITIZER=thread $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# A 1,000-page run of the tool under AddressSanitizer + LeakSanitizer (scripts/leak-check.sh).
test-leaks:
	./scripts/leak-check.sh

# Coverage-guided fuzzing (libFuzzer + AddressSanitizer): make fuzz TARGET=html SECONDS=600;
# TARGET=all runs every target for SECONDS each. See docs/RELIABILITY.md.
TARGET ?= all
SECONDS ?= 60
fuzz:
	./scripts/fuzz.sh $(TARGET) $(SECONDS)

# Installs like other command-line tools: the binary (with the taxonomy it reads, beside it in
# lib/exercise-pipeline/, linked from bin/), the man page (swift-argument-parser's generate-manual
# plugin) and bash, zsh and fish completions. DESTDIR is honoured for packaging.
PREFIX ?= /usr/local
install:
	./scripts/setup.sh
	$(SWIFT) build -c release --product exercise-pipeline
	$(SWIFT) package generate-manual
	./scripts/install.sh "$(DESTDIR)$(PREFIX)"

build:
	./scripts/setup.sh
	$(SWIFT) build

# Re-record the committed output/ after an intended change (review `git diff output/` before committing).
golden: build
	.build/debug/exercise-pipeline run --config pipeline.json --quiet

# Regenerate the generated reference pages after editing the vocabularies, a diagnostic code or
# the sqlite tables (tests check all three are current).
docs: build
	.build/debug/exercise-pipeline taxonomy reference > docs/taxonomy-reference.md
	.build/debug/exercise-pipeline diagnostics > docs/diagnostics.md
	.build/debug/exercise-pipeline schema pipeline > docs/pipeline.schema.json
	.build/debug/exercise-pipeline schema record --markdown > docs/record.md
	.build/debug/exercise-pipeline schema sqlite > docs/sqlite.md

# Accuracy on the hand-labelled pages of ten outside sites (../shared/corpus/real-pages).
evaluate: build
	@for truth in ../shared/corpus/real-pages/*/truth.jsonl; do .build/debug/exercise-pipeline evaluate "$$truth" --worst 1; echo; done

clean:
	rm -rf .build
