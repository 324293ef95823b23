package seeds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// TestFilesAreTheFiveSeedsUnchanged pins the embedded seeds to the SHA-256 of the files in
// shared/seeds, so an edit to the corpus cannot slip in.
func TestFilesAreTheFiveSeedsUnchanged(t *testing.T) {
	want := map[string]string{
		"000_d6d2e252924e4e15.txt": "b6510ca47a2ba0651f9b267b5add40e6b4eabe91e14b00b435b8fcb6e157b481",
		"001_eb810e1110304a78.txt": "57da373ddfda613a5005600d54c4e7249ba5998de17ddd8a27c6bbb6ca663e36",
		"002_0560d1e89a0cc262.txt": "84183bc9ca812e1021728eb280d443c00d9402a89520f1ee8d8d36219a4f31b3",
		"003_89049800404044df.txt": "e4553774b4cadc7d386de73ce249e4ec8415798c0dc79d866788741fc8de38d6",
		"004_9788c5d2705d02c4.txt": "c31bd99b7c5fbb6fb48616a420056458f8443d289862f46dca9b1e315b513a79",
	}
	files := Files()
	if len(files) != len(want) || files[0].Name != "000_d6d2e252924e4e15.txt" {
		t.Fatalf("%d seed files, first %q", len(files), files[0].Name)
	}
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		if got := hex.EncodeToString(sum[:]); got != want[f.Name] {
			t.Errorf("%s: sha256 %s, want %s", f.Name, got, want[f.Name])
		}
	}
}

func TestDemoProject(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.turncoder")
	if err := CreateDemo(path); err != nil {
		t.Fatal(err)
	}
	p, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	c, _ := p.Info(ctx)
	if c.Documents != 5 || c.Sections != 8 || c.Codes != 4 || c.Speakers != 5 {
		t.Errorf("demo counts %+v", c)
	}
	// The documents carry readable titles (the calls, the texts' own headlines); their ids are
	// the content hashes, as an import of the same files from the command line gives them.
	docs, _ := p.Documents(ctx)
	var got []string
	for _, d := range docs {
		got = append(got, d.Title)
	}
	for _, f := range Files() {
		found := false
		for _, g := range got {
			found = found || g == f.Title
		}
		if f.Title == "" || !found {
			t.Errorf("seed %s: title %q not among the demo's documents %q", f.Name, f.Title, got)
		}
	}
	sp, _ := p.Speakers(ctx)
	roles := map[string]coding.Role{}
	for _, s := range sp {
		roles[s.Label] = s.Role
	}
	want := map[string]coding.Role{"CLB": coding.RoleInterviewer, "联通 114 电话导航": coding.RoleOther,
		"东营市总工会": coding.RoleRespondent, "石油管理局工会": coding.RoleRespondent, "胜利石油管理局工会": coding.RoleRespondent}
	for label, role := range want {
		if roles[label] != role {
			t.Errorf("%s: role %q, want %q", label, roles[label], role)
		}
	}
	codes, _ := p.Codes(ctx)
	var keys string
	for _, k := range codes {
		keys += k.Shortcut + k.Name + "/" + k.NameZH + " "
	}
	if keys != "1referral/转介 2deflection/推诿 3admission/承认 4claimed action/声称的行动 " {
		t.Errorf("codebook %q", keys)
	}
	if err := CreateDemo(path); err == nil {
		t.Error("CreateDemo overwrote an existing project")
	}
}
