package normalize

import (
	"errors"
	"fmt"
	"time"
)

// IDKind says what a Swedish identity number identifies.
type IDKind uint8

const (
	IDPerson       IDKind = iota + 1 // personnummer
	IDCoordination                   // samordningsnummer: day of birth + 60
	IDOrganisation                   // organisationsnummer: month digits 20 or more
)

func (k IDKind) String() string {
	switch k {
	case IDPerson:
		return "personnummer"
	case IDCoordination:
		return "samordningsnummer"
	case IDOrganisation:
		return "organisationsnummer"
	}
	return "unknown"
}

// ID is a normalised personnummer, coordination number or organisation number.
type ID struct {
	Digits string // 12 digits: century, YYMMDD (day + 60 for coordination numbers), 4 digits
	Kind   IDKind
	Valid  bool // the Luhn check digit is right
}

// ErrNotPersonalNumber is returned when a string has none of the accepted shapes.
var ErrNotPersonalNumber = errors.New("not a personnummer")

// PersonalNumber parses a personnummer, coordination number or organisation number in
// any of the forms 800101-1234, 19800101-1234, 198001011234, 8001011234 and 800101+1234
// (one space may stand for the hyphen). The ten-digit forms take their century from ref:
// the latest birth date not after ref, 100 years earlier for "+". Organisation numbers
// get the conventional century digits "16". A wrong check digit is reported in Valid, not
// as an error, so a mistyped number in the data can still be found exactly as written.
func PersonalNumber(s string, ref time.Time) (ID, error) {
	var d [12]byte
	n := 0
	sep := byte(0)
	sepAt := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == 12 {
				return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
			}
			d[n] = c
			n++
		case (c == '-' || c == '+' || c == ' ') && sep == 0 && n > 0:
			sep, sepAt = c, n
		default:
			return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
		}
	}
	if sep != 0 && sepAt != n-4 {
		return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
	}
	var ten string
	century := -1
	switch n {
	case 10:
		ten = string(d[:10])
	case 12:
		if sep == '+' {
			return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
		}
		ten = string(d[2:12])
		century = int(d[0]-'0')*10 + int(d[1]-'0')
	default:
		return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
	}
	yy := atoi2(ten[0:2])
	mm := atoi2(ten[2:4])
	dd := atoi2(ten[4:6])
	id := ID{Valid: luhn(ten)}
	if mm >= 20 {
		// Organisation numbers: the "month" is 20 or more. Their century digits are 16.
		if century != -1 && century != 16 {
			return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
		}
		if sep == '+' {
			return ID{}, fmt.Errorf("parsing %q: %w", s, ErrNotPersonalNumber)
		}
		id.Kind = IDOrganisation
		id.Digits = "16" + ten
		return id, nil
	}
	id.Kind = IDPerson
	day := dd
	if dd > 60 {
		id.Kind = IDCoordination
		day = dd - 60
	}
	if mm < 1 || mm > 12 || day < 1 {
		return ID{}, fmt.Errorf("parsing %q: impossible date: %w", s, ErrNotPersonalNumber)
	}
	var year int
	if century >= 0 {
		if century < 18 || century > 20 {
			return ID{}, fmt.Errorf("parsing %q: impossible century: %w", s, ErrNotPersonalNumber)
		}
		year = century*100 + yy
	} else {
		ry := ref.Year()
		year = ry - ((ry-yy)%100+100)%100
		if time.Date(year, time.Month(mm), day, 0, 0, 0, 0, time.UTC).After(ref) {
			year -= 100
		}
		if sep == '+' {
			year -= 100
		}
	}
	if day > daysIn(year, mm) {
		return ID{}, fmt.Errorf("parsing %q: impossible date: %w", s, ErrNotPersonalNumber)
	}
	id.Digits = fmt.Sprintf("%04d", year) + ten[2:]
	return id, nil
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// luhn checks the Luhn digit of a ten-digit Swedish identity number.
func luhn(ten string) bool {
	sum := 0
	for i := 0; i < 10; i++ {
		v := int(ten[i] - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// Luhn reports whether the last digit of a ten- or twelve-digit identity number is right.
func Luhn(digits string) bool {
	if len(digits) == 12 {
		digits = digits[2:]
	}
	if len(digits) != 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return luhn(digits)
}
