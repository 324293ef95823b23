package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// projectShape is what -project makes: Docs documents sharing Turns turns (calls of PerCall
// turns under a header each), Coders coders sharing Codings codings, all from Seed.
type projectShape struct {
	Docs, Turns, PerCall, Coders, Codings int
	Seed                                  uint64
}

// The big project's codebook: the demo's four codes and four more, keys 1 to 8.
var bigCodebook = func() []coding.Code {
	names := []string{"referral", "deflection", "admission", "claimed action", "sympathy", "information", "refusal", "promise"}
	out := make([]coding.Code, len(names))
	for i, n := range names {
		out[i] = coding.Code{ID: "code-" + strings.ReplaceAll(n, " ", "-"), Name: n, Shortcut: strconv.Itoa(i + 1), Position: i + 1}
	}
	return out
}()

// More phrases than the transcript's, so that search finds common words in many turns and
// rare ones in few: RareWord is in one turn in 50,000 (the first of them in the first
// document), LastWord in the last turn of the last document only, and every tenth turn ends
// with a case number of its own.
var bigPhrases = append(append([]string{}, phrases...),
	"我们这边只负责登记", "你可以去劳动仲裁", "这个要问人社局", "我们会向领导反映", "企业改制以后就不归我们管了",
	"职工的社保是企业缴的", "我们没有接到过投诉", "你留个电话，我们了解一下", "这个情况我们知道", "工会主席今天不在",
	"Please call the labour bureau", "they owe forty months of contributions", "请你写一个书面材料", "我们帮不了你", "这是历史遗留问题")

const (
	RareWord = "罢工"
	LastWord = "集体合同"
)

// splitmix is a 64-bit mixer: the generator's randomness is a hash of a turn's index, a coder
// and the seed, so every figure is the same for the same seed whatever the order of the work.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// generateProject writes the project to path.tmp, then renames it to path: a generation cut
// short never leaves a file a cache would take for a whole one.
func generateProject(path string, sh projectShape) error {
	if sh.Docs < 1 || sh.Turns < sh.Docs || sh.PerCall < 1 || sh.Coders < 1 || sh.Codings < 0 {
		return fmt.Errorf("-project needs at least one document, a turn per document, a turn per call and a coder")
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s exists already; tcgen does not overwrite it", path)
	}
	start := time.Now()
	tmp := path + ".tmp"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	p, err := store.Create(tmp, bigCodebook)
	if err != nil {
		return err
	}
	ctx := context.Background()
	fail := func(err error) error {
		p.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		return err
	}
	// The codable turns (not the interviewer's), in project order: the codings go on these.
	var codable []string
	global := 0
	for d := 0; d < sh.Docs; d++ {
		n := sh.Turns / sh.Docs
		if d < sh.Turns%sh.Docs {
			n++
		}
		doc := &coding.Document{Title: fmt.Sprintf("通话记录 %03d", d+1), Format: "turns"}
		for i := 0; i < n; i++ {
			if i%sh.PerCall == 0 {
				doc.Items = append(doc.Items, coding.Item{Kind: coding.KindHeader, Text: fmt.Sprintf("第%d通电话：%03d-%d", i/sh.PerCall+1, d+1, i/sh.PerCall+1)})
			}
			h := splitmix(sh.Seed<<40 ^ uint64(global))
			label := speakers[h%uint64(len(speakers))]
			var b strings.Builder
			for k := (h>>8)%4 + 1; k > 0; k-- {
				h = splitmix(h)
				b.WriteString(bigPhrases[h%uint64(len(bigPhrases))])
				b.WriteString(punct[(h>>16)%uint64(len(punct))])
			}
			if global%50_000 == 7 {
				b.WriteString("他们说要" + RareWord + "。")
			}
			if d == sh.Docs-1 && i == n-1 {
				b.WriteString("最后问一下" + LastWord + "的事。")
			}
			if global%10 == 3 {
				fmt.Fprintf(&b, "（案号%d）", global)
			}
			doc.Items = append(doc.Items, coding.Item{Kind: coding.KindTurn, Label: label, Speaker: coding.NormalizeLabel(label), Text: b.String()})
			global++
		}
		res, err := p.Import(ctx, doc, fmt.Sprintf("call-%03d.txt", d+1), nil)
		if err != nil {
			return fail(err)
		}
		for pos, it := range doc.Items {
			if it.Kind == coding.KindTurn && it.Speaker != "CLB" {
				codable = append(codable, store.TurnID(res.DocumentID, pos, it.Speaker, it.Text))
			}
		}
	}
	if err := p.SetRole(ctx, "CLB", coding.RoleInterviewer); err != nil {
		return fail(err)
	}
	names := make([]string, sh.Coders)
	for k := range names {
		names[k] = fmt.Sprintf("coder%d", k+1)
	}
	codings, reviews, err := p.WriteGenerated(ctx, names, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), generatedStates(codable, sh))
	if err != nil {
		return fail(err)
	}
	if err := p.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "tcgen: %s: %d documents, %d turns (%d codable), %d coders, %d codings, %d reviewed marks, in %s\n",
		path, sh.Docs, sh.Turns, len(codable), sh.Coders, codings, reviews, time.Since(start).Round(time.Second))
	return nil
}

// generatedStates gives each coder exactly Codings/Coders codings (the first coders one more
// for a remainder), spread evenly over the codable turns: a turn's "true" code is a hash of the
// turn, which each coder gives four times in five, else a code of its own; one turn in twelve
// of an even place with a coding takes its next turn's coding as a second code, so that some turns carry two
// codes and some, reviewed, none; one coder in twenty leaves a turn without a code unreviewed.
func generatedStates(codable []string, sh projectShape) func(yield func(store.GeneratedState) bool) {
	return func(yield func(store.GeneratedState) bool) {
		n := uint64(len(codable))
		if n == 0 {
			return
		}
		for k := 0; k < sh.Coders; k++ {
			q := uint64(sh.Codings / sh.Coders)
			if k < sh.Codings%sh.Coders {
				q++
			}
			count := func(i uint64) uint64 { return (i+1)*q/n - i*q/n } // codings on turn i (0 or 1 while q ≤ n; Σ = q)
			for i := uint64(0); i < n; i++ {
				c := count(i)
				h := splitmix(sh.Seed<<48 ^ uint64(k)<<40 ^ i)
				switch pair := i &^ 1; {
				case pair+1 >= n || count(pair) != 1 || count(pair+1) != 1 || splitmix(sh.Seed<<48^uint64(k)<<40^pair)%12 != 0:
				case i == pair:
					c = 2 // this turn takes the next one's coding
				default:
					c = 0 // the previous turn took it
				}
				truth := splitmix(sh.Seed^i*0x51ed27) % uint64(len(bigCodebook))
				var codes []string
				for j := uint64(0); j < c; j++ {
					code := (truth + j) % uint64(len(bigCodebook))
					if j == 0 && (h>>8)%5 == 4 {
						code = (h >> 16) % uint64(len(bigCodebook))
						if c == 2 && code == (truth+1)%uint64(len(bigCodebook)) {
							code = truth // never the same code twice on a turn
						}
					}
					codes = append(codes, bigCodebook[code].ID)
				}
				st := store.GeneratedState{Coder: k, TurnID: codable[i], Codes: codes, Reviewed: c > 0 || (h>>24)%20 != 0}
				if !yield(st) {
					return
				}
			}
		}
	}
}
