package coding

import "testing"

func TestGuessRole(t *testing.T) {
	for label, want := range map[string]Role{
		"Interviewer": RoleInterviewer, "interviewer 2": RoleInterviewer, "Moderator": RoleInterviewer,
		"Q": RoleInterviewer, "Ｑ": RoleInterviewer, "I": RoleInterviewer, "采访者": RoleInterviewer,
		"访谈者": RoleInterviewer, "主持人": RoleInterviewer, "记者": RoleInterviewer, "訪談者": RoleInterviewer,
		"A": RoleRespondent, "CLB": RoleRespondent, "东营市总工会": RoleRespondent, "Ina": RoleRespondent,
		"Interviewee": RoleRespondent, "受访者": RoleRespondent,
	} {
		if got := GuessRole(label); got != want {
			t.Errorf("GuessRole(%q) = %s, want %s", label, got, want)
		}
	}
}
