package retention

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScheduleFilesAreWellFormedXML: the Task Scheduler task and the launchd agent are XML
// that Windows and macOS refuse whole when malformed (a "--" inside a comment is enough).
func TestScheduleFilesAreWellFormedXML(t *testing.T) {
	for _, name := range []string{"windows-task.xml", "se.dataskydd.anonymise.plist"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "scripts", "schedule", name))
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(strings.NewReader(string(b)))
		d.Strict = true
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if c, ok := tok.(xml.Comment); ok && strings.Contains(string(c), "--") {
				t.Fatalf("%s: a comment holds \"--\", which XML forbids", name)
			}
		}
	}
}
