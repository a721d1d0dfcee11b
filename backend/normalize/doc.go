// Package normalize turns the ways people write contact details into one form each, so
// the person search finds a person whichever format the query and the data use.
//
// # Forms
//
//	Phone("070-123 45 67")                      // "+46701234567": E.164, Swedish default
//	PersonalNumber("800101-1234", now)          // ID{Digits: "198001011234", ...}
//	Email("Anna.Svensson@Example.SE")           // "anna.svensson@example.se"
//	Fold("Östergren")                           // "ostergren": case and diacritics folded
//
// Personnummer, coordination numbers (samordningsnummer: day + 60) and organisation
// numbers all become 12 digits. A coordination number keeps its day + 60, so it never
// equals the personnummer with the same other digits: they belong to different people.
// The ten-digit forms take their century from a reference date: "-" (or no separator)
// means under 100 years old at that date, "+" means 100 or older.
//
// # Queries and free text
//
// [DetectKind] says what a search query is (name, e-mail, phone, personnummer).
// [Extract] finds phone numbers, personnummer and e-mail addresses inside free text and
// returns each with its normalised value and its byte span, so an index can hold them as
// keyword terms and a snippet can highlight them. Digits are never matched loosely: a
// number one digit off is another person's number.
package normalize
