package secrets

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// ServiceName is the service every Dataskydd secret is filed under in the OS keyring.
const ServiceName = "Dataskydd"

// DefaultTimeout bounds one keyring call. A Secret Service waiting for an unlock
// prompt would otherwise block the caller forever.
const DefaultTimeout = 10 * time.Second

// Keyring is the Secrets of the operating system's keyring.
type Keyring struct {
	service string
	timeout time.Duration
	kr      keyring.Keyring
}

var _ Secrets = (*Keyring)(nil)

// NewKeyring returns the OS keyring under ServiceName with DefaultTimeout.
func NewKeyring() *Keyring {
	return &Keyring{service: ServiceName, timeout: DefaultTimeout, kr: osKeyring{}}
}

// osKeyring calls the go-keyring functions for this OS.
type osKeyring struct{}

func (osKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}
func (osKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (osKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }
func (osKeyring) DeleteAll(service string) error           { return keyring.DeleteAll(service) }

// Get implements Secrets.
func (k *Keyring) Get(ctx context.Context, key string) (string, error) {
	var v string
	err := k.call(ctx, "get", func() error {
		var err error
		v, err = k.kr.Get(k.service, key)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("reading %q from the keyring: %w", key, err)
	}
	return v, nil
}

// Set implements Secrets.
func (k *Keyring) Set(ctx context.Context, key, value string) error {
	err := k.call(ctx, "set", func() error { return k.kr.Set(k.service, key, value) })
	if err != nil {
		return fmt.Errorf("writing %q to the keyring: %w", key, err)
	}
	return nil
}

// Delete implements Secrets.
func (k *Keyring) Delete(ctx context.Context, key string) error {
	err := k.call(ctx, "delete", func() error { return k.kr.Delete(k.service, key) })
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting %q from the keyring: %w", key, err)
	}
	return nil
}

// call runs fn off the caller's goroutine so that a stuck D-Bus call or a panic
// inside the keyring library becomes an error instead of a hang or a crash.
func (k *Keyring) call(ctx context.Context, op string, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, k.timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("keyring library panicked: %v", r)
			}
		}()
		done <- fn()
	}()
	select {
	case err := <-done:
		return classify(op, err)
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			return &UnavailableError{Op: op, Err: fmt.Errorf("no answer within %s", k.timeout)}
		}
		return ctx.Err()
	}
}

// classify maps go-keyring's errors onto ours. Anything that is neither "not
// found" nor "too big" comes from the platform (on Linux: D-Bus or the Secret
// Service) and means the keyring cannot be used.
func classify(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return err
	default:
		return &UnavailableError{Op: op, Err: err}
	}
}
