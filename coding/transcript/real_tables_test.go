package transcript

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/turncoder/turncoder/coding"
)

// A transcript exported from Adobe Premiere Pro as CSV: "Speaker Name","Start Time","End
// Time","Text", every field quoted, times as timecodes with frames, hh;mm;ss;ff (drop-frame)
// or hh:mm:ss:ff (pattern 7). Each row is a turn; the times are read to the second, and one
// warning says the frames were left out.
func TestRealPremiereTranscriptCSV(t *testing.T) {
	const name = "premiere-transcript.csv"
	m, s := "Maya Okafor", "Siobhan O'Neill"
	want := []coding.Item{
		timedTurn(m, m, "Thanks for coming in. Would you tell us who you are?", 0, at(3), 2),
		timedTurn(s, s, "Sure. I'm Siobhan, and I run the tenants' association in the Riverside blocks, which is about four hundred flats.", at(3), at(11), 3),
		timedTurn(s, s, "We started it after the heating failed for three weeks one winter, and nobody could tell us who was responsible.", at(11), at(19), 4),
		timedTurn(m, m, "And who was responsible, in the end?", at(19), at(24), 5),
		timedTurn(s, s, "Good question.", at(24), at(24), 6),
		timedTurn(m, m, "Yeah.", at(25), at(25), 7),
		timedTurn(s, s, "The landlord said the contractor, the contractor said the council, and the council said it was a private matter. So we wrote to all three, every week, until somebody came.", at(25), at(41), 8),
		timedTurn(m, m, "Did writing every week make the difference, do you think, or was it something else?", hms(0, 1, 2), hms(0, 1, 9), 9),
		timedTurn(s, s, "Honestly? It was the local paper. Once they printed a photo of the boiler room, it was fixed in two days.", hms(0, 1, 10), hms(0, 1, 18), 10),
	}
	src := readFormatFixture(t, "real/"+name)
	for variant, text := range map[string]string{
		"drop-frame":     src,
		"non-drop-frame": strings.ReplaceAll(src, ";", ":"),
	} {
		t.Run(variant, func(t *testing.T) {
			doc, err := Read(name, []byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			sameItems(t, doc.Items, want)
			sep := ";"
			if variant == "non-drop-frame" {
				sep = ":"
			}
			w := []coding.Warning{{Line: 2, Message: "the times are timecodes with frames (00" + sep + "00" + sep + "00" + sep + "04 is hh" + sep + "mm" + sep + "ss" + sep + "ff, as video editors such as Premiere Pro write them); the file does not give the frame rate, so the frames are left out and times are to the second"}}
			if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), w) {
				t.Errorf("warnings %+v\nwant %+v", doc.Warnings, w)
			}
		})
	}
	// A timecode whose frames are not two digits, or a fifth field, is no time.
	for _, bad := range []string{"00;00;01;4", "00:00:01:04:02"} {
		text := strings.Replace(src, "00;00;00;04", bad, 1)
		if _, err := Read(name, []byte(text), Options{}); err == nil || !strings.Contains(err.Error(), "CSV line 2: start time \""+bad+"\" is not a time") {
			t.Errorf("start time %s: error %v", bad, err)
		}
	}
}

// A corpus of many short conversations in the layout of emotion-annotated dialogue datasets
// (MELD's train_sent_emo.csv): "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,
// Utterance_ID,Season,Episode,StartTime,EndTime" with CRLF line ends, StartTime and EndTime
// written "00:03:12,480" (or "0:17:47,512"), quoted (pattern 7). Each Dialogue_ID is a section,
// and the columns not read are named in one warning.
func TestRealDialogueCorpusCSV(t *testing.T) {
	doc := readReal(t, "emotion-dialogues.csv", Options{})
	ms := func(m, s, milli int) time.Duration {
		return time.Duration(m)*time.Minute + time.Duration(s)*time.Second + time.Duration(milli)*time.Millisecond
	}
	sameItems(t, doc.Items, []coding.Item{
		{Kind: coding.KindHeader, Text: "Dialogue_ID 0", Line: 2},
		timedTurn("Lena", "Lena", "Wait, you moved the plants again?", ms(3, 12, 480), ms(3, 14, 902), 2),
		timedTurn("Marco", "Marco", "They needed more light.", ms(3, 15, 117), ms(3, 16, 730), 3),
		timedTurn("Lena", "Lena", "They needed to stay where I put them, that’s what they needed.", ms(3, 16, 981), ms(3, 20, 355), 4),
		timedTurn("Marco", "Marco", "Okay.", ms(3, 20, 610), ms(3, 21, 44), 5),
		{Kind: coding.KindHeader, Text: "Dialogue_ID 1", Line: 6},
		timedTurn("Priya", "Priya", "Is anybody coming to the market on Saturday? They’ve got the cheese man back.", ms(17, 40, 210), ms(17, 45, 876), 6),
		timedTurn("Dan", "Dan", "The cheese man!", ms(17, 46, 3), ms(17, 47, 190), 7),
		timedTurn("Dan", "Dan", "What time?", ms(17, 47, 512), ms(17, 48, 338), 8),
		timedTurn("Priya", "Priya", "Early, before it gets busy.", ms(17, 48, 590), ms(17, 50, 801), 9),
	})
	want := []coding.Warning{{Line: 1, Message: "columns not read: Sr No., Emotion, Sentiment, Utterance_ID, Season, Episode (turncoder reads speaker, text, start, end and section)"}}
	if !reflect.DeepEqual(plainWarnings(t, doc.Warnings), want) {
		t.Errorf("warnings %+v\nwant %+v", doc.Warnings, want)
	}
}
