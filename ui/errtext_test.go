package ui

import (
	"archive/zip"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/coding/refi"
	"github.com/turncoder/turncoder/coding/safefile"
	"github.com/turncoder/turncoder/store"
)

// TestAStoreRefusalReachesTheWindowInItsLanguage sends ana's file to a path that is a file,
// not a folder, in each language: the error dialog gives store.Send's refusal in the
// interface's language (errText), the path as it is, and nothing is written.
func TestAStoreRefusalReachesTheWindowInItsLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	notFolder := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notFolder, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Fyne's error dialog begins the sentence with a capital.
	for _, c := range []struct{ tag, want string }{
		{"en", "Cannot write into " + notFolder + ": it is not a folder"},
		{"zh-Hans", "无法写入 " + notFolder + "：它不是文件夹"},
		{"zh-Hant", "無法寫入 " + notFolder + "：它不是資料夾"},
	} {
		SetLanguage(c.tag)
		h.m.sendTo("ana", notFolder)
		h.waitTasks()
		texts := overlayTexts(h.m.win.Canvas())
		if !strings.Contains(strings.Join(texts, "\n"), c.want) {
			t.Errorf("%s: the dialog says %q, not %q", c.tag, texts, c.want)
		}
		h.closeDialogs()
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("the refused sends wrote %v (%v)", entries, err)
	}
}

// TestTheCodebookEditorRefusesInItsLanguage adds a code with no name and one with a name the
// codebook has (in other case), and gives a code a key another has, in Simplified then
// Traditional Chinese: the status line gives the store's refusal in the language, and the
// codebook is as it was.
func TestTheCodebookEditorRefusesInItsLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newEditorHarness(t)
	before := h.names()
	SetLanguage("zh-Hans")
	h.e.add()
	h.e.saveCode()
	if want := "未添加：代码需要一个名称"; h.e.status.Text != want {
		t.Errorf("a nameless code: status %q, want %q", h.e.status.Text, want)
	}
	h.e.name.SetText("Referral")
	h.e.saveCode()
	if want := "未添加：已有名为“referral”的代码"; h.e.status.Text != want {
		t.Errorf("a name the codebook has: status %q, want %q", h.e.status.Text, want)
	}
	SetLanguage("zh-Hant")
	h.selectCode("deflection")
	h.e.shortcut.SetSelected("1")
	h.e.saveCode()
	if want := "未儲存：按鍵1已是「referral」的快速鍵"; h.e.status.Text != want {
		t.Errorf("a key another code has: status %q, want %q", h.e.status.Text, want)
	}
	if after := h.names(); after != before {
		t.Errorf("the refusals changed the codebook: %s, was %s", after, before)
	}
	if c, _ := h.code("deflection"); c.Shortcut != "2" {
		t.Errorf("deflection's key is now %q", c.Shortcut)
	}
}

// TestAKindOfFileIsNamedInTheLanguage refuses to write a workbook over a text file, as an
// export does (safefile.CheckReplace): the kind of file named inside the sentence is in the
// interface's language too, and the English is the command line's.
func TestAKindOfFileIsNamedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	out := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := os.WriteFile(out, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := safefile.CheckReplace(out, safefile.Workbook)
	for _, c := range []struct{ tag, want string }{
		{"en", out + " already exists and is not an Excel workbook; turncoder will not overwrite it (choose another name, or move it away)"},
		{"zh-Hans", out + " 已存在，且不是Excel工作簿；turncoder不会覆盖它（请另选名称，或将它移走）"},
		{"zh-Hant", out + " 已存在，且不是Excel活頁簿；turncoder不會覆寫它（請另選名稱，或將它移走）"},
	} {
		SetLanguage(c.tag)
		if got := errText(err); got != c.want {
			t.Errorf("%s: %q, want %q", c.tag, got, c.want)
		}
	}
	if err.Error() != out+" already exists and is not an Excel workbook; turncoder will not overwrite it (choose another name, or move it away)" {
		t.Errorf("the English is %q", err)
	}
}

// TestAnImportRefusalReadsInTheLanguage reads, for the import's preview, a GB18030 file as
// UTF-8, a .docx that is no zip archive and an empty file, in Simplified then Traditional
// Chinese: each file's refusal (coding/transcript) is in the window's language, its advice on
// the encoding names the Encoding choice above the file instead of the command line's
// --encoding, and nothing is written.
func TestAnImportRefusalReadsInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	dir := t.TempDir()
	gb := filepath.Join(dir, "gb.txt")
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String("甲：你好。\n乙：您好。\n")
	docx := filepath.Join(dir, "broken.docx")
	empty := filepath.Join(dir, "empty.txt")
	for path, data := range map[string]string{gb: gbk, docx: "not a zip", empty: ""} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := h.p.Info(h.ctx)
	for _, c := range []struct{ tag, gb, docx, empty string }{
		{"zh-Hans",
			"gb.txt：该文件不是有效的UTF-8：无效字节0xBC位于第1行（可在上方的“字符编码”中选择gb18030）。它不会被导入。",
			"broken.docx：该文件不是DOCX文档（它不是zip压缩包）。它不会被导入。",
			"empty.txt：该文件是空的。它不会被导入。"},
		{"zh-Hant",
			"gb.txt：該檔案不是有效的UTF-8：無效位元組0xBC位於第1行（可在上方的「字元編碼」中選擇gb18030）。它不會被匯入。",
			"broken.docx：該檔案不是DOCX文件（它不是zip壓縮檔）。它不會被匯入。",
			"empty.txt：該檔案是空的。它不會被匯入。"},
	} {
		SetLanguage(c.tag)
		v := newImportPreview(h.m, mustSources(t, h, gb, docx, empty))
		w := test.NewWindow(v.content)
		v.update()
		v.files.Select(0)
		v.encoding.SetSelected("utf-8")
		if v.summary.Text != c.gb {
			t.Errorf("%s: GB18030 read as UTF-8: %q, want %q", c.tag, v.summary.Text, c.gb)
		}
		for i, want := range []string{c.docx, c.empty} {
			v.files.Select(i + 1)
			if v.summary.Text != want {
				t.Errorf("%s: %q, want %q", c.tag, v.summary.Text, want)
			}
		}
		w.Close()
	}
	if after, _ := h.p.Info(h.ctx); after != before {
		t.Errorf("the refused files were written: %+v", after)
	}
}

// TestOpeningOrMergingAFileThatIsNoProjectSaysSoInTheLanguage opens a text file as a project,
// and checks a text file and the project itself as coder files to merge, in Simplified then
// Traditional Chinese: the error dialog gives the store's refusal (store.Open, PlanMerge) in
// the interface's language, and the project shown and its file are as they were.
func TestOpeningOrMergingAFileThatIsNoProjectSaysSoInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	notes := filepath.Join(t.TempDir(), "notes.turncoder")
	if err := os.WriteFile(notes, []byte("these are my notes, not a project\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	project := h.p.Path()
	before, _ := h.p.Info(h.ctx)
	for _, c := range []struct{ tag, open, merge, itself string }{
		{"zh-Hans", notes + " 不是turncoder项目文件", notes + " 不是turncoder项目文件（它不是SQLite数据库）", project + " 就是本项目；请合并由它制作的副本"},
		{"zh-Hant", notes + " 不是turncoder專案檔", notes + " 不是turncoder專案檔（它不是SQLite資料庫）", project + " 就是本專案；請合併由它製作的副本"},
	} {
		SetLanguage(c.tag)
		for _, step := range []struct {
			do   func()
			want string
		}{
			{func() { h.m.openPath(notes) }, c.open},
			{func() { h.m.previewMerge([]string{notes}) }, c.merge},
			{func() { h.m.previewMerge([]string{project}) }, c.itself},
		} {
			step.do()
			h.waitTasks()
			texts := strings.Join(overlayTexts(h.m.win.Canvas()), "\n")
			if !strings.Contains(texts, step.want) {
				t.Errorf("%s: the dialog says %q, not %q", c.tag, texts, step.want)
			}
			h.closeDialogs()
		}
	}
	if h.m.p != h.p || h.m.p.Path() != project {
		t.Errorf("the window now shows %s", h.m.p.Path())
	}
	if after, _ := h.p.Info(h.ctx); after != before {
		t.Errorf("the refusals changed the project: %+v, was %+v", after, before)
	}
}

// TestATamperedFileIsRefusedInTheLanguage offers, to merge, copies of the project with a
// trigger added, an index added and an index dropped, in Simplified then Traditional Chinese:
// the refusal names the object's kind in the language too (a sentence of say inside the
// sentence), and the project is as it was.
func TestATamperedFileIsRefusedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	dir := t.TempDir()
	tampered := func(name, stmt string) string {
		path := filepath.Join(dir, name+".turncoder")
		if err := h.p.Backup(h.ctx, path); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
		return path
	}
	trigger := tampered("trigger", `CREATE TRIGGER sneaky AFTER INSERT ON codings BEGIN DELETE FROM codings WHERE coder_id <> NEW.coder_id; END`)
	index := tampered("index", `CREATE INDEX spy ON memos(text)`)
	dropped := tampered("dropped", `DROP INDEX turns_speaker`)
	before, _ := h.p.Info(h.ctx)
	for _, c := range []struct {
		tag  string
		want map[string]string
	}{
		{"zh-Hans", map[string]string{
			trigger: trigger + " 含有turncoder从不创建的触发器“sneaky”，可能已被篡改，不予读取",
			index:   index + " 含有turncoder从不创建的索引“spy”，可能已被篡改，不予读取",
			dropped: dropped + " 的表结构与turncoder的不同（缺少索引“turns_speaker”），可能已被篡改，不予读取"}},
		{"zh-Hant", map[string]string{
			trigger: trigger + " 含有turncoder從不建立的觸發程序「sneaky」，可能已被竄改，不予讀取",
			index:   index + " 含有turncoder從不建立的索引「spy」，可能已被竄改，不予讀取",
			dropped: dropped + " 的資料表結構與turncoder的不同（缺少索引「turns_speaker」），可能已被竄改，不予讀取"}},
	} {
		SetLanguage(c.tag)
		for _, path := range []string{trigger, index, dropped} {
			if texts := mergePreviewText(h, path); !strings.Contains(texts, c.want[path]) {
				t.Errorf("%s: the dialog says %q, not %q", c.tag, texts, c.want[path])
			}
		}
	}
	if after, _ := h.p.Info(h.ctx); after != before {
		t.Errorf("the refusals changed the project: %+v, was %+v", after, before)
	}
}

// TestACorrectionIsRefusedInTheLanguage joins the last turn of a document, then, once ana
// has marked turn 1 reviewed, turn 1 with the next, in Simplified then Traditional Chinese:
// the first is refused by the document's shape (coding.EditError), the second by the work on
// it (the store's reason), each in the interface's language, and the document is unchanged.
func TestACorrectionIsRefusedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := harnessOnRecord(t, "甲：你好。\n乙：您好。\n甲：再见。\n")
	original := lineTexts(h.ws)
	refused := func(tag, want string) {
		t.Helper()
		if !dialogOpen(h.m.win) {
			t.Errorf("%s: no sentence for the refused join", tag)
		}
		if got := h.ws.status.Text; got != want {
			t.Errorf("%s: the refusal says %q, want %q", tag, got, want)
		}
		h.closeDialogs()
	}
	SetLanguage("zh-Hans")
	h.ws.SelectTurn(3)
	h.m.joinTurn()
	refused("zh-Hans", "Record 的第3话轮不能与下一话轮连接：它是文档的最后一个话轮。")
	SetLanguage("zh-Hant")
	h.ws.SelectTurn(3)
	h.m.joinTurn()
	refused("zh-Hant", "Record 的第3話輪不能與下一話輪連接：它是文件的最後一個話輪。")

	h.ws.AddCoder("ana")
	h.ws.SelectTurn(1)
	h.c.Focus(h.ws.list)
	h.typ("0")
	for _, c := range []struct{ tag, want string }{
		{"zh-Hans", "Record 的第1话轮不能与下一话轮连接：此文档上已有ana的1个已审阅标记；分段只能在任何人编码之前修正，因为编码属于修正会重建的话轮。"},
		{"zh-Hant", "Record 的第1話輪不能與下一話輪連接：此文件上已有ana的1個已審閱標記；分段只能在任何人編碼之前修正，因為編碼屬於修正會重建的話輪。"},
	} {
		SetLanguage(c.tag)
		h.ws.SelectTurn(1)
		h.m.joinTurn()
		refused(c.tag, c.want)
	}
	if got := lineTexts(h.ws); got != original {
		t.Errorf("a refused join changed the document:\n%s\nwas\n%s", got, original)
	}
}

// TestAMergeConflictIsSaidInTheLanguage merges ana's copy, in which the text of a turn she
// reviewed was changed, in Simplified then Traditional Chinese: the preview names the
// conflict (a turn with another text, not merged) in the interface's language.
func TestAMergeConflictIsSaidInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "ana.turncoder")
	if err := h.p.CopyFor(h.ctx, "ana", copyPath); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+copyPath)
	if err != nil {
		t.Fatal(err)
	}
	var turnID, title string
	var number int
	if err := db.QueryRow(`SELECT t.id, t.number, d.title FROM turns t JOIN documents d ON d.id = t.document_id
		ORDER BY d.position, t.number LIMIT 1`).Scan(&turnID, &number, &title); err != nil {
		t.Fatal(err)
	}
	db.Close()
	c, err := store.Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetState(h.ctx, "ana", turnID, coding.TurnState{Reviewed: true}, "review"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	db, err = sql.Open("sqlite", "file:"+copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE turns SET text = 'something else entirely' WHERE id = ?`, turnID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	mergePreviewSays(t, h, copyPath, []struct{ tag, want string }{
		{"zh-Hans", fmt.Sprintf("冲突，未合并：%s 的第%d话轮在 %s 中的文本与项目中的不同；该话轮没有合并任何内容", title, number, copyPath)},
		{"zh-Hant", fmt.Sprintf("衝突，未合併：%s 的第%d話輪在 %s 中的文字與專案中的不同；該話輪沒有合併任何內容", title, number, copyPath)},
	})
}

// TestAnUnknownXMLEncodingIsRefusedInTheLanguage previews a REFI-QDA project whose
// project.qde declares an encoding turncoder does not know, in Simplified then Traditional
// Chinese: encoding/xml writes coding.XMLCharset's refusal as words, and the reader gives it
// back as the sentence of say, which the preview says in the interface's language.
func TestAnUnknownXMLEncodingIsRefusedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "klingon.qdpx")
	writeQDPX(t, path, `<?xml version="1.0" encoding="x-klingon"?><Project xmlns="urn:QDA-XML:project:1.0" name="k"></Project>`)
	previewSays(t, h, path, []struct{ tag, want string }{
		{"zh-Hans", "klingon.qdpx：其XML声明的字符编码“x-klingon”是turncoder不认识的；请另存为UTF-8后再试。它不会被导入。"},
		{"zh-Hant", "klingon.qdpx：其XML宣告的字元編碼「x-klingon」是turncoder不認識的；請另存為UTF-8後再試。它不會被匯入。"},
	})
}

// TestAWhisperJSONRefusalIsInTheLanguage previews Whisper JSON whose first segment starts at
// a negative time: the refusal, the segment and the time's own sentence inside it, is in
// Simplified then Traditional Chinese.
func TestAWhisperJSONRefusalIsInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "call.json")
	if err := os.WriteFile(path, []byte(`{"segments": [{"start": -1, "end": 2, "text": "你好"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	previewSays(t, h, path, []struct{ tag, want string }{
		{"zh-Hans", "call.json：第1个片段：时间-1是负数。它不会被导入。"},
		{"zh-Hant", "call.json：第1個片段：時間-1是負數。它不會被匯入。"},
	})
}

// TestAnAnalysisSaveRefusedIsInTheLanguage saves an analysis table onto a folder, in
// Simplified then Traditional Chinese: the error dialog gives safefile's refusal in the
// interface's language, not the English it used to (err.Error()), and nothing is written.
func TestAnAnalysisSaveRefusedIsInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	_, v := analysisHarness(t)
	folder := t.TempDir()
	wrote := false
	for _, c := range []struct{ tag, want string }{
		{"zh-Hans", "未保存：" + folder + " 是文件夹；请为CSV文件提供文件名"},
		{"zh-Hant", "未儲存：" + folder + " 是資料夾；請為CSV檔案提供檔案名稱"},
	} {
		SetLanguage(c.tag)
		v.saveTo(folder, safefile.CSV, func(f *os.File) error { wrote = true; return nil })
		texts := strings.Join(overlayTexts(v.win.Canvas()), "\n")
		if !strings.Contains(texts, c.want) {
			t.Errorf("%s: the dialog says %q, not %q", c.tag, texts, c.want)
		}
		for _, o := range v.win.Canvas().Overlays().List() {
			v.win.Canvas().Overlays().Remove(o)
		}
	}
	if entries, _ := os.ReadDir(folder); wrote || len(entries) != 0 {
		t.Errorf("the refused saves wrote %v (the table was written: %v)", entries, wrote)
	}
}

// TestAFileBoundToNoCoderIsPointedOutInTheLanguage offers a backup of the project, which
// ana's and bo's work is in and which is bound to no coder, to merge, in Simplified then
// Traditional Chinese: the preview's check names the file and its coders (a list joined as
// the language joins one) in the interface's language.
func TestAFileBoundToNoCoderIsPointedOutInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	h.codeTurns("ana", map[int]string{2: "1"})
	h.codeTurns("bo", map[int]string{2: "2"})
	backup := filepath.Join(t.TempDir(), "backup.turncoder")
	if err := h.p.Backup(h.ctx, backup); err != nil {
		t.Fatal(err)
	}
	mergePreviewSays(t, h, backup, []struct{ tag, want string }{
		{"zh-Hans", "请检查：backup.turncoder 不是编码员副本：合并它可能改变其中每位编码员的工作（ana和bo）。"},
		{"zh-Hant", "請檢查：backup.turncoder 不是編碼員副本：合併它可能改變其中每位編碼員的工作（ana和bo）。"},
	})
}

// TestAnOlderCopyIsPointedOutInTheLanguage merges ana's copy with her work in it, then offers
// a copy of hers made before that work, in Simplified then Traditional Chinese: the preview's
// check (the file is older than what was merged today, nothing new) is in the interface's
// language, its day too.
func TestAnOlderCopyIsPointedOutInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	older, newer := filepath.Join(dir, "older.turncoder"), filepath.Join(dir, "newer.turncoder")
	for _, path := range []string{older, newer} {
		if err := h.p.CopyFor(h.ctx, "ana", path); err != nil {
			t.Fatal(err)
		}
	}
	c, err := store.Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := c.Lines(h.ctx, h.ws.doc)
	if err != nil {
		t.Fatal(err)
	}
	reviewed := 0
	for _, l := range lines {
		if l.TurnID == "" || reviewed == 2 {
			continue
		}
		if err := c.SetState(h.ctx, "ana", l.TurnID, coding.TurnState{Reviewed: true}, "review"); err != nil {
			t.Fatal(err)
		}
		reviewed++
	}
	c.Close()
	if _, err := h.p.Merge(h.ctx, []string{newer}, store.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ tag, start, end string }{
		{"zh-Hans", "请检查 older.turncoder：ana 的文件比今天", "合并的内容更旧：没有新内容；ana 发送的文件对吗？"},
		{"zh-Hant", "請檢查 older.turncoder：ana 的檔案比今天", "合併的內容更舊：沒有新內容；ana 傳送的檔案對嗎？"},
	} {
		SetLanguage(c.tag)
		texts := mergePreviewText(h, older)
		if i := strings.Index(texts, c.start); i < 0 || !strings.Contains(texts[i:], c.end) {
			t.Errorf("%s: the preview says %q, not %q…%q", c.tag, texts, c.start, c.end)
		}
	}
}

// TestAnImportsWarningsAreInTheLanguage previews a CSV transcript with a column turncoder
// does not read, a row without text and one without a speaker, in
// Simplified then Traditional Chinese: the Warnings tab gives each of the reader's warnings
// (coding/transcript) and its line in the window's language; a table without a text column is
// refused with the columns it has, a blank one named in the language too.
func TestAnImportsWarningsAreInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	dir := t.TempDir()
	path, noText := filepath.Join(dir, "talk.csv"), filepath.Join(dir, "mood.csv")
	for p, data := range map[string]string{
		path:   "speaker,text,mood\n甲,你好,ok\n乙,,x\n,您好,y\n",
		noText: "speaker,,mood\n甲,你好,ok\n",
	} {
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ tag, want, refusal string }{
		{"en", "line 1: columns not read: mood (turncoder reads speaker, text, start, end and section)\n" +
			"line 3: the row has no text; skipped\n" +
			"line 4: the row has no speaker",
			"mood.csv: the CSV has no 'text' column (found: speaker, (blank), mood); the first row must name a speaker column (speaker, name, 说话人, 发言人) and a text column (text, utterance, content, 内容, 文本). It will not be imported."},
		{"zh-Hans", "第1行：未读取的列：mood（turncoder读取speaker、text、start、end和section列）\n" +
			"第3行：该行没有文本；已跳过\n" +
			"第4行：该行没有说话人",
			"mood.csv：该CSV没有'text'列（找到的是：speaker、（空白）、mood）；第一行须给出说话人列（speaker、name、说话人、发言人）和文本列（text、utterance、content、内容、文本）的列名。它不会被导入。"},
		{"zh-Hant", "第1行：未讀取的欄：mood（turncoder讀取speaker、text、start、end和section欄）\n" +
			"第3行：該列沒有文字；已略過\n" +
			"第4行：該列沒有說話人",
			"mood.csv：該CSV沒有'text'欄（找到的是：speaker、（空白）、mood）；第一列須給出說話人欄（speaker、name、说话人、发言人）和文字欄（text、utterance、content、内容、文本）的欄名。它不會被匯入。"},
	} {
		SetLanguage(c.tag)
		v := newImportPreview(h.m, mustSources(t, h, path, noText))
		w := test.NewWindow(v.content)
		v.update()
		if v.warnings.Text != c.want {
			t.Errorf("%s: the warnings are\n%s\nwant\n%s", c.tag, v.warnings.Text, c.want)
		}
		v.files.Select(1)
		if v.summary.Text != c.refusal {
			t.Errorf("%s: a table without a text column: %q, want %q", c.tag, v.summary.Text, c.refusal)
		}
		w.Close()
	}
}

// TestAREFIProjectsWarningsAreInTheLanguage previews a REFI-QDA project whose codebook holds
// a code named the ATLAS.ti way (parent::child), whose text source begins with a line that is
// no speaker's and which holds a PDF source, in Simplified then Traditional Chinese: what the
// report leaves out (counted, and why) and its warnings (coding/refi), the source's own
// reader's warning inside one of them, and the whole report, are in the window's language;
// in English the report is the command line's.
func TestAREFIProjectsWarningsAreInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "union.qdpx")
	writeQDPX(t, path, `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">`+
		`<CodeBook><Codes><Code guid="11111111-0000-4000-8000-000000000001" name="work::nights" isCodable="true"/></Codes></CodeBook>`+
		`<Sources><TextSource guid="22222222-0000-4000-8000-000000000001" name="Union"><PlainTextContent>`+
		"Minutes of the meeting\nQ: Are you in the union?\nA: Since 2015.\n(laughter)\nQ: Which one?\nA: The nurses' union."+
		`</PlainTextContent></TextSource><PDFSource guid="22222222-0000-4000-8000-000000000002" name="scan"/></Sources></Project>`)
	// In English the report is the command line's (refi.Report.Write), word for word.
	_, rep, err := refi.ReadFile(path, refi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep.File = "union.qdpx"
	var b strings.Builder
	rep.Write(&b)
	english := b.String()
	for _, c := range []struct{ tag, want, report string }{
		{"en", "left out: 1 PDF source: turncoder codes text it can split into turns; export the PDF's text as a .txt and import that\n" +
			"1 code(s) named parent::child, as ATLAS.ti writes a code under another, were put under their parent: work::nights\n" +
			`"Union": line 1: text with no speaker label where no turn is open; kept as a note`, english},
		{"zh-Hans", "未导入：1个PDF来源：turncoder编码能拆分为话轮的文本；请将PDF的文本导出为.txt再导入\n" +
			"1个名为“父::子”的代码（ATLAS.ti以此写法表示代码的上下级）已放到其父代码之下：work::nights\n" +
			"“Union”：第1行：文本没有说话人标签，且前面没有未结束的话轮；保留为注记",
			"union.qdpx：REFI-QDA项目“p”，1份文档（4个话轮），0位编码员，2个代码，0个选段已放到话轮上（其中0个跨多个话轮），0条编码，0个已审阅标记，0条备忘\n" +
				"文档：\n" +
				"  “Union”，读作话轮文本：0节，4个话轮，2条注记，2位说话人；0个选段已放到话轮上（其中0个跨多个话轮）\n" +
				"未导入：\n" +
				"  1个PDF来源：turncoder编码能拆分为话轮的文本；请将PDF的文本导出为.txt再导入\n" +
				"警告（2）：\n" +
				"  1个名为“父::子”的代码（ATLAS.ti以此写法表示代码的上下级）已放到其父代码之下：work::nights\n" +
				"  “Union”：第1行：文本没有说话人标签，且前面没有未结束的话轮；保留为注记\n"},
		{"zh-Hant", "未匯入：1個PDF來源：turncoder編碼能拆分為話輪的文字；請將PDF的文字匯出為.txt再匯入\n" +
			"1個名為「父::子」的代碼（ATLAS.ti以此寫法表示代碼的上下層級）已放到其父代碼之下：work::nights\n" +
			"「Union」：第1行：文字沒有說話人標籤，且前面沒有未結束的話輪；保留為註記",
			"union.qdpx：REFI-QDA專案「p」，1份文件（4個話輪），0位編碼員，2個代碼，0個選段已放到話輪上（其中0個跨多個話輪），0筆編碼，0個已審閱標記，0則備忘\n" +
				"文件：\n" +
				"  「Union」，讀作話輪文本：0節，4個話輪，2則註記，2位說話人；0個選段已放到話輪上（其中0個跨多個話輪）\n" +
				"未匯入：\n" +
				"  1個PDF來源：turncoder編碼能拆分為話輪的文字；請將PDF的文字匯出為.txt再匯入\n" +
				"警告（2）：\n" +
				"  1個名為「父::子」的代碼（ATLAS.ti以此寫法表示代碼的上下層級）已放到其父代碼之下：work::nights\n" +
				"  「Union」：第1行：文字沒有說話人標籤，且前面沒有未結束的話輪；保留為註記\n"},
	} {
		previewIn(t, h, path, c.tag, func(v *importPreview) {
			if v.warnings.Text != c.want {
				t.Errorf("%s: the warnings are\n%s\nwant\n%s", c.tag, v.warnings.Text, c.want)
			}
			if v.first.Text != c.report {
				t.Errorf("%s: the report is\n%s\nwant\n%s", c.tag, v.first.Text, c.report)
			}
		})
	}
}

// TestACorrectionIsSaidInTheLanguage gives turn 2, the only one of 乙, to a new speaker 丙,
// takes it back and makes it again, in Simplified then Traditional Chinese: the status line
// names the correction, the speaker made (with the role) and the one removed, its undo and its
// redo in the interface's language; once ana has reviewed a turn, the undo is refused, naming
// the correction in the language too.
func TestACorrectionIsSaidInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	const (
		hans = "将第2话轮（record）的说话人改为“丙”（原为“乙”）；“丙”是新说话人（受访者）；“乙”已没有话轮，已从说话人中移除"
		hant = "將第2話輪（record）的說話人改為「丙」（原為「乙」）；「丙」是新說話人（受訪者）；「乙」已沒有話輪，已從說話人中移除"
	)
	for _, c := range []struct{ tag, done, undone, redone, refused string }{
		{"zh-Hans", hans + "  ·  按Ctrl+Z可撤销", "撤销：" + hans, "重做：" + hans,
			"无法执行“撤销：" + hans + "”：此文档上已有ana的1个已审阅标记；分段只能在任何人编码之前修正，因为编码属于修正会重建的话轮"},
		{"zh-Hant", hant + "  ·  按Ctrl+Z可復原", "復原：" + hant, "重做：" + hant,
			"無法執行「復原：" + hant + "」：此文件上已有ana的1個已審閱標記；分段只能在任何人編碼之前修正，因為編碼屬於修正會重建的話輪"},
	} {
		SetLanguage(c.tag)
		h := harnessOnRecord(t, "甲：你好。\n乙：您好。\n甲：再见。\n")
		h.ws.AddCoder("ana") // before: choosing a coder empties the undo stack
		h.ws.SelectTurn(2)
		h.m.speakerTurn()
		h.c.Focused().(interface{ SetText(string) }).SetText("丙")
		h.key(fyne.KeyReturn)
		if got := h.ws.status.Text; got != c.done {
			t.Errorf("%s: after the correction the status says %q, want %q", c.tag, got, c.done)
		}
		h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
		if got := h.ws.status.Text; got != c.undone {
			t.Errorf("%s: after Ctrl+Z the status says %q, want %q", c.tag, got, c.undone)
		}
		h.shortcut(fyne.KeyY, fyne.KeyModifierShortcutDefault)
		if got := h.ws.status.Text; got != c.redone {
			t.Errorf("%s: after Ctrl+Y the status says %q, want %q", c.tag, got, c.redone)
		}
		h.ws.SelectTurn(1)
		h.c.Focus(h.ws.list)
		h.typ("0")
		h.ws.undo = slices.DeleteFunc(h.ws.undo, func(u edit) bool { return u.seg == nil }) // the review's undo
		h.shortcut(fyne.KeyZ, fyne.KeyModifierShortcutDefault)
		if got := h.ws.status.Text; got != c.refused {
			t.Errorf("%s: the refused undo says %q, want %q", c.tag, got, c.refused)
		}
		h.closeDialogs()
	}
}

// TestAREFIProjectsImportIsReportedInTheLanguage imports a REFI-QDA project with a code and a
// coded passage, in English, Simplified then Traditional Chinese: the import's report names
// what was written in the window's language, in English as the command line's does
// (store.REFIImport.Sentence).
func TestAREFIProjectsImportIsReportedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	path := filepath.Join(t.TempDir(), "union.qdpx")
	writeQDPX(t, path, `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">`+
		`<Users><User guid="33333333-0000-4000-8000-000000000001" name="ana"/></Users>`+
		`<CodeBook><Codes><Code guid="11111111-0000-4000-8000-000000000001" name="union" isCodable="true"/></Codes></CodeBook>`+
		`<Sources><TextSource guid="22222222-0000-4000-8000-000000000001" name="Union"><PlainTextContent>`+
		"Q: Are you in the union?\nA: Since 2015."+
		`</PlainTextContent><PlainTextSelection guid="44444444-0000-4000-8000-000000000001" startPosition="28" endPosition="39" creatingUser="33333333-0000-4000-8000-000000000001">`+
		`<Coding guid="55555555-0000-4000-8000-000000000001" creatingUser="33333333-0000-4000-8000-000000000001"><CodeRef targetGUID="11111111-0000-4000-8000-000000000001"/></Coding>`+
		`</PlainTextSelection></TextSource></Sources></Project>`)
	SetLanguage("en")
	r := store.REFIImport{Documents: []store.ImportResult{{Duplicate: true}, {}, {}}, CodersAdded: 2, CodesAdded: 1, CodesChanged: 3, Codings: 5, Reviewed: 1, Memos: 2}
	if got, want := refiImported(r), r.Sentence(); got != want {
		t.Errorf("in English the window says %q, the command line %q", got, want)
	}
	for _, c := range []struct{ tag, want string }{
		{"en", "union.qdpx: imported 1 document (0 of them already in the project), 1 coder added, 1 code added and 0 changed, 1 coding, 1 reviewed mark, 0 memos"},
		{"zh-Hans", "union.qdpx：导入了1份文档（其中0份已在项目中），新增1位编码员，新增1个代码、更改0个，1条编码，1个已审阅标记，0条备忘"},
		{"zh-Hant", "union.qdpx：匯入了1份文件（其中0份已在專案中），新增1位編碼員，新增1個代碼、變更0個，1筆編碼，1個已審閱標記，0則備忘"},
	} {
		SetLanguage(c.tag)
		h := newHarness(t)
		report, _ := importSources(h.ctx, h.p, mustSources(t, h, path), &taskProgress{bar: widget.NewProgressBar(), label: widget.NewLabel("")})
		if got := strings.Join(report, "\n"); got != c.want {
			t.Errorf("%s: the import says %q, want %q", c.tag, got, c.want)
		}
	}
}

// TestASentFileIsDescribedInTheLanguage sends ana's file, with one code she gave, in
// English, Simplified then Traditional Chinese: the status line says what the file holds
// (coding.WorkSummary's sentence, its counts and the time of her last change) in the
// interface's language.
func TestASentFileIsDescribedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	h := newHarness(t)
	if err := h.ws.AddCoder("ana"); err != nil {
		t.Fatal(err)
	}
	h.ws.SelectTurn(2) // turn 1 is the interviewer's, which is not coded
	h.c.Focus(h.ws.list)
	h.typ("1")
	for _, c := range []struct{ tag, start, end string }{
		{"en", "wrote ", ": 1 coding by ana on 1 document, last change "},
		{"zh-Hans", "已写出 ", "：1条编码（ana，1份文档），最后更改："},
		{"zh-Hant", "已寫出 ", "：1筆編碼（ana，1份文件），最後變更："},
	} {
		SetLanguage(c.tag)
		h.m.sendTo("ana", t.TempDir())
		h.waitTasks()
		h.closeDialogs()
		got := h.ws.status.Text
		at := strings.Index(got, c.end)
		if !strings.HasPrefix(got, c.start) || at < 0 || len(got)-at-len(c.end) != len("14:02") {
			t.Errorf("%s: the status says %q, want %q…%q and the time", c.tag, got, c.start, c.end)
		}
	}
}

// writeQDPX writes a REFI-QDA project file at path whose project.qde is qde.
func writeQDPX(t *testing.T, path, qde string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.Create("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(qde)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestAREFIExportIsReportedInTheLanguage: what a REFI-QDA export wrote is the command line's
// sentence in English, and Chinese in the Chinese window, one and many of each.
func TestAREFIExportIsReportedInTheLanguage(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	for _, st := range []refi.WriteStats{{Documents: 1, Coders: 1, Codes: 1, Selections: 1, Codings: 1, Memos: 1}, {Documents: 3, Coders: 2, Codes: 4, Selections: 120, Codings: 98, Memos: 5}} {
		SetLanguage("en")
		if got, want := refiWritten(st), st.Sentence(); got != want {
			t.Errorf("in English the window says %q, the command line %q", got, want)
		}
	}
	st := refi.WriteStats{Documents: 3, Coders: 2, Codes: 4, Selections: 120, Codings: 98, Memos: 1}
	for _, c := range []struct{ tag, want string }{
		{"zh-Hans", "3份文档、2位编码员、4个代码、120个选段（编码员在一个话轮上的工作）、98条编码、1条备忘"},
		{"zh-Hant", "3份文件、2位編碼員、4個代碼、120個選段（編碼員在一個話輪上的工作）、98筆編碼、1則備忘"},
	} {
		SetLanguage(c.tag)
		if got := refiWritten(st); got != c.want {
			t.Errorf("%s: %q, want %q", c.tag, got, c.want)
		}
	}
}

// previewIn previews path with the interface in language tag and gives check the preview.
func previewIn(t *testing.T, h *harness, path, tag string, check func(v *importPreview)) {
	t.Helper()
	SetLanguage(tag)
	v := newImportPreview(h.m, mustSources(t, h, path))
	w := test.NewWindow(v.content)
	defer w.Close()
	v.update()
	check(v)
}

// previewSays previews path in each case's language and checks that the preview's summary is
// the case's sentence.
func previewSays(t *testing.T, h *harness, path string, cases []struct{ tag, want string }) {
	t.Helper()
	for _, c := range cases {
		previewIn(t, h, path, c.tag, func(v *importPreview) {
			if v.summary.Text != c.want {
				t.Errorf("%s: %q, want %q", c.tag, v.summary.Text, c.want)
			}
		})
	}
}

// mergePreviewSays previews a merge of path in each case's language and checks that the
// preview says the case's sentence.
func mergePreviewSays(t *testing.T, h *harness, path string, cases []struct{ tag, want string }) {
	t.Helper()
	for _, c := range cases {
		SetLanguage(c.tag)
		if texts := mergePreviewText(h, path); !strings.Contains(texts, c.want) {
			t.Errorf("%s: the preview says %q, not %q", c.tag, texts, c.want)
		}
	}
}

// mergePreviewText previews a merge of path and gives what the window's dialogs say, then
// closes them.
func mergePreviewText(h *harness, path string) string {
	h.m.previewMerge([]string{path})
	h.waitTasks()
	texts := strings.Join(overlayTexts(h.m.win.Canvas()), "\n")
	h.closeDialogs()
	return texts
}
