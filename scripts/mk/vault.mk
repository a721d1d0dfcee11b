# Secure data (backend/vault): unlock (Argon2id at production parameters), decrypt one field,
# list 10,000 entries of one form.
BENCH_TARGETS += bench-vault
.PHONY: bench-vault
bench-vault:
	go test -tags "$(TAGS)" -run '^$$' -bench . -benchmem ./backend/vault/
