# The two commands: `make run` serves the app, `make test` runs every test.
.PHONY: run test fmt lint

run:
	scripts/run.sh

test:
	scripts/test.sh

fmt:
	cargo fmt --all

lint:
	LEPTOS_OUTPUT_NAME=plantrack RUSTFLAGS="--cfg erase_components" cargo clippy -p app --features ssr -- -D warnings
	LEPTOS_OUTPUT_NAME=plantrack RUSTFLAGS="--cfg erase_components" cargo clippy -p server --tests -- -D warnings
