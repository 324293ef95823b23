package coding

import (
	"fmt"
	"strings"
)

// ListNames lists names for a sentence, at most max of them: "ana", "ana and bo",
// "ana, bo and cai", or "ana, bo, cai and 997 others" (a file may name a thousand coders).
func ListNames(names []string, max int) string {
	if max < 1 {
		max = 1
	}
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1:
		return names[0]
	case len(names) <= max:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return fmt.Sprintf("%s and %d others", strings.Join(names[:max], ", "), len(names)-max)
}
