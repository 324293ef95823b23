# turncoder: `make run` builds and opens the app on the demo project; `make test` runs every
# test. Both install what is missing first (see .ci/deps).
GO ?= go
BIN := turncoder

.PHONY: run build test deps deps-test bench vet

run: deps build
	./$(BIN)

build:
	@echo "building turncoder (the first build compiles Fyne's OpenGL driver with cgo: a few minutes)"
	$(GO) build -o $(BIN) ./cmd/turncoder

deps:
	@.ci/deps run

deps-test:
	@.ci/deps test

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

test: deps-test vet build
	$(GO) test ./...
	@echo "smoke test: the real window opens on the demo project under Xvfb"
	TURNCODER_HOME=$$(mktemp -d) xvfb-run -a ./$(BIN) gui --first-frame

bench: deps-test
	$(GO) test -run '^$$' -bench 'Import|ParseTurns|Lines|Search|States|Progress|OpenDocument' -benchtime 5x ./store ./coding/transcript ./ui
	$(GO) test -run '^$$' -bench 'Keypress|SetState' -benchtime 300x ./ui ./store
	$(GO) test -run '^$$' -bench 'All1M|Bootstrap10k|VsNLTK' -benchtime 5x ./coding/agreement
	.ci/bench-import
