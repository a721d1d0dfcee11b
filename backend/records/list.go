package records

import (
	"context"
	"fmt"
	"strings"

	"dataskydd/backend/auth"
	"dataskydd/backend/record"
	"dataskydd/backend/registry"
)

// Query selects a page of one type's records.
type Query struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`  // 1..500; 0 means 50
	Sort   string `json:"sort"`   // "updated_at" (default), "created_at", "id", "status"
	Desc   bool   `json:"desc"`   // newest first when sorting by time
	Status string `json:"status"` // "" for all
	Text   string `json:"text"`   // "" for all; otherwise records whose fields contain it

	// Exact filters (filter.go): top-level string fields that must equal the given values, and
	// the period of created_at, RFC 3339 (Since inclusive, Until exclusive; "" for open).
	Match map[string]string `json:"match,omitempty"`
	Since string            `json:"since,omitempty"`
	Until string            `json:"until,omitempty"`
}

// Page is one page of a list. Names and Customers name what the items' top-level link
// fields point at (as in [Detail]; child rows and history are left to the detail screen).
// The items' own Names are empty.
type Page struct {
	Total     int64             `json:"total"`
	Items     []Detail          `json:"items"`
	Names     map[string]string `json:"names"`
	Customers map[string]string `json:"customers"`
}

var sortColumns = map[string]string{"updated_at": "updated_at", "created_at": "created_at", "id": "ext_id", "status": "status"}

// List returns a page of records, sorted and filtered in the database so that a type with a
// million records pages as fast as one with ten.
func (s *Service) List(ctx context.Context, sess auth.Session, q Query) (Page, error) {
	t, err := s.typeFor(sess, q.Type, false)
	if err != nil {
		return Page{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	if q.Limit > 500 {
		q.Limit = 500
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	col := sortColumns[q.Sort]
	if col == "" {
		col = "updated_at"
	}
	where := "type = ?"
	args := []any{t.Name}
	if q.Status != "" {
		where += " AND status = ?"
		args = append(args, q.Status)
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		where += ` AND (ext_id LIKE ? ESCAPE '\' OR data LIKE ? ESCAPE '\')`
		pat := "%" + likeEscape(text) + "%"
		args = append(args, pat, pat)
	}
	extra, extraArgs, err := q.filterSQL(t)
	if err != nil {
		return Page{}, err
	}
	where += extra
	args = append(args, extraArgs...)
	var page Page
	if err := s.st.RO.QueryRowContext(ctx, "SELECT COUNT(*) FROM records WHERE "+where, args...).Scan(&page.Total); err != nil {
		return Page{}, fmt.Errorf("counting %s: %w", t.Name, err)
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	rows, err := s.st.RO.QueryContext(ctx, "SELECT ext_id, data FROM records WHERE "+where+
		" ORDER BY "+col+" "+dir+", rid "+dir+" LIMIT ? OFFSET ?", append(args, q.Limit, q.Offset)...)
	if err != nil {
		return Page{}, fmt.Errorf("listing %s: %w", t.Name, err)
	}
	defer rows.Close()
	page.Items = []Detail{}
	var refs []record.Ref
	for rows.Next() {
		var id string
		var data []byte
		if err := rows.Scan(&id, &data); err != nil {
			return Page{}, err
		}
		r, err := record.DecodeData(t, id, data)
		if err != nil {
			return Page{}, fmt.Errorf("listing %s: %w", t.Name, err)
		}
		page.Items = append(page.Items, detail(r))
		for _, ref := range r.Refs() {
			if !strings.Contains(ref.Path, ".") { // a top-level link or link list, not a child row's
				refs = append(refs, ref)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("listing %s: %w", t.Name, err)
	}
	rows.Close()
	n, err := s.resolveNames(ctx, sess, refs)
	if err != nil {
		return Page{}, fmt.Errorf("listing %s: %w", t.Name, err)
	}
	page.Names, page.Customers = n.Names, n.Customers
	return page, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// FieldSchema describes a field for the record screens.
type FieldSchema struct {
	Name     string        `json:"name"`
	Kind     string        `json:"kind"` // string, time, number, boolean, enum, link, customer_link, link_list, strings, children, object
	Class    string        `json:"class"`
	Format   string        `json:"format,omitempty"` // phone, email, personal_number, ip
	Target   string        `json:"target,omitempty"`
	Enum     []string      `json:"enum,omitempty"`
	Children []FieldSchema `json:"children,omitempty"`
	LabelSV  string        `json:"labelSv"`
	LabelEN  string        `json:"labelEn"`
}

// TypeSchema describes a type for the record screens.
type TypeSchema struct {
	Name      string        `json:"name"`
	Area      string        `json:"area"`
	Location  string        `json:"location"`
	LabelSV   string        `json:"labelSv"`
	LabelEN   string        `json:"labelEn"`
	Writable  bool          `json:"writable"`
	ReadRoles []string      `json:"readRoles"` // empty: every logged-in user
	OnDelete  bool          `json:"onDelete"`  // the delete follows an anonymise-or-delete setting
	Fields    []FieldSchema `json:"fields"`

	// One record of the type, for headings and sentences ("Kund", "Customer").
	SingularSV string `json:"singularSv"`
	SingularEN string `json:"singularEn"`
}

var kindNames = map[registry.Kind]string{
	registry.KindString: "string", registry.KindTime: "time", registry.KindNumber: "number", registry.KindBool: "boolean",
	registry.KindEnum: "enum", registry.KindLink: "link", registry.KindCustomerLink: "customer_link", registry.KindLinkList: "link_list",
	registry.KindStrings: "strings", registry.KindChildren: "children", registry.KindObject: "object",
}

var formatNames = map[registry.Format]string{registry.FormatPhone: "phone", registry.FormatEmail: "email", registry.FormatPersonalNumber: "personal_number", registry.FormatIP: "ip"}

func fieldSchemas(fs []registry.Field) []FieldSchema {
	out := make([]FieldSchema, 0, len(fs))
	for _, f := range fs {
		l := registry.Label(f.Name)
		s := FieldSchema{Name: f.Name, Kind: kindNames[f.Kind], Class: f.Class.String(), Format: formatNames[f.Format],
			Target: f.Target, Enum: f.Enum, LabelSV: l.SV, LabelEN: l.EN}
		if f.Child != nil {
			s.Children = fieldSchemas(f.Child.Fields)
		}
		out = append(out, s)
	}
	return out
}

// Schemas describes every type of the registry, in its order.
func Schemas() []TypeSchema {
	var out []TypeSchema
	for _, t := range registry.Types() {
		roles := []string{}
		for _, r := range readRoles(t) {
			roles = append(roles, string(r))
		}
		out = append(out, TypeSchema{Name: t.Name, Area: t.Area, Location: t.Location, LabelSV: t.LabelSV, LabelEN: t.LabelEN,
			SingularSV: t.SingularSV(), SingularEN: t.SingularEN(),
			Writable: writable(t), ReadRoles: roles, OnDelete: t.Retention != nil && t.Retention.OnDelete, Fields: fieldSchemas(t.Fields)})
	}
	return out
}
