package retention

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"dataskydd/backend/registry"
)

// The fixture every policy row starts from: records that no enabled policy makes due.
var baseLines = []string{
	`{"type":"customer","id":"C1","customer_number":"1001","kind":"company","name":"Bas AB","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
	`{"type":"contact_person","id":"CP1","customer_number":"1001","first_name":"Bertil","last_name":"Bas","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
	`{"type":"user","id":"U1","username":"bertil","name":"Bertil Bas","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
	`{"type":"work_order","id":"WO0","number":"1","title":"Bas","customer_number":"1001","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
}

// W stands for the replacement word in the expectations below.
const W = "Anonymiserad"

type ruleCase struct {
	policy string
	days   int      // -1: a fixed policy (not switched on by the test)
	lines  []string // the records the row names (and records linking to them)
	// want: type/id -> the whole record after the run ("" = gone). Every record not listed
	// must be exactly as before.
	want       map[string]string
	anonymised int
	deleted    int
}

// One case per row of datamap.md "Retention policies and their rules". Each due record
// carries every field and child row the row names; now is 2026-11-01, N is 30 days and the
// due clocks are 2026-09-01.
var ruleCases = []ruleCase{
	{
		policy: "customer", days: 30,
		lines: []string{
			`{"type":"customer","id":"C9","customer_number":"2002","kind":"private","name":"Zelda Kundsson","personal_number":"19121212-1212","email":"zelda@example.se","mobile_phone":"+46701112233","private_phone":"08-1234567","work_phone":"031-7654321","street":"Storgatan 1","postal_code":"11122","city":"Uppsala","notes":"Ring Zelda på kvällen","versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"name":"Zelda Gammal"}}],"status":"deleted","created_at":"2024-01-01T00:00:00Z","deleted_at":"2026-09-01T10:00:00Z"}`,
			// An empty field stays empty: only the values this customer has are replaced.
			`{"type":"customer","id":"C8","customer_number":"2003","name":"Zacke Tom","status":"deleted","deleted_at":"2026-09-01T10:00:00Z"}`,
			`{"type":"case","id":"K9","number":"77","title":"Fönster","customer_number":"2002","contact_person":"CP1","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
			`{"type":"contact_person","id":"CP9","customer_number":"2002","first_name":"Ylva","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
			`{"type":"expense","id":"X9","user":"U1","customer_number":"2002","date":"2026-10-01","amount":100}`,
			`{"type":"invoice_basis","id":"IB9","number":"5","customer_number":"2002","status":"open"}`,
		},
		want: map[string]string{
			"customer/C9":        `{"type":"customer","id":"C9","customer_number":"0","kind":"private","name":"W","personal_number":"W","email":"W","mobile_phone":"W","private_phone":"W","work_phone":"W","street":"W","postal_code":"W","city":"W","notes":"W","status":"deleted","created_at":"2024-01-01T00:00:00Z","deleted_at":"2026-09-01T10:00:00Z"}`,
			"customer/C8":        `{"type":"customer","id":"C8","customer_number":"0","name":"W","status":"deleted","deleted_at":"2026-09-01T10:00:00Z"}`,
			"case/K9":            `{"type":"case","id":"K9","number":"77","title":"Fönster","customer_number":"0","contact_person":"CP1","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
			"contact_person/CP9": `{"type":"contact_person","id":"CP9","customer_number":"0","first_name":"Ylva","status":"open","created_at":"2026-10-30T00:00:00Z"}`,
			"expense/X9":         `{"type":"expense","id":"X9","user":"U1","customer_number":"0","date":"2026-10-01","amount":100}`,
			"invoice_basis/IB9":  `{"type":"invoice_basis","id":"IB9","number":"5","customer_number":"0","status":"open"}`,
		},
		anonymised: 2,
	},
	{
		policy: "contact_person", days: 30,
		lines: []string{
			`{"type":"contact_person","id":"CP9","customer_number":"1001","first_name":"Zorro","last_name":"Kontaktsson","title":"Inköpare","email":"zorro@example.se","mobile_phone":"0701234567","private_phone":"08-555555","work_phone":"08-666666","notes":"Zorro vill ha mejl","versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"last_name":"Gammalsson"}}],"status":"deleted","deleted_at":"2026-09-01T10:00:00Z"}`,
			`{"type":"customer_contact","id":"CC9","customer_number":"1001","contact_person":"CP9","occurred_at":"2026-10-30T00:00:00Z","channel":"phone","subject":"Offert"}`,
			`{"type":"contract","id":"CT9","number":"A1","title":"Service","customer_number":"1001","contact_person":"CP9","signed_by_name":"Bertil Bas"}`,
			`{"type":"case","id":"K8","number":"78","customer_number":"1001","contact_person":"CP9","status":"open"}`,
		},
		want: map[string]string{
			"contact_person/CP9":   `{"type":"contact_person","id":"CP9","customer_number":"1001","first_name":"W","last_name":"W","title":"Inköpare","email":"W","mobile_phone":"W","private_phone":"W","work_phone":"W","notes":"W","status":"deleted","deleted_at":"2026-09-01T10:00:00Z"}`,
			"customer_contact/CC9": `{"type":"customer_contact","id":"CC9","customer_number":"1001","occurred_at":"2026-10-30T00:00:00Z","channel":"phone","subject":"Offert"}`,
			"contract/CT9":         `{"type":"contract","id":"CT9","number":"A1","title":"Service","customer_number":"1001","signed_by_name":"Bertil Bas"}`,
			"case/K8":              `{"type":"case","id":"K8","number":"78","customer_number":"1001","status":"open"}`,
		},
		anonymised: 1,
	},
	{
		policy: "customer_contact", days: 30,
		lines: []string{
			`{"type":"customer_contact","id":"CC9","customer_number":"1001","contact_person":"CP1","occurred_at":"2026-09-01T10:00:00Z","channel":"phone","subject":"Klagomål från Åsa","comments":[{"author":"U1","text":"Åsa ringde igen","created_at":"2026-09-01T11:00:00Z"}]}`,
		},
		want: map[string]string{
			"customer_contact/CC9": `{"type":"customer_contact","id":"CC9","customer_number":"0","occurred_at":"2026-09-01T10:00:00Z","channel":"phone","subject":"Klagomål från Åsa"}`,
		},
		anonymised: 1,
	},
	{
		policy: "case", days: 30,
		lines: []string{
			`{"type":"case","id":"K9","number":"501","title":"Läckande kran","description":"Kranen droppar","customer_number":"1001","contact_person":"CP1","customer_info":"Porten kod 1234, fråga efter Åke","email":"ake@example.se","end_customer_name":"Åke Slutkund","end_customer_address":"Lillgatan 2","end_customer_phone":"0709876543","end_customer_email":"slut@example.se",` + childAll + `,"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"end_customer_name":"Åke Gammal"}}],"status":"closed","created_at":"2026-01-01T00:00:00Z","closed_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"case/K9": `{"type":"case","id":"K9","number":"501","title":"Läckande kran","description":"Kranen droppar","customer_number":"0","status":"closed","created_at":"2026-01-01T00:00:00Z","closed_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "work_order", days: 30,
		lines: []string{
			`{"type":"work_order","id":"WO9","number":"601","title":"Byt element","description":"Två element","customer_number":"1001","contact_person":"CP1","customer_info":"Hund i hallen","email":"kund@example.se","end_customer_name":"Eva Slut","end_customer_address":"Vägen 3","end_customer_phone":"0701111111","end_customer_email":"eva@example.se",` + childAll + `,"extra_costs":[{"description":"Extra rör, Eva godkände","amount":350,"approved_by_name":"Eva Slut","approved_by_phone":"0701111111"}],"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"email":"old@example.se"}}],"status":"deleted","deleted_at":"2026-09-01T10:00:00Z","closed_at":"2026-10-20T00:00:00Z"}`,
		},
		want: map[string]string{
			"work_order/WO9": `{"type":"work_order","id":"WO9","number":"601","title":"Byt element","description":"Två element","customer_number":"0","status":"deleted","deleted_at":"2026-09-01T10:00:00Z","closed_at":"2026-10-20T00:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "quote", days: 30,
		lines: []string{
			`{"type":"quote","id":"Q9","number":"701","title":"Nytt kök","customer_number":"1001","contact_person":"CP1","customer_info":"Vill ha offert via post","email":"kok@example.se","approved_by_name":"Kalle Godkänd","approved_by_email":"kalle@example.se","approved_by_phone":"0702222222","approved_at":"2026-08-15T12:00:00Z","approved_ip":"192.0.2.7","sent_to_email":"kok2@example.se",` + childAll + `,"views":[{"viewed_at":"2026-08-10T09:00:00Z","email":"kalle@example.se","ip":"192.0.2.7"},{"viewed_at":"2026-08-11T09:00:00Z","email":"kalle@example.se"}],"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"approved_by_name":"Kalle"}}],"status":"closed","closed_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"quote/Q9": `{"type":"quote","id":"Q9","number":"701","title":"Nytt kök","customer_number":"0","approved_at":"2026-08-15T12:00:00Z","views":[{"viewed_at":"2026-08-10T09:00:00Z"},{"viewed_at":"2026-08-11T09:00:00Z"}],"status":"closed","closed_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "project", days: 30,
		lines: []string{
			`{"type":"project","id":"P9","number":"801","name":"Villa Svensson","description":"Tillbyggnad åt Svenssons","customer_number":"1001","contact_person":"CP1","customer_info":"Nyckel under mattan","email":"villa@example.se","end_customer_name":"Sven Svensson","end_customer_address":"Villavägen 9","end_customer_phone":"0703333333","end_customer_email":"sven@example.se",` + childAll + `,"extra_costs":[{"description":"Ställning","amount":1200,"approved_by_name":"Sven Svensson","approved_by_phone":"0703333333"}],"payment_plans":[{"payer_name":"Sven Svensson","payer_email":"sven@example.se","payer_phone":"0703333333","payer_personal_number":"19800101-1234","amount":10000,"due_date":"2026-09-30"},{"payer_name":"Siv Svensson","amount":5000}],"sub_projects":[{"name":"Svenssons altan","description":"Altan åt Sven"}],"partner_invitations":[{"partner_name":"Pelle Partner","partner_email":"pelle@example.se","comment":"Pelle känner Sven"}],"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"name":"Villa S"}}],"status":"closed","closed_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"project/P9": `{"type":"project","id":"P9","number":"801","name":"Villa Svensson","description":"Tillbyggnad åt Svenssons","customer_number":"0","payment_plans":[{"payer_name":"W","payer_email":"W","payer_phone":"W","payer_personal_number":"W","amount":10000,"due_date":"2026-09-30"},{"payer_name":"W","amount":5000}],"sub_projects":[{}],"partner_invitations":[{"partner_name":"Pelle Partner","partner_email":"pelle@example.se"}],"status":"closed","closed_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "service_case", days: 30,
		lines: []string{
			`{"type":"service_case","id":"S9","number":"901","title":"Årlig service","customer_number":"1001","contact_person":"CP1","customer_info":"Ring innan","email":"serv@example.se","end_customer_name":"Stina Slut","end_customer_address":"Torget 1","end_customer_phone":"0704444444","end_customer_email":"stina@example.se",` + childAll + `,"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"title":"Service"}}],"status":"open","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"service_case/S9": `{"type":"service_case","id":"S9","number":"901","title":"Årlig service","customer_number":"0","status":"open","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "order", days: 30,
		lines: []string{
			// No updated_at: it defaults to created_at (datamap.md).
			`{"type":"order","id":"O9","number":"1001","customer_number":"1001","contact_person":"CP1","customer_info":"Leverera bakvägen","email":"order@example.se","end_customer_name":"Olle Slut","end_customer_address":"Backen 4","end_customer_phone":"0705555555","end_customer_email":"olle@example.se","delivery_address":"Olles väg 5, 12345 Byn",` + childAll + `,"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"delivery_address":"Gamla vägen"}}],"status":"open","created_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"order/O9": `{"type":"order","id":"O9","number":"1001","customer_number":"0","status":"open","created_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "event", days: -1,
		lines: []string{
			`{"type":"event","id":"E9","occurred_at":"2026-09-01T10:00:00Z","username":"bertil","email":"bertil@example.se","ip":"192.0.2.9","action":"login","target_type":"user","target_id":"U1"}`,
			`{"type":"event","id":"E8","occurred_at":"2026-10-15T10:00:00Z","username":"bertil","email":"bertil@example.se","ip":"192.0.2.9","action":"login"}`,
		},
		want: map[string]string{
			"event/E9": `{"type":"event","id":"E9","occurred_at":"2026-09-01T10:00:00Z","action":"login","target_type":"user","target_id":"U1"}`,
		},
		anonymised: 1,
	},
	{
		policy: "system_log", days: -1,
		lines: []string{
			`{"type":"system_log","id":"L9","occurred_at":"2026-07-01T10:00:00Z","kind":"login","username":"bertil","ip":"192.0.2.9","code":"ok","message":"inloggad"}`,
			`{"type":"system_log","id":"L8","occurred_at":"2026-10-01T10:00:00Z","kind":"error","username":"bertil","ip":"192.0.2.9","code":"E1","message":"fel"}`,
		},
		want:    map[string]string{"system_log/L9": ""},
		deleted: 1,
	},
	{
		policy: "user", days: 30,
		lines: []string{
			`{"type":"user","id":"U9","username":"ulla","name":"Ulla Användare","email":"ulla@example.se","mobile_phone":"0706666666","private_phone":"08-777777","work_phone":"08-888888","personal_number":"19850505-5555","street":"Ullagatan 6","postal_code":"22233","city":"Lund","notes":"Ulla slutade i augusti","skills":"Svetsning","emergency_contact":"Ullas man 0707777777","versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"name":"Ulla Gammal"}}],"status":"deleted","deleted_at":"2026-09-01T10:00:00Z"}`,
			`{"type":"time_report","id":"TR9","user":"U9","date":"2026-08-01","hours":8,"work_order":"WO0"}`,
			`{"type":"permission","id":"PM9","user":"U9","role":"staff"}`,
		},
		want: map[string]string{
			"user/U9": `{"type":"user","id":"U9","username":"W","name":"W","email":"W","mobile_phone":"W","private_phone":"W","work_phone":"W","personal_number":"W","street":"W","postal_code":"W","city":"W","status":"deleted","deleted_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "time_report", days: 30,
		lines: []string{
			// "deleted_at, else updated_at": deleted_at is set, so it is the clock.
			`{"type":"time_report","id":"TR9","user":"U1","date":"2026-08-31","hours":7.5,"work_order":"WO0","comment":"Hämtade nyckel hos Åsa","status":"deleted","deleted_at":"2026-09-01T10:00:00Z","updated_at":"2026-10-30T00:00:00Z"}`,
		},
		want: map[string]string{
			"time_report/TR9": `{"type":"time_report","id":"TR9","date":"2026-08-31","hours":7.5,"work_order":"WO0","status":"deleted","deleted_at":"2026-09-01T10:00:00Z","updated_at":"2026-10-30T00:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "deviation", days: 30,
		lines: []string{
			`{"type":"deviation","id":"DV9","user":"U1","reported_at":"2026-08-31T08:00:00Z","description":"Sen ankomst","comments":[{"author":"U1","text":"Bussen var sen","created_at":"2026-08-31T09:00:00Z"}],"status":"open","updated_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"deviation/DV9": `{"type":"deviation","id":"DV9","reported_at":"2026-08-31T08:00:00Z","description":"Sen ankomst","status":"open","updated_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "invoice_basis", days: 30,
		lines: []string{
			`{"type":"invoice_basis","id":"IB9","number":"1101","customer_number":"1001","rows":[{"kind":"article","text":"Arbete 2 h","amount":1000},{"kind":"comment","text":"Enligt Åsa Kund"},{"kind":"article","text":"Material","amount":250}],"comments":[{"author":"U1","text":"Åsa bad om rabatt","created_at":"2026-08-30T00:00:00Z"}],"versions":[{"changed_at":"2026-08-01T00:00:00Z","changed_by":"U1","fields":{"number":"1100"}}],"status":"invoiced","invoiced_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"invoice_basis/IB9": `{"type":"invoice_basis","id":"IB9","number":"1101","customer_number":"0","rows":[{"kind":"article","text":"Arbete 2 h","amount":1000},{"kind":"article","text":"Material","amount":250}],"status":"invoiced","invoiced_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
	{
		policy: "expense", days: 30,
		lines: []string{
			`{"type":"expense","id":"X9","user":"U1","customer_number":"1001","date":"2026-08-30","amount":99.5,"description":"Lunch med Åsa","status":"open","updated_at":"2026-09-01T10:00:00Z"}`,
		},
		want: map[string]string{
			"expense/X9": `{"type":"expense","id":"X9","customer_number":"0","date":"2026-08-30","amount":99.5,"status":"open","updated_at":"2026-09-01T10:00:00Z"}`,
		},
		anonymised: 1,
	},
}

// childAll is every shared child array the customer-facing types carry.
const childAll = `"comments":[{"author":"U1","text":"Kunden Åsa ringde","created_at":"2026-08-01T00:00:00Z"}],"work_reports":[{"user":"U1","text":"Bytte packning hos Åsa","hours":2,"date":"2026-08-02"}],"conversations":[{"from_name":"Åsa Kund","from_email":"asa@example.se","from_phone":"0709999999","body":"Hej, det läcker","sent_at":"2026-08-03T10:00:00Z"}]`

// TestEveryPolicyRow covers the sixteen rows of the data map: one case per row.
func TestEveryPolicyRow(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range ruleCases {
		covered[tc.policy] = true
	}
	for _, pt := range PolicyTypes() {
		if !covered[pt.Name] {
			t.Errorf("no test case for the %s policy", pt.Name)
		}
	}
	if len(ruleCases) != 16 || len(PolicyTypes()) != 16 {
		t.Errorf("%d cases, %d policies; the data map has 16 rows", len(ruleCases), len(PolicyTypes()))
	}
	now := mustTime(t, "2026-11-01T00:00:00Z")
	for _, tc := range ruleCases {
		t.Run(tc.policy, func(t *testing.T) {
			st := newStore(t)
			lines := append(append([]string{}, baseLines...), tc.lines...)
			importLines(t, st, lines...)
			if tc.days >= 0 {
				enable(t, st, tc.policy, tc.days)
			}
			before := records(t, st)
			// Before the run, the values are there: the store holds each line as given.
			for _, l := range tc.lines {
				m := decodeLine(t, l)
				key := m["type"].(string) + "/" + m["id"].(string)
				if !reflect.DeepEqual(before[key], m) {
					t.Fatalf("before the run %s is\n%s\nwant\n%s", key, jsonText(before[key]), l)
				}
			}
			rep := run(t, st, now)
			c := rep.Types[tc.policy]
			if c == nil || c.Anonymised != tc.anonymised || c.Deleted != tc.deleted || c.Due != tc.anonymised+tc.deleted {
				t.Errorf("counts = %s, want anonymised %d deleted %d", jsonText(c), tc.anonymised, tc.deleted)
			}
			if rep.Total() != tc.anonymised+tc.deleted {
				t.Errorf("total %d: other policies ran: %s", rep.Total(), jsonText(rep.Types))
			}
			after := records(t, st)
			for key, old := range before {
				wantLine, named := tc.want[key]
				got, present := after[key]
				switch {
				case named && wantLine == "":
					if present {
						t.Errorf("%s still there: %s", key, jsonText(got))
					}
				case named:
					want := decodeLine(t, strings.ReplaceAll(wantLine, `"W"`, `"`+W+`"`))
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s after the run:\n got %s\nwant %s", key, jsonText(got), jsonText(want))
					}
				default:
					if !reflect.DeepEqual(got, old) {
						t.Errorf("%s is not named by the rule but changed:\n was %s\n now %s", key, jsonText(old), jsonText(got))
					}
				}
			}
			if len(after) != len(before)-tc.deleted {
				t.Errorf("%d records after, %d before, %d deleted", len(after), len(before), tc.deleted)
			}
			// Idempotent: a second run changes nothing.
			first := exportAll(t, st)
			rep2 := run(t, st, now)
			if rep2.Total() != 0 {
				t.Errorf("second run handled %d records", rep2.Total())
			}
			if second := exportAll(t, st); string(first) != string(second) {
				t.Errorf("second run changed the store:\n%s\n---\n%s", first, second)
			}
		})
	}
}

// TestRegistryActionsMatchDataMap pins the fields each rule names, as datamap.md words them.
func TestRegistryActionsMatchDataMap(t *testing.T) {
	want := map[string]string{
		"customer":         "customer_number name personal_number email mobile_phone private_phone work_phone street postal_code city notes versions",
		"contact_person":   "first_name last_name email mobile_phone private_phone work_phone notes versions",
		"customer_contact": "customer_number contact_person comments",
		"case":             "customer_number contact_person customer_info email end_customer_name end_customer_address end_customer_phone end_customer_email comments work_reports conversations versions",
		"work_order":       "customer_number contact_person customer_info email end_customer_name end_customer_address end_customer_phone end_customer_email comments work_reports conversations extra_costs versions",
		"quote":            "customer_number contact_person customer_info email approved_by_name approved_by_email approved_by_phone approved_ip sent_to_email comments work_reports conversations views.email views.ip versions",
		"project":          "customer_number contact_person customer_info email end_customer_name end_customer_address end_customer_phone end_customer_email comments work_reports conversations extra_costs payment_plans.payer_name payment_plans.payer_email payment_plans.payer_phone payment_plans.payer_personal_number payment_plans.approved_by_name payment_plans.approved_by_phone payment_plans.approved_ip sub_projects.name sub_projects.description partner_invitations.comment versions",
		"service_case":     "customer_number contact_person customer_info email end_customer_name end_customer_address end_customer_phone end_customer_email comments work_reports conversations versions",
		"order":            "customer_number contact_person customer_info email end_customer_name end_customer_address end_customer_phone end_customer_email delivery_address comments work_reports conversations versions",
		"event":            "username email ip",
		"system_log":       "",
		"user":             "username name email mobile_phone private_phone work_phone personal_number street postal_code city notes skills emergency_contact versions",
		"time_report":      "user comment",
		"deviation":        "user comments",
		"invoice_basis":    "customer_number rows comments versions",
		"expense":          "user customer_number description",
	}
	for _, pt := range PolicyTypes() {
		got := strings.Join(Named(pt), " ")
		if got != want[pt.Name] {
			t.Errorf("%s names\n %s\nwant\n %s", pt.Name, got, want[pt.Name])
		}
	}
	// Types without a row in the table have no policy.
	for _, typ := range registry.Types() {
		if _, ok := want[typ.Name]; !ok && typ.Retention != nil {
			t.Errorf("%s has a policy the data map does not list", typ.Name)
		}
	}
}

func TestAnonymiseIsPure(t *testing.T) {
	// Anonymise applies actions only: no store, no links. Replace keeps an already
	// anonymised value as it is (reports no change).
	st := newStore(t)
	importLines(t, st, baseLines...)
	r, err := st.Get(context.Background(), "customer", "C1")
	if err != nil {
		t.Fatal(err)
	}
	if !Anonymise(r, W) {
		t.Fatal("first Anonymise reported no change")
	}
	if Anonymise(r, W) {
		t.Fatal("second Anonymise reported a change")
	}
}
