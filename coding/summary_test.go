package coding

import (
	"testing"
	"time"
)

func TestWorkSummarySentence(t *testing.T) {
	now := time.Date(2026, 12, 3, 16, 30, 0, 0, time.Local)
	cases := []struct {
		w    WorkSummary
		want string
	}{
		{WorkSummary{Coder: "ana", Codings: 312, Reviewed: 300, Documents: 3, Last: time.Date(2026, 12, 3, 14, 2, 0, 0, time.Local)},
			"312 codings by ana on 3 documents, last change 14:02"},
		{WorkSummary{Coder: "bo", Codings: 1, Reviewed: 1, Documents: 1, Last: time.Date(2026, 12, 1, 9, 5, 0, 0, time.Local)},
			"1 coding by bo on 1 document, last change 1 Dec 09:05"},
		{WorkSummary{Coder: "cy", Codings: 0, Reviewed: 4, Documents: 2, Last: time.Date(2025, 11, 30, 23, 59, 0, 0, time.Local)},
			"0 codings by cy on 2 documents, last change 30 Nov 2025 23:59"},
		{WorkSummary{Coder: "李明"}, "no codings by 李明 yet"},
	}
	for _, c := range cases {
		if got := c.w.Sentence(now); got != c.want {
			t.Errorf("%+v: %q, want %q", c.w, got, c.want)
		}
	}
}
