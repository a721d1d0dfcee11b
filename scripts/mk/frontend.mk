# Frontend: type check, lint (import direction, hooks) and unit tests (Vitest).
# The Wails bindings (frontend/wailsjs/go) are committed, so a clean clone type-checks
# without the Wails CLI; `make test` regenerates them from the services in backend/desktop first, so the
# frontend is checked against the real Go API (commit them if they changed).
.PHONY: test-frontend frontend-deps frontend-build bindings
TEST_TARGETS += test-frontend

frontend-deps:
	@if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules ]; then \
		cd frontend && npm ci --no-audit --no-fund --loglevel=error; fi

frontend-build: frontend-deps
	cd frontend && npm run build

bindings:
	wails generate module -tags "$(TAGS)" >/dev/null
	@git diff --quiet -- frontend/wailsjs/go || echo "note: frontend/wailsjs/go changed; commit the regenerated bindings" >&2

test-frontend: frontend-deps bindings
	cd frontend && npm run check-types
	cd frontend && npm run lint
	cd frontend && npm test
