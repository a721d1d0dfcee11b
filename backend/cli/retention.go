package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/retention"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
)

// The retention commands (backend/retention).

// The search index is the retention engine's index seam.
var _ retention.Index = (*search.Index)(nil)

func cmdRetention(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("give an action: list or set")
	}
	switch args[0] {
	case "list":
		return retentionList(e, args[1:])
	case "set":
		return retentionSet(e, args[1:])
	}
	return usagef("unknown action %q: want list or set", args[0])
}

type policyList struct {
	Policies []retention.Policy `json:"policies"`
}

func retentionList(e *env, args []string) error {
	fs := e.flags("retention list")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("retention list takes no arguments")
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer e.closeRead(st, "retention list")
	ps, err := retention.Policies(e.ctx, st.DB)
	if err != nil {
		return err
	}
	if *asJSON {
		return e.printJSON(policyList{Policies: ps})
	}
	fmt.Fprintf(e.stdout, "%-18s %-8s %-10s %-10s %s\n", "TYPE", "ENABLED", "PERIOD", "ON DELETE", "CLOCK")
	for _, p := range ps {
		fmt.Fprintf(e.stdout, "%-18s %-8s %-10s %-10s %s\n", p.Type, enabledText(p), periodText(p), dash(p.OnDelete), clockText(p))
	}
	return nil
}

func enabledText(p retention.Policy) string {
	switch {
	case p.Fixed:
		return "always"
	case p.Enabled:
		return "yes"
	}
	return "no"
}

func periodText(p retention.Policy) string {
	if p.Months > 0 {
		return fmt.Sprintf("%d months", p.Months)
	}
	return fmt.Sprintf("%d days", p.Days)
}

func clockText(p retention.Policy) string {
	sep := " or "
	if p.ClockMode == "first_set" {
		sep = ", else "
	}
	s := strings.Join(p.Clock, sep)
	if p.DeleteRow {
		s += " (row deleted)"
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func retentionSet(e *env, args []string) error {
	fs := e.flags("retention set")
	enabled := fs.String("enabled", "", "true or false")
	days := fs.String("days", "", "N: records are due N days after their clock")
	onDelete := fs.String("on-delete", "", "anonymise or delete (customer, contact_person, user)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one TYPE")
	}
	if _, ok := registry.Get(pos[0]); !ok {
		return usagef("unknown type %q", pos[0])
	}
	var c retention.Change
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["enabled"] {
		b, err := strconv.ParseBool(*enabled)
		if err != nil || (*enabled != "true" && *enabled != "false") {
			return usagef("--enabled must be true or false, not %q", *enabled)
		}
		c.Enabled = &b
	}
	if set["days"] {
		n, err := strconv.Atoi(*days)
		if err != nil || n < 0 || n > retention.MaxDays {
			return usagef("--days must be a whole number from 0 to %d, not %q", retention.MaxDays, *days)
		}
		c.Days = &n
	}
	if set["on-delete"] {
		if *onDelete != store.OnDeleteAnonymise && *onDelete != store.OnDeleteDelete {
			return usagef("--on-delete must be anonymise or delete, not %q", *onDelete)
		}
		c.OnDelete = onDelete
	}
	if c.Enabled == nil && c.Days == nil && c.OnDelete == nil {
		return usagef("nothing to change: give --enabled, --days or --on-delete")
	}
	st, done, err := e.openLocked("retention set")
	if err != nil {
		return err
	}
	defer done()
	p, err := retention.SetPolicy(e.ctx, st, pos[0], c)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: enabled %s, period %s", p.Type, enabledText(p), periodText(p))
	if p.OnDelete != "" {
		fmt.Fprintf(e.stdout, ", on delete %s", p.OnDelete)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

func cmdAnonymise(e *env, args []string) error {
	fs := e.flags("anonymise")
	dryRun := fs.Bool("dry-run", false, "report what a run would do, change nothing")
	nowFlag := fs.String("now", "", "judge due records as of this time (RFC 3339)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("anonymise takes no arguments")
	}
	now := time.Now()
	if *nowFlag != "" {
		if now, err = record.ParseTime(*nowFlag); err != nil {
			return usagef("--now %q: want RFC 3339 (2026-03-01T09:30:00Z)", *nowFlag)
		}
	}
	switch { // the access table's row (access.go): --now without --dry-run stays the strictest
	case *dryRun:
		e.action = actionAnonymiseDryRun
	case *nowFlag == "":
		e.action = actionAnonymise
	}
	if !*dryRun {
		release, err := e.lock("anonymise")
		if err != nil {
			return err
		}
		defer release()
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	if *dryRun {
		defer e.closeRead(st, "anonymise --dry-run")
	} else {
		defer st.Close()
	}
	var rep retention.Report
	if *dryRun {
		rep, err = retention.New(st, retention.Options{}).Preview(e.ctx, now)
	} else {
		ix, ierr := e.openIndex(st)
		if ierr != nil {
			return fmt.Errorf("opening the search index (nothing was anonymised; run index rebuild): %w", ierr)
		}
		defer ix.Close()
		var progress func(retention.Progress)
		if !*asJSON {
			report := e.progress("anonymising", time.Now())
			progress = func(p retention.Progress) { report(int64(p.Done), int64(p.Due)) }
		}
		eng := retention.New(st, retention.Options{Index: ix, Progress: progress})
		rep, err = eng.Run(e.ctx, now, retention.TriggerCLI)
	}
	if err != nil {
		if errors.Is(err, retention.ErrCheckpoint) {
			err = fmt.Errorf("%w; the records are anonymised, run anonymise again to truncate the WAL", err)
		}
		return err
	}
	if *asJSON {
		return e.printJSON(rep)
	}
	what := "anonymised"
	if rep.DryRun {
		what = "would anonymise"
	}
	fmt.Fprintf(e.stdout, "as of %s:\n", rep.Now.Format(time.RFC3339))
	for _, name := range rep.TypeNames() {
		c := rep.Types[name]
		fmt.Fprintf(e.stdout, "%-22s due %d, %s %d, deleted %d\n", name, c.Due, what, c.Anonymised, c.Deleted)
		for _, s := range rep.Samples[name] {
			fmt.Fprintf(e.stdout, "    %s (%s)\n", s.ID, s.Label)
		}
	}
	if rep.DryRun {
		fmt.Fprintf(e.stdout, "dry run: nothing was changed (%d records due)\n", rep.Total())
	} else {
		fmt.Fprintf(e.stdout, "%d records anonymised or deleted\n", rep.Total())
	}
	return nil
}
