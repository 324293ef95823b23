package store

import "context"

// CodedInCopies tells whether coders' files were merged into this project: its audit log holds
// a merge of coder files, made with Merge or through a team folder. Its coders then coded in
// copies of their own, which hold none of the other coders' codings and open blind, and a
// methods section may say that they coded blind to one another. In a project where the coders
// coded side by side, Compare coders shows each one the others' codes, and it says false.
func (p *Project) CodedInCopies(ctx context.Context) (bool, error) {
	var merged bool
	err := p.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit WHERE action IN ('merge', 'team merged'))`).Scan(&merged)
	return merged, err
}
