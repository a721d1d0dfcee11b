# Mutation run of the role test (scripts/test-mutations.sh): every role check of the bound
# methods in backend/desktop, removed or widened in turn, must make TestEveryBoundMethodChecksTheRole
# fail. About a minute with a warm Go build cache (the role test is compiled once).
# Then the switch run (scripts/test-switch-mutations.sh): every place that reads one of the ten
# two-factor switches, made to see it off in turn, must make a two-factor test fail.
.PHONY: test-mutations
TEST_TARGETS += test-mutations

test-mutations:
	TAGS="$(TAGS)" bash scripts/test-mutations.sh
	TAGS="$(TAGS)" bash scripts/test-switch-mutations.sh
