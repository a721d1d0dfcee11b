package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dataskydd/backend/auth"
	"dataskydd/backend/folderlock"
	"dataskydd/backend/store"
)

// declaredCodes is every constant of type ErrorCode in the package's Go files: every code a
// service can return.
func declaredCodes(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{} // value -> file
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ErrorCode" {
				return true
			}
			for _, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(lit.Value)
					out[s] = f
				}
			}
			return true
		})
	}
	return out
}

// frontendKeys reads the keys of the errors section of one of the frontend's translations
// (frontend/src/lib/i18n/<lang>.ts: "  errors: {" ... "  },").
func frontendKeys(t *testing.T, lang string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "lib", "i18n", lang+".ts"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "\n  errors: {\n")
	if start < 0 {
		t.Fatalf("%s.ts has no errors section", lang)
	}
	end := strings.Index(text[start+1:], "\n  },")
	keys := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^    ([a-z_]+):`).FindAllStringSubmatch(text[start:start+1+end], -1) {
		keys[m[1]] = true
	}
	return keys
}

// Every code a service can return is in the one list the frontend gets (EnumBind, so the
// generated frontend/wailsjs/go/models.ts), is in that generated file, and has words in
// both of the frontend's languages. A new code without them fails here.
func TestEveryErrorCodeIsKnownToTheFrontend(t *testing.T) {
	declared := declaredCodes(t)
	if len(declared) < 50 || declared["internal"] == "" || declared["folder_in_use"] == "" {
		t.Fatalf("found %d codes: %v", len(declared), declared)
	}
	for value, file := range declared {
		if file != "errors.go" {
			t.Errorf("code %q is declared in %s: the one list is errors.go", value, file)
		}
	}
	listed := map[string]bool{}
	for _, c := range allErrorCodes {
		listed[string(c.Value)] = true
		if declared[string(c.Value)] == "" {
			t.Errorf("allErrorCodes lists %q, which no constant declares", c.Value)
		}
	}
	models, err := os.ReadFile(filepath.Join("..", "..", "frontend", "wailsjs", "go", "models.ts"))
	if err != nil {
		t.Fatal(err)
	}
	enum := string(models)
	if i := strings.Index(enum, "export enum ErrorCode {"); i >= 0 {
		enum = enum[i : i+strings.Index(enum[i:], "}")]
	} else {
		t.Fatal("models.ts has no enum ErrorCode (run wails generate module)")
	}
	sv, en := frontendKeys(t, "sv"), frontendKeys(t, "en")
	for value := range declared {
		if !listed[value] {
			t.Errorf("code %q is not in allErrorCodes: the frontend would not know it", value)
		}
		if !strings.Contains(enum, strconv.Quote(value)) {
			t.Errorf("code %q is not in the generated models.ts (regenerate the bindings)", value)
		}
		if !sv[value] || !en[value] {
			t.Errorf("code %q has no words in the frontend (errors.%s in sv.ts: %v, en.ts: %v)", value, value, sv[value], en[value])
		}
	}
	// The check reads what it should: a made-up code is in none of them.
	if sv["no_such_code"] || strings.Contains(enum, `"no_such_code"`) {
		t.Error("the frontend knows a code no one declared")
	}
}

// A coded error keeps its chain: errors.Is and errors.As reach the error it codes, through
// fail, the services' translations and the bridge's.
func TestCodedErrorsKeepTheirChain(t *testing.T) {
	inner := fmt.Errorf("opening: %w", folderlock.ErrInUse)
	for name, err := range map[string]error{
		"fail":        fail(CodeInternal, inner),
		"serviceFail": serviceFail(fmt.Errorf("logging in: %w", auth.ErrBadCredentials)),
	} {
		var ae *AppError
		if !errors.As(err, &ae) {
			t.Fatalf("%s: %v is no AppError", name, err)
		}
		if ae.Unwrap() == nil {
			t.Errorf("%s: the AppError lost the error it codes", name)
		}
	}
	if err := fail(CodeInternal, inner); !errors.Is(err, folderlock.ErrInUse) {
		t.Errorf("fail: errors.Is lost folderlock.ErrInUse in %v", err)
	}
	if err := serviceFail(fmt.Errorf("logging in: %w", auth.ErrBadCredentials)); !errors.Is(err, auth.ErrBadCredentials) || codeOf(err) != CodeBadCredentials {
		t.Errorf("serviceFail: %v (code %s)", err, codeOf(err))
	}
	// The bridge's JSON carries the code and the message, never the chain's Go types.
	got := FormatError(fail(CodeBusy, errBusy)).(string)
	if got != `{"code":"busy","message":"another import or export is running"}` {
		t.Errorf("FormatError = %s", got)
	}
}

func TestFormatError(t *testing.T) {
	tests := []struct {
		err  error
		want ErrorCode
	}{
		{fail(CodeNoStore, errors.New("x")), CodeNoStore},
		{store.ErrNoStore, CodeNoStore},
		{os.ErrNotExist, CodeFileNotFound},
		{context.Canceled, CodeCancelled},
		{errors.New("disk on fire"), CodeInternal},
	}
	for _, tt := range tests {
		text, ok := FormatError(tt.err).(string)
		var ae AppError
		if !ok || json.Unmarshal([]byte(text), &ae) != nil || ae.Code != tt.want || ae.Message == "" {
			t.Errorf("FormatError(%v) = %v, want JSON with code %q", tt.err, FormatError(tt.err), tt.want)
		}
	}
}

// Codes and event names cross to TypeScript by their values (EnumBind): they must be
// unique, or two would be indistinguishable there.
func TestConstantsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range allErrorCodes {
		if seen["code:"+string(c.Value)] || seen["ts:code:"+c.TSName] {
			t.Errorf("error code %q / %s listed twice", c.Value, c.TSName)
		}
		seen["code:"+string(c.Value)], seen["ts:code:"+c.TSName] = true, true
	}
	for _, e := range allEventNames {
		if seen["event:"+string(e.Value)] || seen["ts:event:"+e.TSName] {
			t.Errorf("event %q / %s listed twice", e.Value, e.TSName)
		}
		seen["event:"+string(e.Value)], seen["ts:event:"+e.TSName] = true, true
	}
}
