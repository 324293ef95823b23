package say

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

var zh = map[string]string{
	"%s cannot be opened: %v":  "无法打开%s：%v",
	"the file %q is not there": "文件“%s”不存在",
}

func translate(f string) string {
	if t, ok := zh[f]; ok {
		return t
	}
	return f
}

func TestErrorf(t *testing.T) {
	inner := Errorf("the file %q is not there", "a.txt")
	err := Errorf("%s cannot be opened: %v", "the project", inner)
	if got, want := err.Error(), `the project cannot be opened: the file "a.txt" is not there`; got != want {
		t.Errorf("English %q, want %q", got, want)
	}
	if got, want := In(err, translate), "无法打开the project：文件“a.txt”不存在"; got != want {
		t.Errorf("Chinese %q, want %q", got, want)
	}
	if !errors.Is(err, inner) {
		t.Error("the inner sentence is not beneath the outer")
	}
	// An error of another kind among the values is beneath it too, and says itself.
	err = Errorf("%s cannot be opened: %v", "b.txt", fs.ErrNotExist)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("fs.ErrNotExist is not beneath the sentence")
	}
	if got, want := In(err, translate), "无法打开b.txt：file does not exist"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	// A sentence wrapped in words of another kind is given as it is: its translation would
	// lose the words.
	wrapped := fmt.Errorf("reading: %w", inner)
	if got := In(wrapped, translate); got != wrapped.Error() {
		t.Errorf("a wrapped sentence reads %q", got)
	}
	// A format with no translation is the English.
	if got, want := In(Errorf("nothing to say about %d", 3), translate), "nothing to say about 3"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if In(nil, translate) != "" || In(errors.New("plain"), translate) != "plain" {
		t.Error("nil or a plain error")
	}
}
