package retention_test

import (
	"fmt"

	"dataskydd/backend/record"
	"dataskydd/backend/retention"
)

// Anonymise applies the field actions the registry declares for the record's type: here
// the expense rule (user -> null, customer number -> "0", description -> null). The date
// and amount are not named by the rule and stay; absent fields stay absent.
func ExampleAnonymise() {
	r, err := record.Decode([]byte(`{"type":"expense","id":"X1","user":"U3","customer_number":"1001","date":"2026-03-01","amount":120,"description":"Lunch med Åsa"}`))
	if err != nil {
		panic(err)
	}
	retention.Anonymise(r, "Anonymiserad")
	fmt.Println(string(r.AppendLine(nil)))
	// Output: {"type":"expense","id":"X1","customer_number":"0","date":"2026-03-01","amount":120}
}
