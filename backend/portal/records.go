package portal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
	"dataskydd/backend/twofactor"
)

// portalTypes are the record types a customer sees, in the order the overview lists them.
var portalTypes = []string{"quote", "work_order", "project", "case", "service_case", "order"}

func portalType(t string) bool {
	for _, p := range portalTypes {
		if p == t {
			return true
		}
	}
	return false
}

// ownRecord returns the record if it is one of the account's; any other id (another
// customer's, a deleted one, an unknown type) is store.ErrNotFound, so the answer is the
// same 404 whether the record exists or not.
func ownRecord(ctx context.Context, get func(string, string) (*record.Record, error), a *account, typ, id string) (*record.Record, error) {
	if !portalType(typ) || id == "" || len(id) > 100 || a.CustomerNumber == "" || a.CustomerNumber == "0" {
		return nil, store.ErrNotFound
	}
	r, err := get(typ, id)
	if err != nil {
		return nil, err
	}
	if r.String("customer_number") != a.CustomerNumber || r.String(registry.FieldStatus) == registry.StatusDeleted {
		return nil, store.ErrNotFound
	}
	return r, nil
}

type listItem struct {
	Type, ID, Label string
	Approved        bool
}

type listGroup struct {
	Type, Title string
	Items       []listItem
}

func label(r *record.Record) string {
	parts := []string{}
	if n := r.String("number"); n != "" {
		parts = append(parts, "#"+n)
	}
	for _, f := range []string{"title", "name"} {
		if v := r.String(f); v != "" {
			parts = append(parts, v)
			break
		}
	}
	if len(parts) == 0 {
		return r.ID
	}
	return strings.Join(parts, " ")
}

func (s *Server) showHome(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	a := ss.account
	var groups []listGroup
	for _, typ := range portalTypes {
		rows, err := s.st.RO.QueryContext(ctx, "SELECT ext_id FROM records WHERE type = ? AND cust_no = ? AND status != 'deleted' ORDER BY updated_at DESC LIMIT 200", typ, a.CustomerNumber)
		if err != nil {
			s.internal(w, ss, err)
			return
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err == nil {
				ids = append(ids, id)
			}
		}
		rows.Close()
		g := listGroup{Type: typ, Title: tr(ss.lang, "type_"+typ)}
		for _, id := range ids {
			rec, err := ownRecord(ctx, func(t, i string) (*record.Record, error) { return s.st.Get(ctx, t, i) }, a, typ, id)
			if err != nil {
				continue
			}
			g.Items = append(g.Items, listItem{Type: typ, ID: id, Label: label(rec), Approved: rec.String("approved_at") != ""})
		}
		if len(g.Items) > 0 {
			groups = append(groups, g)
		}
	}
	msg := ss.flash
	ss.flash = ""
	s.pages.render(w, "home", ss.lang, map[string]any{"CSRF": ss.csrf, "Account": true, "Groups": groups, "Flash": msg, "Email": a.Email})
}

type childView struct {
	N                      int
	Text, Amount, Due      string
	ApprovedBy, ApprovedAt string
	Approvable             bool
}

type messageView struct{ From, Body, At string }

// approvalRows lists the rows of a child field a customer approves (extra costs, payment
// plans): each with its amount and approval, and what fill adds; ok is false when the type
// has no such field.
func approvalRows(rec *record.Record, field string, fill func(row record.Row, v *childView)) (rows []childView, ok bool) {
	if _, ok := rec.Type.Field(field); !ok {
		return nil, false
	}
	for i, row := range rec.Rows(field) {
		v := childView{N: i, Amount: str(row["amount"]), ApprovedBy: str(row["approved_by_name"]), ApprovedAt: str(row["approved_at"]),
			Approvable: str(row["approved_at"]) == ""}
		fill(row, &v)
		rows = append(rows, v)
	}
	return rows, true
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func (s *Server) showRecord(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	typ, id := r.PathValue("type"), r.PathValue("id")
	rec, err := ownRecord(ctx, func(t, i string) (*record.Record, error) { return s.st.Get(ctx, t, i) }, ss.account, typ, id)
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, ss)
		return
	}
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	data := map[string]any{"CSRF": ss.csrf, "Account": true, "Type": typ, "ID": id, "Label": label(rec),
		"Description": rec.String("description"), "TypeTitle": tr(ss.lang, "type_"+typ)}
	if typ == "quote" {
		data["Quote"] = true
		data["ApprovedBy"], data["ApprovedAt"] = rec.String("approved_by_name"), rec.String("approved_at")
	}
	if cs, ok := approvalRows(rec, "extra_costs", func(row record.Row, v *childView) { v.Text = str(row["description"]) }); ok {
		data["ExtraCosts"] = cs
	}
	if ps, ok := approvalRows(rec, "payment_plans", func(row record.Row, v *childView) { v.Due = str(row["due_date"]) }); ok {
		data["PaymentPlans"] = ps
	}
	if _, ok := rec.Type.Field("conversations"); ok {
		var ms []messageView
		for _, row := range rec.Rows("conversations") {
			ms = append(ms, messageView{From: str(row["from_name"]), Body: str(row["body"]), At: str(row["sent_at"])})
		}
		data["Conversation"] = true
		data["Messages"] = ms
	}
	msg := ss.flash
	ss.flash = ""
	data["Flash"] = msg
	s.pages.render(w, "record", ss.lang, data)
}

// target names one approvable thing: "quote/Q1", "work_order/W1/extra_costs/0",
// "project/P1/payment_plans/1".
type target struct {
	Type, ID, Child string
	N               int
}

func (t target) String() string {
	if t.Child == "" {
		return t.Type + "/" + t.ID
	}
	return fmt.Sprintf("%s/%s/%s/%d", t.Type, t.ID, t.Child, t.N)
}

func parseTarget(s string) (target, bool) {
	p := strings.Split(s, "/")
	switch len(p) {
	case 2:
		return target{Type: p[0], ID: p[1]}, p[0] == "quote"
	case 4:
		n, err := strconv.Atoi(p[3])
		if err != nil || n < 0 || n > 10000 {
			return target{}, false
		}
		t := target{Type: p[0], ID: p[1], Child: p[2], N: n}
		ok := (t.Child == "extra_costs" && (t.Type == "work_order" || t.Type == "project")) ||
			(t.Child == "payment_plans" && t.Type == "project")
		return t, ok
	}
	return target{}, false
}

// flow is the switch an approval goes by.
func (t target) flow() twofactor.Flow {
	switch t.Child {
	case "extra_costs":
		return twofactor.FlowExtraCosts
	case "payment_plans":
		return twofactor.FlowPaymentPlans
	}
	return twofactor.FlowQuotes
}

// ErrAlreadyApproved: the thing was approved before (by anyone).
var ErrAlreadyApproved = errors.New("already approved")

// approvable checks that t exists, is the account's and is not yet approved.
func approvable(rec *record.Record, t target) error {
	var approvedAt string
	if t.Child == "" {
		approvedAt = rec.String("approved_at")
	} else {
		rows := rec.Rows(t.Child)
		if t.N >= len(rows) {
			return store.ErrNotFound
		}
		approvedAt = str(rows[t.N]["approved_at"])
	}
	if approvedAt != "" {
		return ErrAlreadyApproved
	}
	return nil
}

func (s *Server) doApprove(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	raw := r.PathValue("type") + "/" + r.PathValue("id")
	if c := r.PathValue("child"); c != "" {
		raw += "/" + c + "/" + r.PathValue("n")
	}
	t, ok := parseTarget(raw)
	if !ok {
		s.notFound(w, ss)
		return
	}
	rec, err := ownRecord(ctx, func(ty, i string) (*record.Record, error) { return s.st.Get(ctx, ty, i) }, ss.account, t.Type, t.ID)
	if err == nil {
		err = approvable(rec, t)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, ss)
		return
	case errors.Is(err, ErrAlreadyApproved):
		ss.flash = tr(ss.lang, "already_approved")
		http.Redirect(w, r, "/r/"+t.Type+"/"+t.ID, http.StatusSeeOther)
		return
	case err != nil:
		s.internal(w, ss, err)
		return
	}
	on, err := s.tf.FlowEnabled(ctx, t.flow())
	if err != nil {
		s.internal(w, ss, err)
		return
	}
	if on {
		s.challenge(w, r, ss, &pending{kind: "approve", acct: ss.account, flow: t.flow(), target: t.String()})
		return
	}
	s.finishApprove(w, r, ss, t.String())
}

// finishApprove records the approval and returns to the record.
func (s *Server) finishApprove(w http.ResponseWriter, r *http.Request, ss *session, raw string) {
	t, _ := parseTarget(raw)
	err := s.Approve(r.Context(), ss.account, t, s.clientIP(r))
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, ss)
		return
	case errors.Is(err, ErrAlreadyApproved):
		ss.flash = tr(ss.lang, "already_approved")
	case err != nil:
		s.internal(w, ss, err)
		return
	default:
		ss.flash = tr(ss.lang, "approved_now")
	}
	http.Redirect(w, r, "/r/"+t.Type+"/"+t.ID, http.StatusSeeOther)
}

// personDetails are the approver's name and the phone a code goes to.
func (s *Server) personDetails(ctx context.Context, a *account) (name, phone string) {
	r, err := s.st.Get(ctx, string(a.Ref.Kind), a.Ref.ID)
	if err == nil {
		name = r.String("name")
		if a.Ref.Kind == twofactor.ContactPerson {
			name = strings.TrimSpace(r.String("first_name") + " " + r.String("last_name"))
		}
	}
	if p, err := (twofactor.RecordPeople{DB: s.st.DB}).Person(ctx, a.Ref); err == nil {
		phone, _ = twofactor.PickPhone(p)
	}
	if name == "" {
		name = a.Email
	}
	return name, phone
}

// Approve records the account's approval of t: who, when and from which address, in the
// record's approval fields, with a version-history entry and an event, in one transaction.
// A second approval of the same thing is ErrAlreadyApproved, never a second record.
func (s *Server) Approve(ctx context.Context, a *account, t target, ip string) error {
	name, phone := s.personDetails(ctx, a)
	now := s.now().UTC()
	ts := now.Format(time.RFC3339)
	err := s.st.Update(ctx, func(tx *store.Tx) error {
		rec, err := ownRecord(ctx, tx.Get, a, t.Type, t.ID)
		if err != nil {
			return err
		}
		if err := approvable(rec, t); err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO portal_approvals(target, account, approved_at) VALUES(?, ?, ?)", t.String(), a.ID, now.UnixMilli()); err != nil {
			var se sqlite3.Error
			if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
				return ErrAlreadyApproved
			}
			return err
		}
		old := rec.Clone()
		changed := map[string]any{}
		if t.Child == "" {
			for k, v := range map[string]string{"approved_by_name": name, "approved_by_email": a.Email, "approved_by_phone": phone, "approved_at": ts, "approved_ip": ip} {
				changed[k] = nil
				rec.Set(k, v)
			}
		} else {
			rows := rec.Rows(t.Child)
			row := rows[t.N]
			for k, v := range map[string]string{"approved_by_name": name, "approved_by_phone": phone, "approved_at": ts, "approved_ip": ip} {
				if v != "" {
					row[k] = v
				}
			}
			changed[t.Child] = old.Values[t.Child]
		}
		if _, ok := rec.Type.Field(registry.FieldVersions); ok {
			rec.Values[registry.FieldVersions] = append(rec.Rows(registry.FieldVersions), record.Row{"changed_at": ts, "fields": changed})
		}
		rec.Set(registry.FieldUpdatedAt, ts)
		if _, err := tx.Put(rec, 0); err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: portalUser, Email: a.Email, IP: ip, Action: "portal_approve", TargetType: t.Type, TargetID: t.ID})
	})
	if err != nil {
		return err
	}
	s.syncIndex(ctx)
	return nil
}

// syncIndex brings the search index up to date after a write (best effort: the app's next
// sync catches up if this one fails).
func (s *Server) syncIndex(ctx context.Context) {
	if s.ix != nil {
		_ = s.ix.Apply(ctx)
	}
}

func (s *Server) doReply(w http.ResponseWriter, r *http.Request, ss *session) {
	ctx := r.Context()
	typ, id := r.PathValue("type"), r.PathValue("id")
	body, ok := field(r, "body", maxMessage)
	if !ok {
		s.badInput(w, ss)
		return
	}
	body = strings.TrimSpace(body)
	a := ss.account
	name, phone := s.personDetails(ctx, a)
	now := s.now().UTC()
	ip := s.clientIP(r)
	err := s.st.Update(ctx, func(tx *store.Tx) error {
		rec, err := ownRecord(ctx, tx.Get, a, typ, id)
		if err != nil {
			return err
		}
		if _, ok := rec.Type.Field("conversations"); !ok {
			return store.ErrNotFound
		}
		if body == "" {
			return errEmpty
		}
		row := record.Row{"from_name": name, "from_email": a.Email, "body": body, "sent_at": now.Format(time.RFC3339)}
		if phone != "" {
			row["from_phone"] = phone
		}
		rec.Values["conversations"] = append(rec.Rows("conversations"), row)
		rec.Set(registry.FieldUpdatedAt, now.Format(time.RFC3339))
		if _, err := tx.Put(rec, 0); err != nil {
			return err
		}
		return tx.LogEvent(store.Event{At: now, Username: portalUser, Email: a.Email, IP: ip, Action: "portal_message", TargetType: typ, TargetID: id})
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, ss)
		return
	case errors.Is(err, errEmpty):
		s.badInput(w, ss)
		return
	case err != nil:
		s.internal(w, ss, err)
		return
	}
	s.syncIndex(ctx)
	ss.flash = tr(ss.lang, "sent")
	http.Redirect(w, r, "/r/"+typ+"/"+id, http.StatusSeeOther)
}

var errEmpty = errors.New("empty message")

// Approvals counts the approvals the portal recorded (the load test checks it).
func Approvals(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM portal_approvals").Scan(&n)
	return n, err
}
