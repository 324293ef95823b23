// Package seeds embeds the demo corpus (five texts on how official unions in China answer when
// workers' rights are at stake) and the default codebook described in seeds/README.md.
package seeds

import (
	"embed"
	"io/fs"
	"sort"

	"github.com/turncoder/turncoder/coding"
)

//go:embed *.txt
var files embed.FS

// File is one seed source: its file name, the readable title the demo project gives it, and
// its bytes.
type File struct {
	Name  string
	Title string
	Data  []byte
}

// titles are the demo documents' readable titles: the calls by what they are, the four texts
// by their own headlines (as the first lines of each file give them). The command line's import
// keeps file-name titles; only the demo project uses these.
var titles = map[string]string{
	"000_d6d2e252924e4e15.txt": "八通电话：东营市总工会与胜利油田工会（2019年3月24日）",
	"001_eb810e1110304a78.txt": "大庆油田掌上APP助力工会工作提质增效",
	"002_0560d1e89a0cc262.txt": "东营市总工会（百科词条）",
	"003_89049800404044df.txt": "蹲在基层，站在一线——2022年全总机关干部蹲点的100多个日夜",
	"004_9788c5d2705d02c4.txt": "上海闵行职工维权机制从“四方联动”向“多方合作”扩展",
}

// Files returns the seed sources in file-name order: the phone-call transcript first, then the
// four official texts.
func Files() []File {
	entries, err := fs.Glob(files, "*.txt")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(entries)
	out := make([]File, 0, len(entries))
	for _, name := range entries {
		b, err := files.ReadFile(name)
		if err != nil {
			panic(err) // embedded at build time
		}
		out = append(out, File{Name: name, Title: titles[name], Data: b})
	}
	return out
}

// Codebook is the default codebook: four ways an official answers when asked about a
// workers' dispute. Its ids are fixed, so every project made from it agrees on them.
func Codebook() []coding.Code {
	return []coding.Code{
		{ID: "code-referral", Name: "referral", NameZH: "转介", Shortcut: "1", Colour: "#1f77b4", Position: 1,
			Definition: "The official sends the caller to another person, department, organisation or phone number instead of answering.",
			Example:    "你要是想，你问一下维权的话，你打那个8336878"},
		{ID: "code-deflection", Name: "deflection", NameZH: "推诿", Shortcut: "2", Colour: "#d62728", Position: 2,
			Definition: "The official disclaims responsibility or jurisdiction, questions the caller's standing, or avoids the question without pointing elsewhere.",
			Example:    "那个胜利油田有单独的工会，他不属于我们市总工会管理啊。"},
		{ID: "code-admission", Name: "admission", NameZH: "承认", Shortcut: "3", Colour: "#ff7f0e", Position: 3,
			Definition: "The official concedes something unfavourable to the union: not knowing about the case, lacking power, or that the problem is unresolved.",
			Example:    "我们也没有行政权啊。我们也没有别的办法制裁他啊。"},
		{ID: "code-claimed-action", Name: "claimed action", NameZH: "声称的行动", Shortcut: "4", Colour: "#2ca02c", Position: 4,
			Definition: "The official asserts that the union has taken, or will take, concrete action.",
			Example:    "我们该做的工作都已经做了。我们也跟他们单位的领导协商过了。"},
	}
}

// Roles gives the demo project's speaker roles: the caller interviews, the directory service
// is neither side, and every union office (the default) responds.
func Roles() map[string]coding.Role {
	return map[string]coding.Role{
		"CLB":         coding.RoleInterviewer,
		"联通 114 电话导航": coding.RoleOther,
	}
}
