# One writer per data folder (issue 12): the two-process suite. The real binary (built with the
# test switches' tag) run as several processes at once on one data folder: an import large
# enough to rebuild the search index while retention set, delete, anonymise, search, check and
# export start; then short writers at once. About 1.5 minutes (backend/cli/twoprocess_test.go).
.PHONY: test-two-process
TEST_TARGETS += test-two-process

test-two-process:
	DATASKYDD_TWO_PROCESS=1 go test -tags "$(TAGS)" -count=1 -timeout 6m -run '^TestTwoProcessesOneFolder$$' -v ./backend/cli/
