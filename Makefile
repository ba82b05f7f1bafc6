# The two set-up commands of README.md: `make corpus` and `make test`.
CARGO ?= cargo
CLS := target/release/cls

.PHONY: build test corpus report bench clean

build:
	$(CARGO) build --release --workspace

test:
	$(CARGO) test --release --workspace

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

clean:
	rm -rf corpus
