# End-to-end: the real app under Xvfb and D-Bus, driven in Chromium (scripts/e2e.sh).
.PHONY: test-e2e
TEST_TARGETS += test-e2e

test-e2e: frontend-deps
	TAGS="$(TAGS)" bash scripts/e2e.sh
