package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turncoder/turncoder/coding"
	"github.com/turncoder/turncoder/store"
)

// Workspace shows a project's documents and the turns of the chosen one.
type Workspace struct {
	project *store.Project
	docs    []store.DocumentInfo
	turns   []coding.TurnRow

	docList  *widget.List
	turnList *widget.List
	status   *widget.Label
}

// NewWorkspace loads the project's documents and shows the first.
func NewWorkspace(ctx context.Context, p *store.Project) (*Workspace, error) {
	docs, err := p.Documents(ctx)
	if err != nil {
		return nil, err
	}
	ws := &Workspace{project: p, docs: docs, status: widget.NewLabel("")}
	ws.docList = widget.NewList(
		func() int { return len(ws.docs) },
		func() fyne.CanvasObject { return widget.NewLabel("document title placeholder") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := ws.docs[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  (%d)", d.Title, d.Turns))
		})
	ws.turnList = widget.NewList(
		func() int { return len(ws.turns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := ws.turns[i]
			who := t.Speaker
			if who == "" {
				who = "¶"
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%d  %s：%s", t.Number, who, t.Text))
			ws.turnList.SetItemHeight(i, o.MinSize().Height)
		})
	ws.docList.OnSelected = func(i widget.ListItemID) { ws.showDocument(ctx, i) }
	if len(docs) > 0 {
		ws.docList.Select(0)
	}
	return ws, nil
}

func (ws *Workspace) showDocument(ctx context.Context, i int) {
	turns, err := ws.project.Turns(ctx, ws.docs[i].ID)
	if err != nil {
		ws.status.SetText(err.Error())
		return
	}
	ws.turns = turns
	ws.turnList.Refresh()
	ws.turnList.ScrollToTop()
	ws.status.SetText(fmt.Sprintf("%s: %d turns", ws.docs[i].Title, len(turns)))
}

// Content is the workspace's root object.
func (ws *Workspace) Content() fyne.CanvasObject {
	split := container.NewHSplit(ws.docList, ws.turnList)
	split.Offset = 0.25
	return container.NewBorder(nil, ws.status, nil, nil, split)
}
