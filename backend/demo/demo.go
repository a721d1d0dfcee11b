// Package demo makes a realistic, deterministic Swedish data set for Dataskydd: a service
// business with its staff, its customers (private people and companies) and, for each
// customer, about 40 records over every type of the registry.
//
// # What it contains
//
// Swedish names with å, ä and ö; Luhn-valid personnummer in every form people type
// (800101-1234, 19800101-1234, 198001011234, 8001011234, and 800101+1234 for people over
// 100), now and then a coordination number; Luhn-valid organisation numbers (556123-4567,
// 16556123-4567); phone numbers as typed (070-123 45 67, +46 70 123 45 67, 0046701234567,
// 08-123 456 78); addresses with postal codes (123 45); e-mail addresses; free text that
// names people; child rows (comments, work reports, conversations, extra costs, payment
// plans, views, participants, messages, affected people, version history); staff users
// with permissions (admin, gdpr_officer, staff) and groups. Records are open, closed,
// deleted or invoiced, dated over the five years before [Options.Now], and logs fall on
// both sides of their retention periods, so a retention run has work to do.
//
// # Registry-driven
//
// Every field of every type is filled from its description in package registry (kind,
// personal-data class, format, link target, child rows); a few hooks add what a description
// cannot say (a company has an org number, a permission's role). A type added to the
// registry gets demo records without a change here.
//
// # Determinism
//
// The same seed, customer count and Now give the same records in the same order, hence a
// byte-identical export. Each customer draws from its own random stream, so customers are
// generated in parallel and written in order.
//
//	res, err := demo.Fill(ctx, st, demo.Options{Customers: 1000, Seed: 1, Now: now})
package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"dataskydd/backend/ordered"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// ErrNotEmpty is returned by Fill when the store already holds data beyond what init wrote.
var ErrNotEmpty = errors.New("the store already holds data: demo fills only a new store (one made by init, holding nothing but login accounts)")

// Options say what to generate.
type Options struct {
	Customers int       // number of customers (each brings about 40 records)
	Seed      uint64    // the same seed gives the same data set
	Now       time.Time // dates fall in the five years before it; zero means time.Now()
	// Progress, when set, is told how many customers of how many are done.
	Progress func(done, total int64)
}

// Result counts the records made per type.
type Result struct {
	Counts  map[string]int `json:"counts"`
	Records int            `json:"records"`
}

// customersPerChunk is how many customers one worker generates at a time.
const customersPerChunk = 64

// Generate calls emit with every record of the data set, staff first, then customer by
// customer, always in the same order. It stops at the first error emit returns.
func Generate(ctx context.Context, opts Options, emit func(*record.Record) error) error {
	return generate(ctx, opts, nil, false, func(p *record.Prepared) error { return emit(p.Rec) })
}

// generate is Generate; with prepare, the workers also compute each record's stored form,
// so the one goroutine that writes to the store only writes.
// taken holds usernames the store has already (its login accounts): no employee gets one.
func generate(ctx context.Context, opts Options, taken map[string]bool, prepare bool, emit func(*record.Prepared) error) error {
	if opts.Customers < 0 {
		return fmt.Errorf("generating demo data: %d customers: want 0 or more", opts.Customers)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	g := newGen(opts.Seed, now.UTC().Truncate(time.Second))
	toPrepared := func(recs []*record.Record) []*record.Prepared {
		out := make([]*record.Prepared, len(recs))
		for i, r := range recs {
			if prepare {
				out[i] = r.Prepare()
			} else {
				out[i] = &record.Prepared{Rec: r}
			}
		}
		return out
	}
	for _, p := range toPrepared(g.staffRecords(opts.Customers, taken)) {
		if err := emit(p); err != nil {
			return err
		}
	}

	// Customers are generated on every core, in chunks, and emitted in customer order.
	type chunk struct {
		first, n int
		recs     []*record.Prepared
	}
	var done int64
	return ordered.Run(ctx, runtime.NumCPU(), func(ctx context.Context, send func(*chunk) error) error {
		for first := 0; first < opts.Customers; first += customersPerChunk {
			if err := send(&chunk{first: first, n: min(customersPerChunk, opts.Customers-first)}); err != nil {
				return err
			}
		}
		return nil
	}, func(c *chunk) {
		for i := c.first; i < c.first+c.n; i++ {
			c.recs = append(c.recs, toPrepared(g.customerRecords(i))...)
		}
	}, func(c *chunk) error {
		for _, p := range c.recs {
			if err := emit(p); err != nil {
				return err
			}
		}
		done += int64(c.n)
		if opts.Progress != nil {
			opts.Progress(done, int64(opts.Customers))
		}
		return nil
	})
}

// Fill generates the data set into st in one transaction. It refuses a store that holds
// anything but login accounts and their permissions, such as the administrator init made
// (ErrNotEmpty).
func Fill(ctx context.Context, st *store.Store, opts Options) (Result, error) {
	res := Result{Counts: map[string]int{}}
	batch := time.Now().UnixNano() // a duplicate id would be a bug: Put reports it
	err := st.Update(ctx, func(tx *store.Tx) error {
		if err := onlyAccounts(tx); err != nil {
			return err
		}
		taken, err := usernames(tx)
		if err != nil {
			return err
		}
		// Queue the whole data set for the search index in one statement at the end.
		tx.Bulk = true
		err = generate(ctx, opts, taken, true, func(p *record.Prepared) error {
			if _, err := tx.PutPrepared(p, batch); err != nil {
				return fmt.Errorf("writing demo data: %w", err)
			}
			res.Counts[p.Rec.Type.Name]++
			res.Records++
			return nil
		})
		if err != nil {
			return err
		}
		return tx.EnqueueBatch(batch)
	})
	if err != nil {
		return Result{Counts: map[string]int{}}, err
	}
	return res, nil
}

// onlyAccounts checks that the store holds nothing but login accounts and their
// permissions, which is what init writes: user records with a credential in the auth
// table (or, from before the account service, ids starting "local-") and permission records
// that link to such a user; plus the event and system log lines of logins (the command line's
// demo runs after a login, which logs itself).
func onlyAccounts(tx *store.Tx) error {
	var n int
	err := tx.SQL().QueryRowContext(tx.Context(), `SELECT COUNT(*) FROM (SELECT 1 FROM records r WHERE NOT (
  r.type IN ('event', 'system_log') OR
  (r.type = 'user' AND (r.ext_id LIKE 'local-%' OR EXISTS (SELECT 1 FROM auth_credentials c WHERE c.user_id = r.ext_id)))
  OR (r.type = 'permission' AND (r.ext_id LIKE 'local-%' OR EXISTS (SELECT 1 FROM links l JOIN auth_credentials c ON c.user_id = l.to_id
      WHERE l.src = r.rid AND l.to_type = 'user')))
) LIMIT 1)`).Scan(&n)
	if err != nil {
		return fmt.Errorf("checking the store is new: %w", err)
	}
	if n > 0 {
		return ErrNotEmpty
	}
	return nil
}

// usernames lists the usernames of the store's accounts (lower-cased).
func usernames(tx *store.Tx) (map[string]bool, error) {
	rows, err := tx.SQL().QueryContext(tx.Context(), `SELECT json_extract(data, '$.username') FROM records WHERE type = 'user'`)
	if err != nil {
		return nil, fmt.Errorf("reading the accounts: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name sql.NullString
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("reading the accounts: %w", err)
		}
		if name.Valid {
			out[strings.ToLower(name.String)] = true
		}
	}
	return out, rows.Err()
}

// staffRecords makes the business's users, their permissions and groups: one employee per
// 50 customers, at least 8 and at most 500. No username repeats one in taken or another
// employee's.
func (g *gen) staffRecords(customers int, taken map[string]bool) []*record.Record {
	r := g.rng(0)
	n := min(max(customers/50, 8), 500)
	seen := map[string]bool{}
	for name := range taken {
		seen[name] = true
	}
	for k := range n {
		p := newPerson(r, g.now)
		username := ascii(p.first) + "." + ascii(p.last)
		for i := k + 1; seen[username]; i += n {
			username = ascii(p.first) + "." + ascii(p.last) + strconv.Itoa(i)
		}
		seen[username] = true
		p.email = username + "@" + firmDomain
		g.staff = append(g.staff, &employee{id: "U" + strconv.Itoa(k+1), p: p, username: username, email: p.email})
	}
	s := &scope{g: g, r: r, since: g.start, until: g.now, pools: map[string][]string{}}
	userT, _ := registry.Get("user")
	permT, _ := registry.Get("permission")
	groupT, _ := registry.Get("group")
	for _, e := range g.staff {
		s.make(userT, map[string]*person{"": e.p})
	}
	for range n + n/10 {
		s.make(permT, nil)
	}
	for range max(2, n/8) {
		s.make(groupT, nil)
	}
	return s.out
}

// customerRecords makes customer i and everything about it, type by type in registry order
// (so links point at records made before them).
func (g *gen) customerRecords(i int) []*record.Record {
	s := &scope{g: g, r: g.rng(uint64(i) + 1), custNo: strconv.Itoa(1001 + i), pools: map[string][]string{}}
	s.since, s.until = s.between(g.start, g.now.Add(-14*day)), g.now
	s.cust = newPerson(s.r, g.now)
	if s.r.IntN(5) < 2 {
		s.company, s.domain = companyName(s)
		s.cust.email = ascii(s.cust.first) + "." + ascii(s.cust.last) + "@" + s.domain
	}
	for _, t := range registry.Types() {
		if staffTypes[t.Name] {
			continue
		}
		switch t.Name {
		case "customer":
			d := s.make(t, map[string]*person{"": s.cust})
			if deleted, ok := d.rec.Time(registry.FieldDeletedAt); ok {
				s.until = deleted // nothing new happens with a deleted customer
			}
		case "contact_person":
			n := s.r.IntN(2)
			if s.company != "" {
				n = 1 + s.r.IntN(3)
			}
			for k := range n {
				p := s.cust
				if k > 0 || s.company == "" {
					p = newPerson(s.r, g.now)
					if s.company == "" {
						p.last = s.cust.last // a relative
					}
				}
				s.make(t, map[string]*person{"": p})
			}
		default:
			mean, ok := perCustomer[t.Name]
			if !ok {
				mean = 1
			}
			for range s.count(mean) {
				s.make(t, nil)
			}
		}
	}
	return s.out
}

// companyName invents a company and its e-mail domain.
func companyName(s *scope) (name, domain string) {
	var base string
	switch s.r.IntN(4) {
	case 0:
		base = "Brf " + pick(s.r, brfNames)
		return base, ascii(strings.ReplaceAll(base, " ", "")) + ".se"
	case 1:
		base = s.cust.last + "s " + pick(s.r, companyTrades)
	case 2:
		base = s.cust.city + " " + pick(s.r, companyTrades)
	default:
		base = pick(s.r, companyTrades) + "firman " + pick(s.r, lastNames)
	}
	domain = ascii(strings.NewReplacer("&", "", "-", "").Replace(base)) + ".se"
	return base + " " + pick(s.r, companyForms), domain
}
