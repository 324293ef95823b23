package transcript

import "archive/zip"

// What a reader of another zip format (a REFI-QDA project, package coding/refi) shares with the
// DOCX and XLSX readers: the same limits on what is unpacked, and Word's paragraphs.

// The limits on unpacking a zip archive, as DOCX and XLSX have them: the sum of the parts
// unpacked, one part parsed, and how much larger than its compressed size a part over
// ZipRatioFloor may claim to be.
const (
	MaxZipTotal   = maxZipTotal
	MaxZipEntry   = maxZipEntry
	MaxZipRatio   = maxZipRatio
	ZipRatioFloor = zipRatioFloor
)

// CheckZipSizes refuses, in one sentence naming what (the format, "REFI-QDA project", a
// sentence of say that is translated with it), an
// archive whose parts in zr.File claim to unpack to more than MaxZipTotal in all, or a part
// over ZipRatioFloor that claims more than MaxZipRatio times its compressed size. Only the
// directory is read; archive/zip then holds each part to the size it claims while it is read.
// A caller that unpacks only some parts passes a zip.Reader holding those.
func CheckZipSizes(zr *zip.Reader, what error) error { return checkZipSizes(zr, what) }

// DOCXLines is the text of a Word document's body as Read sees it: one entry a paragraph or a
// manual line break, in reading order. A DOCX source read with Read has each item's Line as
// the 1-based index of its entry here, so the lines joined with "\n" are the text whose
// positions that item's line starts at.
func DOCXLines(data []byte) ([]string, error) { return readDOCX(data) }
