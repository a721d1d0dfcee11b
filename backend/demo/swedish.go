package demo

// Word lists for the synthetic data set. They are constant tables: the generator only reads
// them.

var firstNames = []string{
	"Åsa", "Åke", "Örjan", "Björn", "Göran", "Märta", "Linnéa", "Jöns", "Bengt", "Anna",
	"Eva", "Karin", "Lars", "Mikael", "Sofia", "Maja", "Elsa", "Håkan", "Torbjörn", "Gunnel",
	"Mårten", "Ingrid", "Annika", "Jörgen", "Ulla", "Kjell", "Sören", "Birgitta", "Per", "Lena",
	"Johan", "Maria", "Erik", "Kerstin", "Anders", "Margareta", "Nils", "Britt-Marie", "Stig", "Signe",
	"Oskar", "Ebba", "Axel", "Ellen", "Gösta", "Solveig", "Ove", "Agneta", "Pär", "Tove",
	"Leif", "Monica", "Rolf", "Yvonne", "Sune", "Gunilla", "Henrik", "Astrid", "Fredrik", "Saga",
	"Ali", "Fatima", "Mehmet", "Zeynep", "Jonas", "Ida", "Olle", "Majken", "Östen", "Åsa-Lena",
}

var lastNames = []string{
	"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
	"Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
	"Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
	"Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund",
	"Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
	"Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström",
	"Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren",
	"Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson", "Lundström", "Ström",
	"Åberg", "Öberg", "Ekström", "Hedlund", "Sundberg", "Sjögren", "Åström", "Östlund", "Höglund",
	"Ågren", "Nordin", "Yilmaz", "Hussein", "Kowalski", "Grönlund", "Dahlén",
}

// A city and the first three digits of its postal codes.
type city struct {
	name   string
	postal int // 100..989
	area   string
}

var cities = []city{
	{"Stockholm", 114, "08"}, {"Stockholm", 118, "08"}, {"Bromma", 167, "08"}, {"Solna", 171, "08"},
	{"Södertälje", 151, "08"}, {"Täby", 183, "08"}, {"Malmö", 211, "040"}, {"Lund", 223, "046"},
	{"Helsingborg", 252, "042"}, {"Göteborg", 411, "031"}, {"Mölndal", 431, "031"}, {"Borås", 503, "033"},
	{"Trollhättan", 461, "0520"}, {"Uppsala", 753, "018"}, {"Västerås", 722, "021"}, {"Örebro", 703, "019"},
	{"Linköping", 582, "013"}, {"Norrköping", 602, "011"}, {"Jönköping", 553, "036"}, {"Växjö", 352, "0470"},
	{"Halmstad", 302, "035"}, {"Karlstad", 652, "054"}, {"Gävle", 802, "026"}, {"Sundsvall", 852, "060"},
	{"Östersund", 831, "063"}, {"Umeå", 903, "090"}, {"Skellefteå", 931, "0910"}, {"Luleå", 972, "0920"},
	{"Kiruna", 981, "0980"}, {"Eskilstuna", 632, "016"}, {"Falun", 791, "023"}, {"Kalmar", 392, "0480"},
	{"Visby", 621, "0498"}, {"Ängelholm", 262, "0431"}, {"Åre", 837, "0647"}, {"Örnsköldsvik", 891, "0660"},
}

var streets = []string{
	"Storgatan", "Drottninggatan", "Kungsgatan", "Björkvägen", "Ekvägen", "Skolgatan", "Järnvägsgatan",
	"Kyrkogatan", "Parkvägen", "Ringvägen", "Södra Vägen", "Östra Långgatan", "Västra Hamngatan",
	"Åsgatan", "Ängsvägen", "Högbergsgatan", "Tallstigen", "Lönnvägen", "Sjövägen", "Fältvägen",
	"Mästersamuelsgatan", "Götgatan", "Hornsgatan", "Norrlandsgatan", "Strandvägen", "Bäckvägen",
	"Granvägen", "Rönnbärsvägen", "Smedjegatan", "Torggatan",
}

var companyTrades = []string{
	"Bygg", "Rör", "El", "Måleri", "Städ", "Fastigheter", "Trädgård", "Golv", "Plåt", "VVS",
	"Tak", "Låsservice", "Fönsterputs", "Redovisning", "Snickeri", "Kakel & Klinker",
}

var companyForms = []string{"AB", "AB", "AB", "HB", "KB", "Ekonomisk förening"}

var brfNames = []string{"Solrosen", "Eken", "Björkhagen", "Måsen", "Hästhagen", "Lärkan", "Tallbacken", "Sjöutsikten", "Vårdkasen", "Ängen"}

var mailDomains = []string{"gmail.com", "hotmail.com", "outlook.com", "telia.com", "bredband.net", "yahoo.se", "icloud.com", "live.se", "spray.se", "comhem.se"}

var jobTitles = []string{"VD", "Fastighetsförvaltare", "Inköpare", "Ekonomiansvarig", "Ordförande", "Projektledare", "Kontorschef", "Driftansvarig", "Vicevärd", "Ägare"}

var workTitles = []string{
	"Byte av blandare i kök", "Läckande element i vardagsrum", "Installation av laddbox", "Felsökning jordfelsbrytare",
	"Fönsterputs flerbostadshus", "Takrenovering", "Badrumsrenovering", "Service av värmepump", "Målning av fasad",
	"Stopp i avlopp", "Byte av golvbrunn", "Ny belysning i trapphus", "Storstädning efter flytt", "Trädfällning",
	"Slipning av parkettgolv", "Montering av kök", "Byte av lås och cylindrar", "Besiktning av ventilation",
	"Snöröjning vintersäsong", "Byte av stuprör", "Installation av diskmaskin", "Kakelsättning i hall",
}

var workDescriptions = []string{
	"Kunden upplever att det droppar under diskbänken sedan några veckor.",
	"Enligt besiktningen behöver arbetet utföras innan vintern.",
	"Material beställt från grossisten, leverans beräknad nästa vecka.",
	"Portkod finns i ärendet. Nyckel hämtas hos grannen.",
	"Hunden i huset är snäll men ska hållas borta från arbetsplatsen.",
	"Arbetet kräver avstängning av vattnet i hela trappuppgången.",
	"Offert godkänd muntligt, skriftlig bekräftelse väntas.",
	"Tidigare reparation gjord av annan firma, garantin gäller inte.",
	"ROT-avdrag ska tillämpas, personnummer finns hos kundtjänst.",
	"Parkering finns på gården, ring på porttelefonen.",
}

// Sentence templates that mention people: %[1]s is a person the record concerns, %[2]s an
// employee.
var personNotes = []string{
	"Ring %[1]s innan besöket, hen jobbar skift.",
	"%[2]s har pratat med %[1]s och bokat in en ny tid.",
	"%[1]s vill ha fakturan via e-post, inte papper.",
	"Enligt %[1]s ska grannen också få en offert.",
	"%[2]s var på plats och träffade %[1]s. Allt klart.",
	"%[1]s är missnöjd med förra besöket, %[2]s följer upp.",
	"Nyckel lämnas hos %[1]s i lägenheten bredvid.",
	"%[1]s har nytt telefonnummer, uppdaterat av %[2]s.",
	"Påminnelse till %[2]s: skicka bilder till %[1]s.",
	"%[1]s ringde och frågade om garantin.",
}

var commentTexts = []string{
	"Klart för fakturering.", "Väntar på reservdel.", "Kunden inte hemma, nytt besök bokat.",
	"Bilder uppladdade.", "Kontrollerat och åtgärdat.", "Behöver två personer nästa gång.",
}

var channels = []string{"telefon", "e-post", "besök", "sms", "webbformulär"}

var eventActions = []string{"login", "logout", "view", "update", "create", "delete", "export", "print"}

var dataCategories = []string{"namn", "adress", "telefonnummer", "e-post", "personnummer", "bankuppgifter", "hälsouppgifter", "bilder", "fakturahistorik"}

var legalBases = []string{"avtal", "rättslig förpliktelse", "berättigat intresse", "samtycke"}

var skills = []string{"Heta arbeten", "Våtrumsbehörighet", "ESA-utbildning", "Truckkort", "Fallskydd", "Elbehörighet B", "Liftkort", "Första hjälpen"}

var articleTexts = []string{"Arbetstid", "Resa", "Material", "Blandare Gustavsberg", "Kopparrör 15 mm", "Elcentral", "Färg 10 l", "Städmaterial", "Skylift hyra", "Avfallshantering"}

var errorMessages = []string{"database is locked", "SMTP-anslutning nekades", "timeout mot SMS-tjänsten", "ogiltig token", "diskutrymme lågt", "kunde inte läsa bilaga"}
