package report

import (
	"bufio"
	"errors"
	"hash/crc32"
	"io"
	"sync/atomic"

	"github.com/klauspost/compress/flate"
)

// A streamed sheet's rows are compressed as they are written, on another core, into their
// temporary file; the zip writer then copies the compressed bytes into the workbook as they
// are (splicer). Before, the rows were written out as XML and compressed when the zip took
// them, one core doing both in turn: for the big project of issue 21 (2.9 GB of XML) that was
// 7 s of compression after 12 s of making rows, now done beside them.
//
// Deflate lets blocks made apart be joined: a stream ended by a sync flush (an empty stored
// block, byte-aligned, not final) can be followed by another compressor's blocks, which refer
// to nothing before their own start. A rows part of the zip is the sheet's XML before the rows,
// compressed and sync-flushed, the rows' stream, and the rest of the sheet's XML, compressed and
// closed. Its CRC-32 is that of the three joined (crc32Combine).

// deflating compresses what is written to it into w on a goroutine of its own, in the
// workbook's deflate level, counting the bytes out and taking the CRC-32 of those in. finish
// ends the stream with a sync flush (so that more blocks may follow it) and returns the first
// error of the compression or of w.
type deflating struct {
	buf   []byte      // filling
	full  chan []byte // to the goroutine
	free  chan []byte // back from it
	ended chan error

	crc      uint32 // of what was compressed, once finished
	out      int64  // bytes written to w, once finished
	finished bool
	failed   atomic.Pointer[error] // the compressor's first error, for Write to return at once
}

const deflateChunk = 256 << 10

// deflateLevel is the workbook's compression: the fastest (see zipTo).
const deflateLevel = flate.BestSpeed

func newDeflating(w io.Writer) *deflating {
	d := &deflating{buf: make([]byte, 0, deflateChunk), full: make(chan []byte, 2), free: make(chan []byte, 3), ended: make(chan error, 1)}
	d.free <- make([]byte, 0, deflateChunk)
	d.free <- make([]byte, 0, deflateChunk)
	go d.run(w)
	return d
}

func (d *deflating) run(w io.Writer) {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, deflateChunk)
	fw, err := flate.NewWriter(bw, deflateLevel)
	var crc uint32
	for b := range d.full {
		if err == nil {
			crc = crc32.Update(crc, crc32.IEEETable, b)
			if _, err = fw.Write(b); err != nil {
				d.failed.Store(&err)
			}
		}
		d.free <- b[:0]
	}
	if err == nil {
		err = fw.Flush()
	}
	if err == nil {
		err = bw.Flush()
	}
	d.crc, d.out = crc, cw.n
	d.ended <- err
}

// Write keeps p; a full chunk goes to the compressor. A failure of the compressor's (a full
// disk) is returned by the next Write, so that the rows stop at once, and by finish.
func (d *deflating) Write(p []byte) (int, error) {
	if d.finished {
		return 0, errors.New("a write after the rows were finished")
	}
	if err := d.failed.Load(); err != nil {
		return 0, *err
	}
	n := len(p)
	for len(p) > 0 {
		k := copy(d.buf[len(d.buf):cap(d.buf)], p)
		d.buf, p = d.buf[:len(d.buf)+k], p[k:]
		if len(d.buf) == cap(d.buf) {
			d.full <- d.buf
			d.buf = <-d.free
		}
	}
	return n, nil
}

// finish compresses what is kept, ends the stream and waits for the compressor; the counts
// and CRC are then final. A second finish does nothing.
func (d *deflating) finish() error {
	if d.finished {
		return nil
	}
	d.finished = true
	if len(d.buf) > 0 {
		d.full <- d.buf
	}
	d.buf = nil
	close(d.full)
	return <-d.ended
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// crc32Combine is the CRC-32 (IEEE) of a followed by b, from a's CRC, b's CRC and b's length:
// zlib's crc32_combine (Mark Adler), the shift of a's CRC past len(b) zero bits done by
// squaring the operator that shifts one bit. Go's hash/crc32 has no such function, and no
// well-kept module offers one alone.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32 // operators shifting by 2^k zero bits
	odd[0] = crc32.IEEE      // one zero bit, in the reflected form the table uses
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	for {                  // then bytes: eight bits, sixteen, …
		gf2Square(&even, &odd)
		if lenB&1 != 0 {
			crcA = gf2Times(&even, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
		gf2Square(&odd, &even)
		if lenB&1 != 0 {
			crcA = gf2Times(&odd, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

// gf2Times multiplies vec by the 32×32 bit matrix mat (a column per bit) over GF(2).
func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

// gf2Square sets square to mat times mat.
func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
