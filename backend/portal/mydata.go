package portal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"dataskydd/backend/search"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
	"dataskydd/backend/vault"
)

// identifiers are the person's own e-mail, phone numbers and personal number: the only
// things "Mina uppgifter" searches for, each on its own and exactly (datamap.md), so the
// report holds what is certainly theirs and nothing found by a name alone.
func (s *Server) identifiers(ctx context.Context, a *account) ([]string, error) {
	r, err := s.st.Get(ctx, string(a.Ref.Kind), a.Ref.ID)
	if errors.Is(err, store.ErrNotFound) {
		return []string{a.Email}, nil
	}
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range []string{"email", "mobile_phone", "private_phone", "work_phone", "personal_number"} {
		if v := r.String(f); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	if !seen[a.Email] {
		out = append(out, a.Email)
	}
	return out, nil
}

// Report builds the access report of the account's own data: for each own identifier the
// exact matches, merged. Secure-data entries are listed without their values.
func (s *Server) Report(ctx context.Context, a *account) (*search.Report, error) {
	if s.ix == nil {
		return nil, errNoIndex
	}
	if err := s.ix.Apply(ctx); err != nil {
		return nil, fmt.Errorf("bringing the search index up to date: %w", err)
	}
	ids, err := s.identifiers(ctx, a)
	if err != nil {
		return nil, err
	}
	merged := &search.Report{Query: a.Email, Kind: ownIdentifiers, GeneratedAt: s.now().UTC().Truncate(time.Second), Places: []search.ReportPlace{}}
	seenPlace, seenValue, records := map[string]bool{}, map[string]int{}, map[string]bool{}
	withhold := func(h search.Hit) bool { return h.Type == vault.SearchType }
	for _, q := range ids {
		rep, err := s.ix.Report(ctx, q, search.ReportOptions{Withhold: withhold})
		if err != nil {
			return nil, err
		}
		for _, v := range rep.Values {
			if !v.Selected {
				continue
			}
			if i, ok := seenValue[v.Value]; ok {
				merged.Values[i].Hits = max(merged.Values[i].Hits, v.Hits)
				continue
			}
			seenValue[v.Value] = len(merged.Values)
			merged.Values = append(merged.Values, v)
		}
		for _, p := range rep.Places {
			k := p.Type + "\x00" + p.ID + "\x00" + p.Field + "\x00" + p.Value
			if seenPlace[k] {
				continue
			}
			seenPlace[k] = true
			merged.Places = append(merged.Places, p)
			records[p.Type+"/"+p.ID] = true
		}
	}
	merged.Records = len(records)
	return merged, nil
}

var errNoIndex = errors.New("the access report needs the search index")

func (s *Server) showMe(w http.ResponseWriter, r *http.Request, ss *session) {
	ids, err := s.identifiers(r.Context(), ss.account)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	msg := ss.flash
	ss.flash = ""
	s.pages.render(w, "me", ss.lang, map[string]any{"CSRF": ss.csrf, "Account": true, "IDs": ids, "Flash": msg, "Report": s.ix != nil})
}

func (s *Server) doReport(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	format := r.URL.Query().Get("format")
	if format != "html" {
		format = "json"
	}
	rep, err := s.Report(ctx, ss.account)
	if errors.Is(err, errNoIndex) {
		s.pages.render(w, "error", ss.lang, map[string]any{"Message": tr(ss.lang, "report_off")})
		return
	}
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if err := s.logEvent(ctx, ss.account, s.clientIP(r), "portal_report_download", "", ""); err != nil {
		s.internal(w, ss, err)
		return
	}
	name := "registerutdrag-" + s.now().Format("2006-01-02") + "." + format
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if format == "html" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = rep.WriteHTML(w)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = rep.WriteJSON(w)
}

func (s *Server) doErasure(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	a := ss.account
	now := s.now()
	ip := s.clientIP(r)
	var already bool
	err := s.st.Update(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM portal_erasure_requests WHERE account = ? AND status = 'open'", a.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			already = true
			return nil
		}
		id, err := store.NewID("ER")
		if err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO portal_erasure_requests(id, account, person, created_at) VALUES(?, ?, ?, ?)", id, a.ID, refKey(a.Ref), now.UnixMilli()); err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: portalUser, Email: a.Email, IP: ip, Action: "portal_erasure_request", TargetType: string(a.Ref.Kind), TargetID: a.Ref.ID})
	})
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if already {
		ss.flash = tr(ss.lang, "erasure_pending")
	} else {
		ss.flash = tr(ss.lang, "erasure_done")
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}

// ErasureRequest is one request in the administrator's queue.
type ErasureRequest struct {
	ID         string    `json:"id"`
	Email      string    `json:"email"`
	PersonKind string    `json:"person_kind"` // customer or contact_person
	PersonID   string    `json:"person_id"`
	Created    time.Time `json:"created"`
	Status     string    `json:"status"` // open, done, rejected
}

// ErasureRequests lists the queue, open requests first, then newest first. The caller
// checks that the reader is an administrator or GDPR officer.
func ErasureRequests(ctx context.Context, db *sql.DB) ([]ErasureRequest, error) {
	rows, err := db.QueryContext(ctx, `SELECT q.id, COALESCE(a.email, ''), q.person, q.created_at, q.status
FROM portal_erasure_requests q LEFT JOIN portal_accounts a ON a.id = q.account
ORDER BY q.status != 'open', q.created_at DESC LIMIT 1000`)
	if err != nil {
		return nil, fmt.Errorf("listing erasure requests: %w", err)
	}
	defer rows.Close()
	out := []ErasureRequest{}
	for rows.Next() {
		var e ErasureRequest
		var person string
		var at int64
		if err := rows.Scan(&e.ID, &e.Email, &person, &at, &e.Status); err != nil {
			return nil, err
		}
		ref := parseRef(person)
		e.PersonKind, e.PersonID, e.Created = string(ref.Kind), ref.ID, time.UnixMilli(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ErrNoSuchRequest: no open erasure request has that id.
var ErrNoSuchRequest = errors.New("no open erasure request with that id")

// CloseErasureRequest marks a request done or rejected, after the administrator acted on it
// through the erasure plan; by is the administrator's username.
func CloseErasureRequest(ctx context.Context, st *store.Store, id, status, by string, now time.Time) error {
	if status != "done" && status != "rejected" {
		return fmt.Errorf("closing an erasure request: status %q: want done or rejected", status)
	}
	return st.Update(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec("UPDATE portal_erasure_requests SET status = ?, handled_at = ?, handled_by = ? WHERE id = ? AND status = 'open'", status, now.UnixMilli(), by, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrNoSuchRequest
		}
		action := "erasure_request_done"
		if status == "rejected" {
			action = "erasure_request_rejected"
		}
		return tx.LogEvent(store.Event{At: now, Username: by, Action: action, TargetType: "portal_erasure_request", TargetID: id})
	})
}

func (s *Server) showDevices(w http.ResponseWriter, r *http.Request, ss *session) {
	ds, err := s.tf.Devices(r.Context(), ss.account.Ref)
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	s.pages.render(w, "devices", ss.lang, map[string]any{"CSRF": ss.csrf, "Account": true, "Devices": ds})
}

func (s *Server) doRemoveDevice(w http.ResponseWriter, r *http.Request, ss *session) {
	err := s.tf.RemoveDevice(r.Context(), ss.account.Ref, r.PathValue("id"))
	if errors.Is(err, twofactor.ErrDeviceNotFound) {
		s.notFound(w, ss)
		return
	}
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	http.Redirect(w, r, "/devices", http.StatusSeeOther)
}

// ownIdentifiers is the kind of a portal report: a search by the person's own identifiers
// (e-mail, phones, personnummer), merged.
const ownIdentifiers = "own_identifiers"
