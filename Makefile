# The two set-up commands of README.md: `make corpus` and `make test`.
CARGO ?= cargo
CLS := target/release/cls

.PHONY: build test lint corpus report bench install clean fuzz hostile

build:
	$(CARGO) build --release --workspace

# The vendored ToUnicode reader is not a workspace member: its own tests are built apart.
test:
	$(CARGO) test --release --workspace
	mkdir -p target && rustc --edition 2018 --test -O vendor/pdf-extract/src/tounicode.rs -o target/tounicode-tests && target/tounicode-tests

# Formatting, clippy with warnings as errors, and the tidy tests (architecture invariants,
# unused dependencies). `.ci/run` runs this before `make test`.
lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --release --workspace --all-targets -- -D warnings
	$(CARGO) test --release --test tidy

# Puts `cls` on the PATH (~/.cargo/bin).
install:
	$(CARGO) install --locked --path crates/cli

# Reads every shipped fixture (PDFs and web pages) into corpus/.
corpus: build
	$(CLS) batch fixtures/ --out corpus

# The comparison report of the shipped fixtures' corpus.
report: corpus
	$(CLS) compare corpus --out corpus/report

# Timed commands: cls ingest against pdf-extract's own extract_text on the 83-page PDF,
# and the in-process benchmarks of normalisation and web pages.
bench: build
	$(CARGO) build --release --example extract_text_baseline -p cls-extract
	$(CARGO) build --release --manifest-path bench/stock-extract-text/Cargo.toml --target-dir target/stock
	$(CARGO) run --release -p cls-cli --example bench
	bash bench/batch.sh

# A bounded mutation run over the fixtures and hostile files (a few minutes; not in CI):
# reports any abort, hang, odd exit or memory spike of `cls ingest`. FUZZ_SECONDS=… to
# change its length.
FUZZ_SECONDS ?= 180
fuzz: build
	python3 tools/fuzz/fuzz.py --seconds $(FUZZ_SECONDS)

# Regenerates tests/data/hostile/ (deterministic).
hostile:
	python3 tools/hostile/gen.py tests/data/hostile

clean:
	rm -rf corpus
