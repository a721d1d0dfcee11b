// Package ordered is the pipeline of the bulk writers (the JSON Lines import, the demo data
// set): jobs made in order on one goroutine, worked on by one goroutine per core, and handed
// to the writer in the order they were made, so the slow work (decoding, validating,
// generating) runs on every core while one transaction writes.
package ordered

import (
	"context"
	"sync"
)

// Run runs the pipeline: produce makes the jobs and passes each to send, in order; work
// runs on workers goroutines, once per job; consume is called on the caller's goroutine with
// each worked job, in the order sent. The first error of consume (or the context's) stops
// the pipeline and is returned; otherwise, once every job sent is consumed, produce's error.
// Every goroutine has ended when Run returns. workers < 1 means one.
func Run[J any](ctx context.Context, workers int, produce func(ctx context.Context, send func(J) error) error,
	work func(J), consume func(J) error) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	type slot struct {
		job  J
		done chan struct{}
	}
	todo := make(chan *slot, 2*workers)
	inOrder := make(chan *slot, 4*workers)
	produced := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Add(1 + workers)
	go func() {
		defer wg.Done()
		defer close(todo)
		defer close(inOrder)
		produced <- produce(ctx, func(j J) error {
			s := &slot{job: j, done: make(chan struct{})}
			select {
			case inOrder <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case todo <- s:
			case <-ctx.Done():
				close(s.done) // never worked on: its consumer is told by ctx
				return ctx.Err()
			}
			return nil
		})
	}()
	for range workers {
		go func() {
			defer wg.Done()
			for s := range todo {
				work(s.job)
				close(s.done)
			}
		}()
	}
	defer func() {
		cancel() // stops the producer (and so the workers) when the writer stops early
		wg.Wait()
	}()
	for s := range inOrder {
		select {
		case <-s.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := consume(s.job); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return <-produced
}
