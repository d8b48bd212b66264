package bot

import (
	"math"
	"time"
)

// minGapShare is the shortest spacing of two sends as a share of the
// nominal interval 1/perSecond.
const minGapShare = 0.9

// window is the global limit as Telegram applies it: at most n sends in
// any span of length size. It remembers the grant times of the last n
// sends in a ring. minGap (minGapShare of the nominal interval) keeps two
// sends from going closer than that, so a free window is not spent in one
// burst and a saturated one stays evenly spaced, while a slot missed
// (nobody was ready) can still be caught up a little faster. It is used
// only by the holder of the Limiter's turn.
type window struct {
	n      int
	size   time.Duration
	minGap time.Duration
	times  []time.Time // ring of the last n grants, oldest at head
	head   int
}

// newWindow returns the window for perSecond sends a second: perSecond
// sends in 1 s + windowSlack, or, for limits above maxWindow a second, the
// same rate over a shorter span so the ring stays small.
func newWindow(perSecond float64) *window {
	n := max(1, min(maxWindow, int(math.Floor(perSecond))))
	span := time.Duration(float64(n) / perSecond * float64(time.Second))
	return &window{
		n:      n,
		size:   span + time.Duration(float64(windowSlack)*float64(span)/float64(time.Second)),
		minGap: time.Duration(minGapShare * float64(time.Second) / perSecond),
		times:  make([]time.Time, 0, n),
	}
}

// next returns the earliest time at or after now when one more send keeps
// the window.
func (w *window) next(now time.Time) time.Time {
	at := now
	if len(w.times) == 0 {
		return at
	}
	last := w.times[(w.head+len(w.times)-1)%w.n]
	if t := last.Add(w.minGap); t.After(at) {
		at = t
	}
	if len(w.times) == w.n {
		if t := w.times[w.head].Add(w.size); t.After(at) {
			at = t
		}
	}
	return at
}

// add records a send granted at t (not before the last one).
func (w *window) add(t time.Time) {
	if len(w.times) < w.n {
		w.times = append(w.times, t)
		return
	}
	w.times[w.head] = t
	w.head = (w.head + 1) % w.n
}
