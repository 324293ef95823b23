package seeds

import (
	"context"
	"fmt"
	"os"

	"github.com/turncoder/turncoder/coding/transcript"
	"github.com/turncoder/turncoder/store"
)

// CreateDemo makes the demo project at path: the five seed texts imported, the default
// codebook, and the speakers' roles set. A failure leaves no file behind.
func CreateDemo(path string) (err error) {
	p, err := store.Create(path, Codebook())
	if err != nil {
		return err
	}
	defer func() {
		if cerr := p.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			for _, s := range []string{"", "-wal", "-shm"} {
				os.Remove(path + s)
			}
		}
	}()
	ctx := context.Background()
	for _, f := range Files() {
		doc, err := transcript.Read(f.Name, f.Data, transcript.Options{})
		if err != nil {
			return fmt.Errorf("demo project: seed %s: %w", f.Name, err)
		}
		if f.Title != "" {
			doc.Title = f.Title
		}
		if _, err := p.Import(ctx, doc, f.Name, nil); err != nil {
			return fmt.Errorf("demo project: seed %s: %w", f.Name, err)
		}
	}
	for label, role := range Roles() {
		if err := p.SetRole(ctx, label, role); err != nil {
			return fmt.Errorf("demo project: %w", err)
		}
	}
	return nil
}
