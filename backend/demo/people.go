package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// person is someone the data set mentions, with every detail written the way people type it.
type person struct {
	first, last string
	pnr         string // personnummer or coordination number as typed
	mobile      string
	home        string
	work        string
	email       string
	street      string
	postal      string
	city        string
}

func (p *person) name() string { return p.first + " " + p.last }

func (p *person) address() string { return p.street + ", " + p.postal + " " + p.city }

// newPerson makes a person alive at now.
func newPerson(r *rand.Rand, now time.Time) *person {
	c := cities[r.IntN(len(cities))]
	p := &person{first: pick(r, firstNames), last: pick(r, lastNames)}
	if r.IntN(12) == 0 {
		p.last = pick(r, lastNames) + "-" + p.last // double-barrelled
	}
	p.pnr = personalNumber(r, now)
	p.mobile = mobilePhone(r)
	if r.IntN(3) == 0 {
		p.home = landline(r, c.area)
	}
	if r.IntN(3) == 0 {
		p.work = landline(r, cities[r.IntN(len(cities))].area)
	}
	p.email = personalEmail(r, p.first, p.last)
	p.street, p.postal, p.city = streetAddress(r), postalCode(r, c), c.name
	return p
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func streetAddress(r *rand.Rand) string {
	s := pick(r, streets) + " " + strconv.Itoa(1+r.IntN(120))
	switch r.IntN(8) {
	case 0:
		s += string(rune('A' + r.IntN(4)))
	case 1:
		s += fmt.Sprintf(", lgh %d", 1001+r.IntN(4)*100+r.IntN(12))
	}
	return s
}

// postalCode is written "123 45", now and then without the space.
func postalCode(r *rand.Rand, c city) string {
	rest := r.IntN(100)
	if r.IntN(10) == 0 {
		return fmt.Sprintf("%03d%02d", c.postal, rest)
	}
	return fmt.Sprintf("%03d %02d", c.postal, rest)
}

// luhnDigit is the check digit of a Swedish identity number's first nine digits.
func luhnDigit(nine string) byte {
	sum := 0
	for i := 0; i < len(nine); i++ {
		d := int(nine[i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte(0x30 + (10-sum%10)%10)
}

// personalNumber returns a Luhn-valid personnummer (now and then a coordination number)
// in one of the forms people type: 800101-1234, 19800101-1234, 198001011234, 8001011234,
// and 800101+1234 for people who have turned 100.
func personalNumber(r *rand.Rand, now time.Time) string {
	var born time.Time
	if r.IntN(40) == 0 {
		born = now.AddDate(-100-r.IntN(6), 0, -r.IntN(365)) // a centenarian
	} else {
		born = now.AddDate(-18-r.IntN(75), 0, -r.IntN(365))
	}
	day := born.Day()
	if r.IntN(30) == 0 {
		day += 60 // samordningsnummer
	}
	ten := fmt.Sprintf("%02d%02d%02d%03d", born.Year()%100, int(born.Month()), day, r.IntN(1000))
	ten += string(luhnDigit(ten))
	century := strconv.Itoa(born.Year() / 100)
	over100 := !born.AddDate(100, 0, 0).After(now)
	switch f := r.IntN(10); {
	case over100 && f < 6:
		return ten[:6] + "+" + ten[6:]
	case f < 4:
		return ten[:6] + "-" + ten[6:]
	case f < 6:
		return century + ten[:6] + "-" + ten[6:]
	case f < 9:
		return century + ten
	default:
		if over100 {
			return century + ten
		}
		return ten
	}
}

// orgNumber returns a Luhn-valid organisation number, written 556123-4567 or 16556123-4567.
func orgNumber(r *rand.Rand) string {
	prefixes := []string{"556", "559", "969", "916", "802", "716"}
	nine := pick(r, prefixes) + fmt.Sprintf("%06d", r.IntN(1000000))
	ten := nine + string(luhnDigit(nine))
	switch r.IntN(5) {
	case 0:
		return "16" + ten[:6] + "-" + ten[6:]
	case 1:
		return ten
	}
	return ten[:6] + "-" + ten[6:]
}

// mobilePhone is a Swedish mobile number in one of the forms people type.
func mobilePhone(r *rand.Rand) string {
	op := []string{"70", "72", "73", "76", "79"}[r.IntN(5)]
	d := fmt.Sprintf("%07d", r.IntN(10000000))
	switch r.IntN(7) {
	case 0:
		return "+46 " + op + " " + d[:3] + " " + d[3:5] + " " + d[5:]
	case 1:
		return "0046" + op + d
	case 2:
		return "0" + op + d
	case 3:
		return "0" + op + "-" + d
	case 4:
		return "+46" + op + d
	default:
		return "0" + op + "-" + d[:3] + " " + d[3:5] + " " + d[5:]
	}
}

// landline is a number in the given area code ("08", "031", "0520"), in a typed form.
func landline(r *rand.Rand, area string) string {
	n := 8 - len(area) + 1 // subscriber digits: 08 has 7-8, longer area codes fewer
	if area == "08" {
		n = 7 + r.IntN(2)
	}
	d := fmt.Sprintf("%0*d", n, r.IntN(pow10(n)))
	d = strconv.Itoa(1+r.IntN(9)) + d[1:]
	grouped := groupDigits(d)
	switch r.IntN(4) {
	case 0:
		return "+46 " + area[1:] + " " + grouped
	case 1:
		return area + d
	default:
		return area + "-" + grouped
	}
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// groupDigits writes 12345678 as "123 456 78", 1234567 as "123 45 67", 123456 as "12 34 56".
func groupDigits(d string) string {
	switch len(d) {
	case 8:
		return d[:3] + " " + d[3:6] + " " + d[6:]
	case 7:
		return d[:3] + " " + d[3:5] + " " + d[5:]
	case 6:
		return d[:2] + " " + d[2:4] + " " + d[4:]
	case 5:
		return d[:3] + " " + d[3:]
	}
	return d
}

// ascii folds å, ä, ö and é and drops spaces, for e-mail addresses.
func ascii(s string) string {
	b := make([]byte, 0, len(s))
	for _, c := range strings.ToLower(s) {
		switch c {
		case 'å', 'ä':
			b = append(b, 'a')
		case 'ö':
			b = append(b, 'o')
		case 'é':
			b = append(b, 'e')
		case ' ':
		default:
			if c < 0x80 {
				b = append(b, byte(c))
			}
		}
	}
	return string(b)
}

func personalEmail(r *rand.Rand, first, last string) string {
	f, l := ascii(first), ascii(last)
	d := pick(r, mailDomains)
	switch r.IntN(4) {
	case 0:
		return f + l + strconv.Itoa(50+r.IntN(50)) + "@" + d
	case 1:
		return f[:1] + "." + l + "@" + d
	default:
		return f + "." + l + "@" + d
	}
}

// ipAddress is a public-looking IPv4 address, now and then IPv6.
func ipAddress(r *rand.Rand) string {
	if r.IntN(10) == 0 {
		return fmt.Sprintf("2001:9b1:%x:%x::%x", r.IntN(0xffff), r.IntN(0xffff), 1+r.IntN(0xfff))
	}
	first := []int{81, 83, 85, 90, 94, 95, 155, 193, 213, 217}[r.IntN(10)]
	return fmt.Sprintf("%d.%d.%d.%d", first, r.IntN(256), r.IntN(256), 1+r.IntN(254))
}
