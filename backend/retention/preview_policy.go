package retention

import (
	"context"
	"fmt"
	"time"
)

// PreviewPolicy reports what a run at now would do to one type if its policy were switched
// on with the given days (its other settings as saved): the records that would be due, and
// a sample of them. It changes nothing. The anonymisation screen shows it, with the count,
// before a policy is switched on, so that switching on is never a surprise.
func (e *Engine) PreviewPolicy(ctx context.Context, now time.Time, typeName string, days int) (Counts, []Sample, error) {
	p, err := PolicyOf(ctx, e.st.DB, typeName)
	if err != nil {
		return Counts{}, nil, err
	}
	if p.Fixed {
		return Counts{}, nil, fmt.Errorf("previewing the policy of %s: %w", typeName, ErrFixed)
	}
	if days < 0 || days > MaxDays {
		return Counts{}, nil, fmt.Errorf("previewing the policy of %s: %w (got %d)", typeName, ErrBadDays, days)
	}
	p.Enabled, p.Days = true, days
	pl := planOf(p, now)
	var c Counts
	if err := e.st.RO.QueryRowContext(ctx, dueCountSQL, pl.t.Name, pl.cutoff).Scan(&c.Due); err != nil {
		return c, nil, fmt.Errorf("counting due %s: %w", pl.t.Name, err)
	}
	if pl.act == doAnonymise {
		c.Anonymised = c.Due
	} else {
		c.Deleted = c.Due
	}
	if c.Due == 0 {
		return c, []Sample{}, nil
	}
	samples, err := e.samples(ctx, pl)
	return c, samples, err
}

// PreviewPolicy is [Engine.PreviewPolicy] at the scheduler's now.
func (s *Scheduler) PreviewPolicy(ctx context.Context, typeName string, days int) (Counts, []Sample, error) {
	return s.engine.PreviewPolicy(ctx, s.now(), typeName, days)
}
