package cli

import (
	"errors"
	"fmt"
	"strings"

	"dataskydd/backend/atomicfile"
	"dataskydd/backend/erasure"
	"dataskydd/backend/search"
	"dataskydd/backend/store"
)

// The person's access report and erasure (datamap.md, "Person search and erasure").

// values is a repeatable --value flag.
type values []string

func (v *values) String() string     { return strings.Join(*v, ", ") }
func (v *values) Set(s string) error { *v = append(*v, s); return nil }

func cmdErase(e *env, args []string) error {
	fs := e.flags("erase")
	dry := fs.Bool("dry-run", false, "list the changes, change nothing")
	asJSON := fs.Bool("json", false, "print JSON")
	var chosen values
	fs.Var(&chosen, "value", "erase this matched value (repeatable; default: the exact matches)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	q, err := personQuery(pos)
	if err != nil {
		return err
	}
	var plan erasure.Plan
	err = e.withIndex("erase", func(st *store.Store, ix *search.Index) error {
		er := erasure.New(st, ix)
		var err error
		if *dry {
			plan, err = er.Preview(e.ctx, q, chosen)
			if err == nil && !anySelected(plan.Values) {
				err = erasure.ErrNothingSelected
			}
			return err
		}
		plan, err = er.Erase(e.ctx, q, chosen, e.actor())
		return err
	})
	if err != nil {
		if errors.Is(err, erasure.ErrNothingSelected) && !*asJSON {
			printChoices(e, plan.Values)
		}
		return err
	}
	if *asJSON {
		return e.printJSON(plan)
	}
	printChoices(e, plan.Values)
	verb := "changed"
	if *dry {
		verb = "would change"
	}
	fmt.Fprintf(e.stdout, "\n%s %d records of %d people:\n", verb, plan.Records, plan.People)
	for _, c := range plan.Changes {
		fmt.Fprintf(e.stdout, "  %s %s %s (%s): %q -> %q\n", c.Type, c.ID, c.Field, c.Action, c.Before, c.After)
	}
	return nil
}

func anySelected(cs []search.ValueChoice) bool {
	for _, c := range cs {
		if c.Selected {
			return true
		}
	}
	return false
}

func printChoices(e *env, cs []search.ValueChoice) {
	fmt.Fprintf(e.stdout, "values found (* selected):\n")
	for _, c := range cs {
		mark := " "
		if c.Selected {
			mark = "*"
		}
		fmt.Fprintf(e.stdout, " %s %-5s %q (%d places)\n", mark, c.Match, c.Value, c.Hits)
	}
}

func cmdReport(e *env, args []string) error {
	fs := e.flags("report")
	format := fs.String("format", "json", "json or html")
	var chosen values
	fs.Var(&chosen, "value", "report this matched value (repeatable; default: the exact matches)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "json" && *format != "html" {
		return usagef("--format is json or html")
	}
	if len(pos) < 2 {
		return usagef("give a query and a file (- for standard output)")
	}
	file := pos[len(pos)-1]
	q, err := personQuery(pos[:len(pos)-1])
	if err != nil {
		return err
	}
	var rep *search.Report
	err = e.withIndex("report", func(_ *store.Store, ix *search.Index) error {
		// The command line reads no secure data: entries' values are withheld, their places shown.
		return ix.Read(e.ctx, func() error {
			var err error
			rep, err = ix.Report(e.ctx, q, search.ReportOptions{Values: chosen, Withhold: func(h search.Hit) bool { return h.Type == "vault_entry" }})
			return err
		})
	})
	if err != nil {
		return err
	}
	write := rep.WriteJSON
	if *format == "html" {
		write = rep.WriteHTML
	}
	if file == "-" {
		return write(e.stdout)
	}
	if err := atomicfile.Write(file, write); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "access report: %d places in %d records written to %s\n", len(rep.Places), rep.Records, file)
	return nil
}

// actor is the logged-in account the erasure names in the event log (and whose own user
// record it refuses to anonymise).
func (e *env) actor() erasure.Actor {
	return erasure.Actor{UserID: e.accountID, Username: e.accountName}
}

// personQuery is the person query of a command's arguments.
func personQuery(args []string) (string, error) {
	q := strings.TrimSpace(strings.Join(args, " "))
	if q == "" {
		return "", usagef("give a query: a name, e-mail address, phone number or personnummer")
	}
	return q, nil
}

// withIndex runs fn with the data folder's store and its search index open, holding the
// folder's lock (name says who holds it): opening the index writes to it (the outbox, a
// purge left by a crash).
func (e *env) withIndex(name string, fn func(st *store.Store, ix *search.Index) error) error {
	st, done, err := e.openLocked(name)
	if err != nil {
		return err
	}
	defer done()
	ix, err := e.openIndex(st)
	if err != nil {
		return err
	}
	defer ix.Close()
	return fn(st, ix)
}
