package twofactor

// Flow is a place in the product that can ask for a second factor.
type Flow string

// The seed's nine flows and secure-data decryption (security.md).
const (
	FlowUserLogin           Flow = "user_login"            // users: login from a new device
	FlowUserPasswordReset   Flow = "user_password_reset"   // users: password reset
	FlowPortalLogin         Flow = "portal_login"          // customer portal: login from a new device
	FlowPortalPasswordReset Flow = "portal_password_reset" // customer portal: password reset
	FlowConversations       Flow = "customer_conversations"
	FlowExtraCosts          Flow = "extra_costs"
	FlowPaymentPlans        Flow = "payment_plans"
	FlowQuotes              Flow = "quotes"
	FlowInventory           Flow = "gdpr_inventory"
	FlowSecureDataDecrypt   Flow = "secure_data_decrypt"
)

// FlowInfo describes a flow for the settings page.
type FlowInfo struct {
	Flow    Flow   `json:"flow"`
	LabelSV string `json:"label_sv"`
	LabelEN string `json:"label_en"`
	// SMSOnly flows accept only SMS codes (the seed says so for the
	// customer-facing approvals), never TOTP.
	SMSOnly bool `json:"sms_only"`
	// PerDevice flows challenge only on a device that is not trusted.
	PerDevice bool `json:"per_device"`
}

var flowTable = []FlowInfo{
	{FlowUserLogin, "Användare – inloggning från ny enhet", "Users – login from a new device", false, true},
	{FlowUserPasswordReset, "Användare – återställning av lösenord", "Users – password reset", false, false},
	{FlowPortalLogin, "Kundportal – inloggning från ny enhet", "Customer portal – login from a new device", false, true},
	{FlowPortalPasswordReset, "Kundportal – återställning av lösenord", "Customer portal – password reset", false, false},
	{FlowConversations, "Kundkonversationer – första besöket och återställning av lösenord", "Customer conversations – first visit and password reset", false, false},
	{FlowExtraCosts, "Extrakostnader (endast SMS)", "Extra costs (SMS only)", true, false},
	{FlowPaymentPlans, "Betalningsplaner (endast SMS)", "Payment plans (SMS only)", true, false},
	{FlowQuotes, "Offerter (endast SMS)", "Quotes (SMS only)", true, false},
	{FlowInventory, "GDPR-inventering (endast SMS)", "GDPR inventory (SMS only)", true, false},
	{FlowSecureDataDecrypt, "Säkra uppgifter – dekryptering", "Secure data – decrypt", false, false},
}

// Flows lists every flow in the order the settings page shows them.
func Flows() []FlowInfo { return append([]FlowInfo(nil), flowTable...) }

// Info returns the description of f.
func (f Flow) Info() (FlowInfo, bool) {
	for _, i := range flowTable {
		if i.Flow == f {
			return i, true
		}
	}
	return FlowInfo{}, false
}
