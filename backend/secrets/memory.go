package secrets

import (
	"context"
	"sync"
)

// Memory is a Secrets kept in a map, for tests of packages that need secrets.
// The zero value is not ready; use NewMemory.
type Memory struct {
	mu sync.Mutex
	m  map[string]string
	// Fail, when set, is returned by every call, to test how callers handle
	// an unavailable keyring.
	Fail error
}

var _ Secrets = (*Memory)(nil)

// NewMemory returns an empty in-memory Secrets.
func NewMemory() *Memory { return &Memory{m: map[string]string{}} }

// Get implements Secrets.
func (s *Memory) Get(ctx context.Context, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return "", s.Fail
	}
	v, ok := s.m[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Set implements Secrets.
func (s *Memory) Set(ctx context.Context, key, value string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return s.Fail
	}
	s.m[key] = value
	return nil
}

// Delete implements Secrets.
func (s *Memory) Delete(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return s.Fail
	}
	delete(s.m, key)
	return nil
}
