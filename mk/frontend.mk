# Frontend: type check, lint (import direction, hooks) and unit tests (Vitest), and a check that the committed Wails
# bindings (frontend/wailsjs/go) match the Go adapters.
.PHONY: test-frontend frontend-deps frontend-build check-bindings
TEST_TARGETS += test-frontend

frontend-deps:
	@if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then \
		cd frontend && npm ci --no-audit --no-fund --loglevel=error; fi

frontend-build: frontend-deps
	cd frontend && npm run build

test-frontend: frontend-deps check-bindings
	cd frontend && npm run check-types
	cd frontend && npm run lint
	cd frontend && npm test

# Regenerates the bindings and fails if that changed anything: the generated files are
# committed so a clean clone builds without the Wails CLI.
check-bindings:
	wails generate module -tags "$(TAGS)" >/dev/null
	@git diff --exit-code --stat -- frontend/wailsjs/go || { echo "frontend/wailsjs/go is stale: run 'wails generate module -tags $(TAGS)' and commit it"; exit 1; }
