package bot

import "context"

// chatLine is the queue of the sends to one chat that wait at once. Its
// first send waits for the chat's token and the global turn; the others
// wait for it, so that a chat's next token wakes one send, not all.
// Guarded by Limiter.mu, except turn, which has its own lock.
type chatLine struct {
	turn    admission
	users   int                // senders in the line, the first included
	waiting [numPriorities]int // senders behind the first, by priority
	lane    Priority           // the global lane the first waits in
	bump    context.CancelFunc // moves the first to a better lane; nil when not queued there
}

// Wait blocks until a message to chatID may be sent, or ctx is done.
//
// Sends to one chat wait one behind the other (by priority, then in
// order): only the first waits for the chat's token and the global turn.
// Were they all to sleep until the chat's next token, they would all wake
// at that moment, one would take it and the others sleep again: n²
// wake-ups for n sends to a chat. The first waits for the global turn in
// the best lane of its line, so a reply queued behind a bulk send to the
// same chat is not held in the bulk lane. With Limits.Off it waits only
// for a pause.
func (l *Limiter) Wait(ctx context.Context, chatID int64, p Priority) error {
	if l.limits.Off {
		return l.waitOff(ctx)
	}
	line := l.joinLine(chatID, p)
	defer l.leaveLine(chatID, line)
	queued, err := line.turn.acquire(ctx, p)
	l.mu.Lock()
	line.waiting[p]--
	l.mu.Unlock()
	if err != nil {
		return err
	}
	if queued {
		l.wakes.Add(1)
	}
	defer line.turn.release()
	for {
		if err := l.sleep(ctx, l.chatDelay(chatID, l.now())); err != nil {
			return err
		}
		ok, err := l.takeTurn(ctx, line, p)
		if err != nil {
			return err
		}
		if !ok {
			continue // moved to a better lane: queue there
		}
		ok, err = l.grant(ctx, chatID)
		l.turn.release()
		if ok || err != nil {
			return err
		}
		// The chat had no token by the time of the global slot (a paid
		// send to it went meanwhile): wait for it outside the turn.
	}
}

// takeTurn queues the line's first send for the global turn in the best
// lane of its line. It reports false when a better send joined the line
// meanwhile, which moves it: the caller queues again.
func (l *Limiter) takeTurn(ctx context.Context, line *chatLine, p Priority) (bool, error) {
	tctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l.mu.Lock()
	line.lane = p
	for q := Priority(0); q < p; q++ {
		if line.waiting[q] > 0 {
			line.lane = q
			break
		}
	}
	lane := line.lane
	line.bump = cancel
	l.mu.Unlock()
	queued, err := l.turn.acquire(tctx, lane)
	l.mu.Lock()
	line.bump = nil
	l.mu.Unlock()
	if queued {
		l.wakes.Add(1)
	}
	if err != nil && ctx.Err() == nil {
		return false, nil
	}
	return err == nil, err
}

// joinLine returns chatID's line, counting the caller in it; a caller
// better than the lane the first waits in moves the first up.
func (l *Limiter) joinLine(chatID int64, p Priority) *chatLine {
	l.mu.Lock()
	defer l.mu.Unlock()
	line := l.lines[chatID]
	if line == nil {
		line = &chatLine{}
		l.lines[chatID] = line
	}
	line.users++
	line.waiting[p]++
	if line.bump != nil && p < line.lane {
		line.bump()
		line.bump = nil
	}
	return line
}

// leaveLine counts the caller out of the line, dropping it when empty.
func (l *Limiter) leaveLine(chatID int64, line *chatLine) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if line.users--; line.users == 0 {
		delete(l.lines, chatID)
	}
}
