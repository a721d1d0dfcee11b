package registry

import "testing"

func TestEveryTypeHasSingularLabels(t *testing.T) {
	for _, typ := range Types() {
		l, ok := singularLabels[typ.Name]
		if !ok || l.SV == "" || l.EN == "" {
			t.Errorf("%s: no singular label in both languages (%+v)", typ.Name, l)
		}
	}
	for name := range singularLabels {
		if _, ok := Get(name); !ok {
			t.Errorf("singular label for unknown type %s", name)
		}
	}
}

func TestSingularIsOneRecord(t *testing.T) {
	wo, _ := Get("work_order")
	if got := wo.Singular(); got.SV != "Arbetsorder" || got.EN != "Work order" {
		t.Errorf("work_order singular = %+v", got)
	}
	c, _ := Get("customer")
	if c.SingularSV() == c.LabelSV || c.SingularEN() == c.LabelEN {
		t.Errorf("customer: singular %q/%q equals the plural", c.SingularSV(), c.SingularEN())
	}
	// A type the map does not know (a test's own) falls back to its plural labels.
	other := &Type{Name: "x", LabelSV: "Xar", LabelEN: "Xs"}
	if got := other.Singular(); got.SV != "Xar" || got.EN != "Xs" {
		t.Errorf("fallback = %+v", got)
	}
}
