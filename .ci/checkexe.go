//go:build ignore

// checkexe checks a Windows build of turncoder by its structure, since no Windows runs here
// (Debian 12's Wine 8 lacks bcryptprimitives.dll, which Go 1.24 and later need): a PE32+
// x86-64 image, linked for the GUI subsystem (no console window) or the console one, and for
// the desktop build an icon, a version resource giving the version, and a manifest. It reads
// the file with debug/pe and walks the resource directory itself.
//
//	go run .ci/checkexe.go -gui -version 0.1.0.1 -commit COMMIT dist/…/turncoder.exe
//	go run .ci/checkexe.go -console -commit COMMIT dist/…/turncoder-cli.exe
//
// It prints what it found, one line per check, and exits 1 when any check fails.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
)

const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func main() {
	gui := flag.Bool("gui", false, "the desktop build: GUI subsystem, icon, version resource and manifest, OpenGL imported")
	console := flag.Bool("console", false, "the command line: console subsystem, no OpenGL")
	ver := flag.String("version", "", "the file version the version resource must give (a.b.c.d)")
	commit := flag.String("commit", "", "the commit the build must be stamped with")
	flag.Parse()
	if flag.NArg() != 1 || *gui == *console {
		fmt.Fprintln(os.Stderr, "usage: go run .ci/checkexe.go -gui|-console [-version a.b.c.d] [-commit C] FILE.exe")
		os.Exit(2)
	}
	c := &checker{name: flag.Arg(0)}
	c.run(*gui, *ver, *commit)
	if c.failed {
		fmt.Printf("%s: FAILED\n", c.name)
		os.Exit(1)
	}
	fmt.Printf("%s: every check passed (structure only: no Windows here to run it)\n", c.name)
}

type checker struct {
	name   string
	failed bool
}

func (c *checker) check(ok bool, format string, args ...any) {
	mark := "ok  "
	if !ok {
		mark, c.failed = "FAIL", true
	}
	fmt.Printf("  %s %s\n", mark, fmt.Sprintf(format, args...))
}

func (c *checker) run(gui bool, wantVersion, commit string) {
	raw, err := os.ReadFile(c.name)
	if err != nil {
		c.check(false, "read: %v", err)
		return
	}
	f, err := pe.NewFile(bytes.NewReader(raw))
	if err != nil {
		c.check(false, "not a PE image: %v", err)
		return
	}
	defer f.Close()
	c.check(f.Machine == pe.IMAGE_FILE_MACHINE_AMD64, "machine x86-64 (0x%04x)", f.Machine)
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	c.check(ok && oh.Magic == 0x20b, "PE32+ (64-bit optional header)")
	if !ok {
		return
	}
	want, wantName := uint16(pe.IMAGE_SUBSYSTEM_WINDOWS_CUI), "console"
	if gui {
		want, wantName = pe.IMAGE_SUBSYSTEM_WINDOWS_GUI, "GUI (no console window)"
	}
	c.check(oh.Subsystem == want, "subsystem %s (%d)", wantName, oh.Subsystem)

	// debug/pe does not list the imported libraries themselves; the symbols name theirs.
	syms, _ := f.ImportedSymbols()
	seen := map[string]bool{}
	var libs []string
	for _, s := range syms {
		if _, lib, ok := strings.Cut(s, ":"); ok && !seen[strings.ToLower(lib)] {
			seen[strings.ToLower(lib)] = true
			libs = append(libs, lib)
		}
	}
	opengl := seen["opengl32.dll"]
	if gui {
		c.check(opengl, "imports opengl32.dll (the window's OpenGL driver): %s", strings.Join(libs, " "))
	} else {
		c.check(!opengl, "does not import opengl32.dll (a command line without cgo): %s", strings.Join(libs, " "))
	}
	if commit != "" {
		c.check(bytes.Contains(raw, []byte(commit)), "stamped with commit %s", commit)
	}

	res, err := readResources(f, oh)
	if !gui {
		return
	}
	if err != nil {
		c.check(false, "resources: %v", err)
		return
	}
	c.check(len(res[rtGroupIcon]) >= 1 && len(res[rtIcon]) >= 1, "icon: %d icon group(s), %d image(s)", len(res[rtGroupIcon]), len(res[rtIcon]))
	for i, g := range res[rtGroupIcon] {
		sizes, err := groupIconSizes(g)
		c.check(err == nil && len(sizes) > 0, "icon group %d: sizes %v %s", i+1, sizes, errOr(err))
	}
	c.check(len(res[rtVersion]) == 1, "one version resource (%d)", len(res[rtVersion]))
	if len(res[rtVersion]) == 1 {
		fixed, strs, err := versionInfo(res[rtVersion][0])
		c.check(err == nil, "version resource readable %v", errOr(err))
		if wantVersion != "" {
			c.check(fixed == wantVersion, "file version %s (want %s)", fixed, wantVersion)
			c.check(strs["ProductVersion"] == wantVersion, "ProductVersion %q", strs["ProductVersion"])
		}
		c.check(strs["ProductName"] == "turncoder", "ProductName %q", strs["ProductName"])
	}
	c.check(len(res[rtManifest]) == 1, "one manifest (%d)", len(res[rtManifest]))
	if len(res[rtManifest]) == 1 {
		c.check(bytes.Contains(res[rtManifest][0], []byte("<assembly")), "manifest is an assembly manifest (%d bytes)", len(res[rtManifest][0]))
	}
}

func errOr(err error) string {
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return ""
}

// readResources walks the resource directory (type, name, language) and returns the data of
// every resource by type.
func readResources(f *pe.File, oh *pe.OptionalHeader64) (map[uint32][][]byte, error) {
	dir := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return nil, errors.New("no resource directory")
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+s.VirtualSize {
			sec = s
		}
	}
	if sec == nil {
		return nil, errors.New("the resource directory is in no section")
	}
	data, err := sec.Data()
	if err != nil {
		return nil, err
	}
	base := dir.VirtualAddress - sec.VirtualAddress
	at := func(off, n uint32) ([]byte, error) {
		if uint64(off)+uint64(n) > uint64(len(data)) {
			return nil, fmt.Errorf("resource data out of the section (offset %d, %d bytes)", off, n)
		}
		return data[off : off+n], nil
	}
	// entries lists a directory's entries: id (or name offset) and the offset of the entry's
	// subdirectory or data entry, relative to the resource directory.
	entries := func(off uint32) (ids, offs []uint32, err error) {
		hdr, err := at(base+off, 16)
		if err != nil {
			return nil, nil, err
		}
		n := uint32(binary.LittleEndian.Uint16(hdr[12:])) + uint32(binary.LittleEndian.Uint16(hdr[14:]))
		tab, err := at(base+off+16, 8*n)
		if err != nil {
			return nil, nil, err
		}
		for i := uint32(0); i < n; i++ {
			ids = append(ids, binary.LittleEndian.Uint32(tab[8*i:]))
			offs = append(offs, binary.LittleEndian.Uint32(tab[8*i+4:]))
		}
		return ids, offs, nil
	}
	const sub = 0x80000000
	out := map[uint32][][]byte{}
	types, toffs, err := entries(0)
	if err != nil {
		return nil, err
	}
	for i, typ := range types {
		if toffs[i]&sub == 0 {
			return nil, fmt.Errorf("type %d is not a directory", typ)
		}
		_, noffs, err := entries(toffs[i] &^ sub)
		if err != nil {
			return nil, err
		}
		for _, no := range noffs {
			_, loffs, err := entries(no &^ sub)
			if err != nil {
				return nil, err
			}
			for _, lo := range loffs {
				e, err := at(base+lo, 16) // IMAGE_RESOURCE_DATA_ENTRY: RVA, size, code page, reserved
				if err != nil {
					return nil, err
				}
				rva, size := binary.LittleEndian.Uint32(e), binary.LittleEndian.Uint32(e[4:])
				b, err := at(rva-sec.VirtualAddress, size)
				if err != nil {
					return nil, err
				}
				out[typ&0xffff] = append(out[typ&0xffff], b)
			}
		}
	}
	return out, nil
}

// groupIconSizes lists the sizes of a GRPICONDIR's images (0 is 256).
func groupIconSizes(b []byte) ([]string, error) {
	if len(b) < 6 || binary.LittleEndian.Uint16(b[2:]) != 1 {
		return nil, errors.New("not an icon group")
	}
	n := int(binary.LittleEndian.Uint16(b[4:]))
	if len(b) < 6+14*n {
		return nil, errors.New("icon group cut short")
	}
	var sizes []string
	for i := 0; i < n; i++ {
		w, h := int(b[6+14*i]), int(b[6+14*i+1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		sizes = append(sizes, fmt.Sprintf("%dx%d", w, h))
	}
	return sizes, nil
}

// versionInfo reads a VS_VERSIONINFO: the fixed file version (a.b.c.d) and the strings of its
// StringFileInfo.
func versionInfo(b []byte) (string, map[string]string, error) {
	words := make([]uint16, len(b)/2)
	for i := range words {
		words[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	key := utf16.Encode([]rune("VS_VERSION_INFO"))
	if len(words) < 3+len(key) || string(utf16.Decode(words[3:3+len(key)])) != "VS_VERSION_INFO" {
		return "", nil, errors.New("no VS_VERSION_INFO")
	}
	// The fixed part follows the key, its terminating zero and padding to 32 bits.
	off := (6 + 2*(len(key)+1) + 3) &^ 3
	if len(b) < off+52 || binary.LittleEndian.Uint32(b[off:]) != 0xFEEF04BD {
		return "", nil, errors.New("no VS_FIXEDFILEINFO")
	}
	ms, ls := binary.LittleEndian.Uint32(b[off+8:]), binary.LittleEndian.Uint32(b[off+12:])
	fixed := fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
	// The strings: each String is a key and a value, both zero-terminated UTF-16; reading the
	// whole block as zero-separated words and pairing a known key with what follows suffices.
	strs := map[string]string{}
	var parts []string
	start := 0
	for i, w := range words {
		if w == 0 {
			if i > start {
				parts = append(parts, string(utf16.Decode(words[start:i])))
			}
			start = i + 1
		}
	}
	for i, p := range parts {
		for _, k := range []string{"ProductName", "ProductVersion", "FileDescription", "FileVersion"} {
			if strings.HasSuffix(p, k) && i+1 < len(parts) {
				strs[k] = strings.TrimSpace(lastPrintable(parts[i+1]))
			}
		}
	}
	return fixed, strs, nil
}

// lastPrintable drops the length words a String's value may be read with (they fall between
// zeros only when they are small), keeping the printable text.
func lastPrintable(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool { return r < ' ' })
}
