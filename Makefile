# turncoder: `make run` builds and opens the app on the demo project; `make test` runs every
# test. Both install what is missing first (see .ci/deps).
GO ?= go
BIN := turncoder

.PHONY: run build test deps deps-test bench vet e2e dist dist-mac

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
	$(GO) vet -tags e2e ./ui/e2e

test: deps-test vet build
	$(GO) test ./...
	@echo "the command line without the window: built without cgo (-tags nogui), its tests run against that build"
	CGO_ENABLED=0 $(GO) vet -tags nogui ./cmd/turncoder
	CGO_ENABLED=0 $(GO) test -tags nogui ./cmd/turncoder
	@echo "smoke test: the real window opens on the demo project under Xvfb"
	TURNCODER_HOME=$$(mktemp -d) xvfb-run -a ./$(BIN) gui --first-frame
	@echo "end-to-end: every journey in the real window (Xvfb, xdotool) at 1024x700 and 1920x1080; screenshots in ui/e2e/shots"
	$(GO) test -tags e2e -count=1 -timeout 40m ./ui/e2e -bin "$(CURDIR)/$(BIN)"

# e2e runs only the real-window journeys (SIZES=1024x700 for one size).
e2e: build
	$(GO) test -tags e2e -count=1 -timeout 40m -v ./ui/e2e -bin "$(CURDIR)/$(BIN)" $(if $(SIZES),-sizes $(SIZES))

# `make bench` runs every benchmark and side-by-side comparison (cmd/tcbench lists them and
# their targets) and prints one table; QUICK=1 runs each once at a tiny size to check that all
# of them run; MARKDOWN=FILE also writes the table as Markdown for the README.
bench: deps-test
	$(GO) run ./cmd/tcbench -go $(GO) $(if $(QUICK),-quick) $(if $(MARKDOWN),-markdown $(MARKDOWN))

# `make dist` makes the downloadable builds of the commit checked out, into dist/: the Linux
# app (tar.xz), the Windows app and command line (zip, cross-compiled with mingw-w64), the
# command line without cgo for linux, windows and darwin on amd64 and arm64, and SHA256SUMS;
# then checks them (.ci/dist says how). It installs what it needs first (.ci/deps dist) and
# takes a while: the Windows build alone is about ten minutes on two cores.
dist:
	@.ci/dist

# `make dist-mac`, on a Mac with Go and the Xcode command line tools: the macOS app
# (turncoder.app, for Apple silicon and Intel) zipped into dist/ (.ci/dist-mac).
dist-mac:
	@.ci/dist-mac
