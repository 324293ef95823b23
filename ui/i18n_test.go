package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/turncoder/turncoder/coding/agreement"
)

// The interface's strings, checked from the source: every string literal of ui/ a person
// could see goes through the catalogue (T, plural), and every key has its English, Simplified
// and Traditional Chinese text, with the same fmt verbs.

// shownCalls are the functions whose string arguments are catalogue keys.
var shownCalls = map[string]bool{"T": true, "plural": true}

// notShown are the literals that are not text for a person: a literal is one when it is an
// import path, a struct tag, a key of the preferences or of a map, a format without words, or
// the argument of a call named here (logs, identifiers, file names).
var notShownCalls = map[string]bool{
	"LogError": true, "Println": true, "Printf": true, "Errorf": false,
	"Getenv": true, "Setenv": true, "LookupEnv": true, "Unsetenv": true, "Join": false, "HasPrefix": true, "HasSuffix": true, "TrimSuffix": true, "TrimPrefix": true,
	"String": true, "Bool": true, "Int": true, "Float": true, "SetString": true, "SetBool": true, "SetInt": true, "SetFloat": true,
	"StringWithFallback": true, "IntWithFallback": true, "BoolWithFallback": true, "FloatWithFallback": true, "StringList": true, "SetStringList": true,
	"Meta": true, "MustCompile": true, "NewExtensionFileFilter": true, "ParseMessageFileBytes": true, "ReadFile": true,
	"NewWindow": false, "Format": true, "Parse": true, "Getwd": true, "Sprint": true,
}

// words tells whether a literal holds text a person reads: a letter, and a space or a capital
// (identifiers, keys and file names are one lower-case word).
func words(s string) bool {
	hasLetter, upper := false, false
	for _, r := range s {
		if unicode.IsLetter(r) {
			hasLetter = true
			if unicode.IsUpper(r) || r > unicode.MaxASCII {
				upper = true
			}
		}
	}
	return hasLetter && (strings.ContainsAny(s, " …") || upper)
}

func uiSources(t *testing.T) []*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	names, _ := filepath.Glob("*.go")
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	uiFset = fset
	return files
}

var uiFset *token.FileSet

// keysAndStrays walks ui/'s sources: the catalogue keys used (T's and plural's literal
// arguments, or the package's string constants they are given) and the literals a person
// could see that go through no catalogue. A key the walker cannot read (T(x) of a variable)
// is a stray too: its translations could not be checked.
func keysAndStrays(t *testing.T) (keys map[string]string, strays []string) {
	keys = map[string]string{}
	files := uiSources(t)
	consts := map[string]*ast.BasicLit{} // the package's string constants
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[name.Name] = lit
						}
					}
				}
			}
		}
	}
	keyLits := map[*ast.BasicLit]bool{}
	// keyOf is the literal a key argument is, itself or through a constant; nil when it is
	// neither.
	keyOf := func(arg ast.Expr) *ast.BasicLit {
		switch a := arg.(type) {
		case *ast.BasicLit:
			if a.Kind == token.STRING {
				return a
			}
		case *ast.Ident:
			return consts[a.Name]
		}
		return nil
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || !shownCalls[fn.Name] || len(call.Args) == 0 {
				return true
			}
			arg := call.Args[len(call.Args)-1]
			if fn.Name == "T" {
				arg = call.Args[0]
			}
			lit := keyOf(arg)
			if lit == nil {
				if !ignoredAt(f, arg.Pos()) {
					strays = append(strays, uiFset.Position(arg.Pos()).String()+": the key of "+fn.Name+" is no literal nor constant: the catalogue test cannot check it")
				}
				return true
			}
			keyLits[lit] = true
			s, _ := strconv.Unquote(lit.Value)
			pos := uiFset.Position(arg.Pos()).String()
			if fn.Name == "plural" {
				keys["1 "+s] = pos
				keys["%d "+s+"s"] = pos
			} else {
				keys[s] = pos
			}
			return true
		})
	}
	for _, f := range files {
		skip := map[*ast.BasicLit]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.Field:
				if n.Tag != nil {
					skip[n.Tag] = true
				}
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if notShownCalls[name] {
					for _, a := range n.Args {
						if lit, ok := a.(*ast.BasicLit); ok {
							skip[lit] = true
						}
					}
				}
			case *ast.KeyValueExpr:
				if lit, ok := n.Key.(*ast.BasicLit); ok {
					skip[lit] = true // a map's key
				}
			case *ast.IndexExpr:
				if lit, ok := n.Index.(*ast.BasicLit); ok {
					skip[lit] = true
				}
			case *ast.CaseClause:
				for _, e := range n.List {
					if lit, ok := e.(*ast.BasicLit); ok {
						skip[lit] = true // a switch on a value
					}
				}
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					for _, e := range []ast.Expr{n.X, n.Y} {
						if lit, ok := e.(*ast.BasicLit); ok {
							skip[lit] = true // compared, not shown
						}
					}
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING || keyLits[n] || skip[n] {
					return true
				}
				s, _ := strconv.Unquote(n.Value)
				if words(s) && !ignored(f, n) {
					strays = append(strays, uiFset.Position(n.Pos()).String()+": "+n.Value)
				}
			}
			return true
		})
	}
	// The sentences of the store and the domain (coding/say), which the window translates
	// (errText).
	for k, pos := range sayKeys(t) {
		keys[k] = pos
	}
	// The labels of the table of statistics, which the agreement window looks up (statLabel).
	for _, s := range agreement.Statistics() {
		keys[s.Label] = "agreement.Statistics: " + s.Key
		if s.LabelMany != "" {
			keys[s.LabelMany] = "agreement.Statistics: " + s.Key
		}
	}
	sort.Strings(strays)
	return keys, strays
}

// ignored tells whether the literal's line says it is not shown: "// not shown: why".
func ignored(f *ast.File, lit *ast.BasicLit) bool { return ignoredAt(f, lit.Pos()) }

// ignoredAt tells whether the line of pos says "// not shown: why".
func ignoredAt(f *ast.File, pos token.Pos) bool {
	line := uiFset.Position(pos).Line
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if uiFset.Position(c.Pos()).Line == line && strings.Contains(c.Text, "not shown") {
				return true
			}
		}
	}
	return false
}

// TestEveryShownStringGoesThroughTheCatalogue fails on a literal of ui/ a person could read
// that no catalogue translates (a new button's label, say): wrap it in T, or, if it is not
// shown (a preference key with a space in it), say so on its line: "// not shown: why".
func TestEveryShownStringGoesThroughTheCatalogue(t *testing.T) {
	_, strays := keysAndStrays(t)
	for _, s := range strays {
		t.Errorf("shown but not translated: %s", s)
	}
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[vTtbcdoqxXUeEfFgGsp%]`)

// verbs are a format's verbs by kind, in order (an explicit index, %[2]d, counts as its kind).
// %q and %s are one kind, a string: Chinese quotes a name in “%s” or 「%s」 where English
// has %q.
func verbs(s string) []string {
	var out []string
	for _, v := range verb.FindAllString(s, -1) {
		k := v[len(v)-1:]
		if k == "q" {
			k = "s"
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fyneBaseKeys are the keys of Fyne's English catalogue, read from the module Fyne is built
// from, with the keys its code asks for beyond it ("(Parent)").
func fyneBaseKeys(t *testing.T) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("go list fyne.io/fyne/v2: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var base map[string]any
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{"(Parent)": true} // dialog/fileitem.go: lang.L("(Parent)")
	for k := range base {
		keys[k] = true
	}
	return keys
}

// TestEveryKeyHasItsThreeTranslations: each key used in ui/ has a non-empty text in
// English, Simplified Chinese and Traditional Chinese, with the same fmt verbs; no catalogue
// holds a key nothing uses, but for Fyne's own, which the Traditional catalogue has all of.
func TestEveryKeyHasItsThreeTranslations(t *testing.T) {
	loadCatalogues()
	if catErr != nil {
		t.Errorf("the catalogues do not load: %v", catErr)
	}
	keys, _ := keysAndStrays(t)
	fyne := fyneBaseKeys(t)
	for _, k := range fyneKeys {
		if !fyne[k] {
			t.Errorf("%q is not one of Fyne's keys", k)
		}
	}
	for _, l := range Languages {
		data, err := os.ReadFile(filepath.Join("translations", l.Tag+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var cat map[string]string
		if err := json.Unmarshal(data, &cat); err != nil {
			t.Fatalf("%s.json: %v", l.Tag, err)
		}
		for k, pos := range keys {
			text, ok := cat[k]
			switch {
			case !ok || strings.TrimSpace(text) == "":
				t.Errorf("%s.json has no text for %q (%s)", l.Tag, k, pos)
			case strings.Join(verbs(text), "") != strings.Join(verbs(k), ""):
				t.Errorf("%s.json: %q has the verbs %v, its key %v", l.Tag, text, verbs(text), verbs(k))
			}
		}
		for k := range cat {
			if _, used := keys[k]; !used && !slices.Contains(fyneKeys, k) {
				t.Errorf("%s.json holds %q, which nothing uses", l.Tag, k)
			}
		}
		if l.Tag == "zh-Hant" {
			for _, k := range fyneKeys {
				if strings.TrimSpace(cat[k]) == "" {
					t.Errorf("zh-Hant.json has no text for Fyne's %q", k)
				}
			}
		}
	}
}

// sayKeys are the formats of every say.Errorf in the sources of store/ and coding/ (tests
// left out): the sentences the window shows in its language. A say.Errorf whose format is
// not a literal is reported, as the catalogues could not be checked for it.
func sayKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, root := range []string{"../store", "../coding"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Errorf" || len(call.Args) == 0 {
					return true
				}
				if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "say" {
					return true
				}
				pos := fset.Position(call.Pos()).String()
				lit, ok := call.Args[0].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Errorf("%s: say.Errorf's format is no literal: the catalogues cannot be checked for it", pos)
					return true
				}
				k, _ := strconv.Unquote(lit.Value)
				if strings.Contains(k, "%w") {
					t.Errorf("%s: say.Errorf's format has %%w: give the error as %%v", pos)
				}
				keys[k] = pos
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// T writes counts with thousands separators, in Chinese as in English, and leaves everything
// else of fmt's formats as fmt writes it.
func TestNumbersAreGrouped(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	for _, c := range []struct{ lang, want string }{
		{"en", "749,928 units in scope, 1,234 reviewed by two or more coders, 3 disagreements"},
		{"zh-Hans", "范围内共749,928个单元，其中1,234个由两位或以上编码员审阅，3 disagreements"},
	} {
		SetLanguage(c.lang)
		if got := T("%d units in scope, %d reviewed by two or more coders, %s", 749928, 1234, "3 disagreements"); got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, got, c.want)
		}
	}
	SetLanguage("en")
	if got := T("%q: hit %d of %d (%s, turn %d); Enter for the next, Escape to code", "工会", 3, 12000, "call 1", 999); got != `"工会": hit 3 of 12,000 (call 1, turn 999); Enter for the next, Escape to code` {
		t.Errorf("%q", got)
	}
	if got := plural(429605, "disagreement"); got != "429,605 disagreements" {
		t.Errorf("%q", got)
	}
}
