package desktop

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/registry"
	"dataskydd/backend/retention"
	"dataskydd/backend/services"
	"dataskydd/backend/vault"
)

// RetentionService is anonymisation and retention: policies, previews, runs, the scheduler token.
type RetentionService struct{ *Core }

// Settings > GDPR > Anonymisation: the retention policies, the scheduler that applies them
// while the app runs, its preview and its history. Only admin and gdpr_officer get here.

// Events of the retention scheduler.
const (
	// EventRetentionProgress carries a [RetentionProgress] after every batch of a run.
	EventRetentionProgress EventName = "retention:progress"
	// EventRetentionDone carries the [RetentionRun] that just ended.
	EventRetentionDone EventName = "retention:done"
)

// gdprRoles may open Settings > GDPR.
var gdprRoles = []auth.Role{auth.RoleAdmin, auth.RoleGDPROfficer}

// startScheduler starts the retention scheduler over the wired services, once per opened
// store: a catch-up run at once, then hourly. Without a store it does nothing (it is
// called again when a screen needs it).
func (a *Core) startScheduler() (*retention.Scheduler, error) {
	s, err := a.svc()
	if err != nil {
		return nil, err
	}
	return a.schedulerFor(s), nil
}

func (a *Core) schedulerFor(s *services.Services) *retention.Scheduler {
	s.Retention.SetProgress(a.retentionProgress)
	return a.retention.For(a.ctx, s.Retention, retention.SchedulerOptions{OnDone: a.retentionDone})
}

// stopScheduler cancels the loop and any run in progress and waits (a little) for it to end.
func (a *Core) stopScheduler() { a.retention.Stop() }

// RetentionProgress is how far a run has come with one policy.
type RetentionProgress struct {
	Type    string `json:"type"`
	LabelSV string `json:"labelSv"`
	LabelEN string `json:"labelEn"`
	Done    int    `json:"done"`
	Due     int    `json:"due"`
}

func (a *Core) retentionProgress(p retention.Progress) {
	sv, en := typeLabels(p.Type)
	a.emit(EventRetentionProgress, RetentionProgress{Type: p.Type, LabelSV: sv, LabelEN: en, Done: p.Done, Due: p.Due})
}

func (a *Core) retentionDone(rep retention.Report, err error) {
	run := runOf(rep, err)
	a.emit(EventRetentionDone, run)
	if rep.Total() > 0 {
		a.emit(EventStoreChanged, nil)
	}
}

// RetentionPolicy is one row of the anonymisation settings.
type RetentionPolicy struct {
	Type    string `json:"type"`
	Area    string `json:"area"`
	LabelSV string `json:"labelSv"`
	LabelEN string `json:"labelEn"`
	Enabled bool   `json:"enabled"`
	Days    int    `json:"days"`
	Months  int    `json:"months"` // the other logs' fixed period in calendar months
	Fixed   bool   `json:"fixed"`  // always on; period cannot be changed
	// OnDelete is "anonymise" or "delete" for customer, contact person and user; "" otherwise.
	OnDelete  string     `json:"onDelete"`
	Clock     []FieldRef `json:"clock"`     // the fields that start the countdown
	ClockMode string     `json:"clockMode"` // "earliest" ("A or B") or "first_set" ("A, else B")
	DeleteRow bool       `json:"deleteRow"` // the record is deleted rather than anonymised
	Fields    []FieldRef `json:"fields"`    // the fields the rule changes
}

// TypeCounts are one type's figures in a run or a preview.
type TypeCounts struct {
	Type       string             `json:"type"`
	LabelSV    string             `json:"labelSv"`
	LabelEN    string             `json:"labelEn"`
	Due        int                `json:"due"`
	Anonymised int                `json:"anonymised"`
	Deleted    int                `json:"deleted"`
	Samples    []retention.Sample `json:"samples"` // previews only
}

// JobCount is what a scheduled job (the secure data's auto-delete) did in a run.
type JobCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// RetentionRun is one run of the anonymisation history (or a preview of the next one).
type RetentionRun struct {
	ID         int64        `json:"id"`
	StartedAt  string       `json:"startedAt"` // RFC 3339; "" for a preview
	AsOf       string       `json:"asOf"`      // the time the run judged due-ness by
	FinishedAt string       `json:"finishedAt"`
	Trigger    string       `json:"trigger"` // startup, hourly, manual, cli, delete
	Error      string       `json:"error"`
	Cancelled  bool         `json:"cancelled"`
	DryRun     bool         `json:"dryRun"`
	Types      []TypeCounts `json:"types"`
	Jobs       []JobCount   `json:"jobs"`
	Total      int          `json:"total"` // records anonymised or deleted (would be, for a preview)
}

// RetentionOverview is everything the anonymisation screen shows.
type RetentionOverview struct {
	Policies []RetentionPolicy `json:"policies"`
	Running  bool              `json:"running"`
	NextRun  string            `json:"nextRun"` // RFC 3339; "" before the scheduler started
	LastRun  *RetentionRun     `json:"lastRun"` // nil before the first run ever
	History  []RetentionRun    `json:"history"` // newest first
	Word     string            `json:"word"`    // the store's replacement word
}

// PolicyChange edits one policy; absent fields stay as they are.
type PolicyChange struct {
	Type     string  `json:"type"`
	Enabled  *bool   `json:"enabled,omitempty"`
	Days     *int    `json:"days,omitempty"`
	OnDelete *string `json:"onDelete,omitempty"`
}

// RetentionOverview returns the policies, the scheduler's state and the latest runs.
func (a *RetentionService) RetentionOverview() (RetentionOverview, error) {
	out := RetentionOverview{Policies: []RetentionPolicy{}, History: []RetentionRun{}}
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return out, err
	}
	sched := a.schedulerFor(s)
	policies, err := retention.Policies(a.ctx, s.Store.DB)
	if err != nil {
		return out, fail(CodeInternal, err)
	}
	for _, p := range policies {
		out.Policies = append(out.Policies, policyOf(p))
	}
	st := sched.Status()
	out.Running = st.Running
	out.NextRun = rfc3339(st.NextRun)
	out.Word = s.Store.ReplacementWord()
	hist, err := retention.History(a.ctx, s.Store.DB, 10)
	if err != nil {
		return out, fail(CodeInternal, err)
	}
	for _, h := range hist {
		out.History = append(out.History, historyRun(h))
	}
	if len(out.History) > 0 {
		last := out.History[0]
		out.LastRun = &last
	}
	return out, nil
}

// SetRetentionPolicy saves a change of one policy and returns the policy as saved. The
// fixed rows (event log, other logs) cannot be changed.
func (a *RetentionService) SetRetentionPolicy(c PolicyChange) (RetentionPolicy, error) {
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return RetentionPolicy{}, err
	}
	p, err := retention.SetPolicy(a.ctx, s.Store, c.Type, retention.Change{Enabled: c.Enabled, Days: c.Days, OnDelete: c.OnDelete})
	if err != nil {
		return RetentionPolicy{}, retentionFail(err)
	}
	return policyOf(p), nil
}

// PreviewRetention reports what a run now would do, per type with counts and a sample of
// records, and changes nothing.
func (a *RetentionService) PreviewRetention() (RetentionRun, error) {
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return RetentionRun{}, err
	}
	rep, err := a.schedulerFor(s).Preview(a.ctx)
	if err != nil {
		return RetentionRun{}, retentionFail(err)
	}
	return runOf(rep, nil), nil
}

// RunRetentionNow runs every due policy now (the scheduler's job), sending
// [EventRetentionProgress] and, at the end, [EventRetentionDone]. Busy while another run is
// in progress; CancelRetention stops it between batches.
func (a *RetentionService) RunRetentionNow() (RetentionRun, error) {
	_, s, err := a.requireRole(gdprRoles...)
	if err != nil {
		return RetentionRun{}, err
	}
	rep, err := a.retention.RunManual(a.ctx, a.schedulerFor(s))
	run := runOf(rep, err)
	run.Trigger = retention.TriggerManual
	if err != nil {
		return run, retentionFail(err)
	}
	return run, nil
}

// CancelRetention stops the "Run now" in progress; what its finished batches did stays
// done. It reports whether there was one to stop.
func (a *RetentionService) CancelRetention() (bool, error) {
	if _, _, err := a.requireRole(gdprRoles...); err != nil {
		return false, err
	}
	return a.retention.CancelManual(), nil
}

func retentionFail(err error) error {
	switch {
	case errors.Is(err, retention.ErrBusy):
		return fail(CodeBusy, err)
	case errors.Is(err, context.Canceled):
		return fail(CodeCancelled, err)
	case errors.Is(err, retention.ErrFixed), errors.Is(err, retention.ErrBadDays), errors.Is(err, retention.ErrNoPolicy),
		errors.Is(err, retention.ErrNoOnDelete), errors.Is(err, retention.ErrBadOnDelete):
		return fail(CodeBadRequest, err)
	}
	return fail(codeOf(err), err)
}

func policyOf(p retention.Policy) RetentionPolicy {
	t, _ := registry.Get(p.Type)
	out := RetentionPolicy{Type: p.Type, Enabled: p.Enabled, Days: p.Days, Months: p.Months, Fixed: p.Fixed,
		OnDelete: p.OnDelete, Clock: fieldRefs(p.Clock), ClockMode: p.ClockMode, DeleteRow: p.DeleteRow, Fields: []FieldRef{}}
	out.LabelSV, out.LabelEN = typeLabels(p.Type)
	if t != nil {
		out.Area = t.Area
		out.Fields = fieldRefs(retention.Named(t))
	}
	return out
}

func fieldRefs(paths []string) []FieldRef {
	out := []FieldRef{}
	for _, p := range paths {
		ref := FieldRef{Path: p}
		ref.LabelSV, ref.LabelEN = fieldLabels(p)
		out = append(out, ref)
	}
	return out
}

func typeLabels(name string) (sv, en string) {
	if t, ok := registry.Get(name); ok {
		return t.LabelSV, t.LabelEN
	}
	if name == vault.SearchType {
		return vault.SearchLocation, "Secure data"
	}
	return name, name
}

// recordLabels names one record of a type ("Kund", "Customer"), for "Kund C1005".
func recordLabels(name string) (sv, en string) {
	if t, ok := registry.Get(name); ok {
		return t.SingularSV(), t.SingularEN()
	}
	if name == vault.SearchType {
		return "Säker uppgift", "Secure-data entry"
	}
	return name, name
}

// countsOf lists a run's types in the data map's order.
func countsOf(types map[string]*retention.Counts, samples map[string][]retention.Sample) []TypeCounts {
	out := []TypeCounts{}
	for _, name := range registry.Names() {
		c, ok := types[name]
		if !ok {
			continue
		}
		tc := TypeCounts{Type: name, Due: c.Due, Anonymised: c.Anonymised, Deleted: c.Deleted, Samples: samples[name]}
		tc.LabelSV, tc.LabelEN = typeLabels(name)
		if tc.Samples == nil {
			tc.Samples = []retention.Sample{}
		}
		out = append(out, tc)
	}
	return out
}

func jobsOf(jobs map[string]int) []JobCount {
	out := []JobCount{}
	for _, name := range slices.Sorted(maps.Keys(jobs)) { // the same order on every call
		out = append(out, JobCount{Name: name, Count: jobs[name]})
	}
	return out
}

// runOf describes a run (or preview) that just happened.
func runOf(rep retention.Report, err error) RetentionRun {
	run := RetentionRun{ID: rep.RunID, AsOf: rfc3339(rep.Now), DryRun: rep.DryRun, Types: countsOf(rep.Types, rep.Samples), Jobs: jobsOf(rep.Jobs), Total: rep.Total()}
	if !rep.DryRun {
		run.FinishedAt = rfc3339(time.Now())
	}
	if err != nil {
		run.Error = err.Error()
		run.Cancelled = errors.Is(err, context.Canceled)
	}
	return run
}

func historyRun(h retention.HistoryEntry) RetentionRun {
	run := RetentionRun{ID: h.ID, StartedAt: rfc3339(h.StartedAt), AsOf: rfc3339(h.AsOf), Trigger: h.Trigger, Error: h.Error,
		Types: countsOf(h.Types, nil), Jobs: jobsOf(h.Jobs)}
	if h.FinishedAt != nil {
		run.FinishedAt = rfc3339(*h.FinishedAt)
	}
	run.Cancelled = h.Cancelled
	for _, c := range h.Types {
		run.Total += c.Anonymised + c.Deleted
	}
	return run
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
